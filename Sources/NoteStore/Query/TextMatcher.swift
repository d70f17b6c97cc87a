/// Case-insensitive, Unicode-aware substring search over a note's searchable text.
///
/// For notes still in the snapshot it first scans the note's raw JSON bytes (ASCII case
/// folding), which rejects almost every note without decoding it; only candidates are decoded
/// and checked exactly. The pre-filter is used only when it cannot miss a match: the needle is
/// ASCII without JSON-escaped characters, or has no case at all (CJK, digits).
public struct TextMatcher: Sendable {
  public let needle: String
  let folded: String
  let rawNeedle: [UInt8]?
  let foldASCII: Bool

  public init(_ text: String) {
    needle = text
    folded = text.lowercased()
    let bytes = Array(folded.utf8)
    let escapesInJSON = bytes.contains {
      $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20
    }
    if escapesInJSON || bytes.isEmpty {
      rawNeedle = nil
      foldASCII = false
    } else if bytes.allSatisfy({ $0 < 0x80 }) {
      rawNeedle = bytes
      foldASCII = true
    } else if text.lowercased() == text.uppercased() {
      rawNeedle = Array(text.utf8)
      foldASCII = false
    } else {
      rawNeedle = nil
      foldASCII = false
    }
  }

  /// True if `text` contains the needle, ignoring case.
  public func matches(_ text: String) -> Bool {
    text.lowercased().contains(folded)
  }

  /// True if the header fields contain the needle.
  func matches(_ header: NoteHeader) -> Bool {
    matches(header.title) || (header.url.map(matches) ?? false)
      || header.tags.contains(where: matches)
  }

  /// True if the summary text contains the needle.
  func matches(_ summary: [SummaryNode]) -> Bool {
    SummaryNode.flatten(summary).contains { matches($0.node.plainText) }
  }

  /// False only when `bytes` certainly do not contain the needle.
  func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let rawNeedle, let first = rawNeedle.first else { return true }
    let count = rawNeedle.count
    guard bytes.count >= count else { return false }
    let upperFirst = foldASCII && first >= 0x61 && first <= 0x7A ? first - 0x20 : first
    var index = 0
    let last = bytes.count - count
    while index <= last {
      let byte = bytes[index]
      if byte == first || byte == upperFirst {
        var matched = 1
        while matched < count {
          var candidate = bytes[index + matched]
          if foldASCII && candidate >= 0x41 && candidate <= 0x5A { candidate += 0x20 }
          if candidate != rawNeedle[matched] { break }
          matched += 1
        }
        if matched == count { return true }
      }
      index += 1
    }
    return false
  }
}
