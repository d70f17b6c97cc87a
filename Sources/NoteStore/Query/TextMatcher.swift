import ByteKernels

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
  /// The folded needle's bytes when `matches(_:)` may answer by an ASCII byte search: it is
  /// ASCII, not empty, and without CR or LF (see `asciiMatch`).
  let asciiNeedle: [UInt8]?

  public init(_ text: String) {
    needle = text
    folded = text.lowercased()
    let bytes = Array(folded.utf8)
    let isPlainASCII = bytes.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }
    asciiNeedle = isPlainASCII && !bytes.isEmpty ? bytes : nil
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

  /// True if `text` contains the needle, ignoring case: `text.lowercased()` contains the
  /// lowercased needle, compared as Characters.
  public func matches(_ text: String) -> Bool {
    if let asciiNeedle, let answer = Self.asciiMatch(text, asciiNeedle) { return answer }
    return exactlyMatches(text)
  }

  /// `matches(_:)` by its definition. (This module imports no Foundation, so `contains` is
  /// the standard library's Character search, not Foundation's UTF-16 one.)
  func exactlyMatches(_ text: String) -> Bool {
    text.lowercased().contains(folded)
  }

  /// `matches(_:)` by a byte search, or nil when only the exact path can tell.
  ///
  /// For ASCII text this is exact: `lowercased()` maps A–Z to a–z and nothing else, and the
  /// Characters of ASCII text are its bytes except CR LF, which is one Character; a needle
  /// without CR and LF can neither match half of one nor start or end inside one. Other text
  /// may match where no bytes do (lowercasing non-ASCII can yield ASCII: KELVIN SIGN → "k";
  /// GREEK QUESTION MARK is canonically ";"), and bytes may match where Characters do not (a
  /// combining mark joins the ASCII letter before it into one Character), so there only a
  /// byte match between ASCII bytes (or the ends of the text) answers: those neighbours are
  /// Characters of their own on both sides, lowercased to ASCII, so the lowercased text holds
  /// the needle's Characters there. Anything else is left to the exact path. (Most summaries
  /// hold some non-ASCII; the exact path lowercases and searches them as Characters, which was
  /// a tenth of `list --search` at 1,000,000 notes.)
  static func asciiMatch(_ text: String, _ needle: [UInt8]) -> Bool? {
    var text = text
    return text.withUTF8 { bytes in
      if isASCII(bytes) { return firstMatch(of: needle, in: bytes, foldASCII: true) != nil }
      var from = 0
      while from < bytes.count,
        let offset = firstMatch(
          of: needle, in: UnsafeBufferPointer(rebasing: bytes[from...]), foldASCII: true)
      {
        let start = from + offset
        let end = start + needle.count
        if (start == 0 || bytes[start - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80) {
          return true
        }
        from = start + 1
      }
      return nil
    }
  }

  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var union: UInt8 = 0
    for byte in bytes { union |= byte }
    return union < 0x80
  }

  /// The offset of the first occurrence of `needle` in `bytes`, folding A–Z in `bytes` to
  /// a–z when `foldASCII` (the needle is then lowercase already).
  static func firstMatch(
    of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, foldASCII: Bool
  ) -> Int? {
    guard let first = needle.first, bytes.count >= needle.count else { return nil }
    let upperFirst = foldASCII ? ASCII.uppercased(first) : first
    var index = 0
    let last = bytes.count - needle.count
    while index <= last {
      let byte = bytes[index]
      if byte == first || byte == upperFirst {
        var matched = 1
        while matched < needle.count {
          let candidate = bytes[index + matched]
          if (foldASCII ? ASCII.lowercased(candidate) : candidate) != needle[matched] { break }
          matched += 1
        }
        if matched == needle.count { return index }
      }
      index += 1
    }
    return nil
  }

  /// True if the header fields contain the needle.
  func matches(_ header: NoteHeader) -> Bool {
    matches(header.title) || (header.url.map(matches) ?? false)
      || header.tags.contains(where: matches)
  }

  /// True if the summary text of some node (any depth) contains the needle.
  func matches(_ summary: [SummaryNode]) -> Bool {
    summary.contains { matches($0.plainText) || matches($0.children) }
  }

  /// False only when `bytes` certainly do not contain the needle.
  func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let rawNeedle, !rawNeedle.isEmpty else { return true }
    return Self.firstMatch(of: rawNeedle, in: bytes, foldASCII: foldASCII) != nil
  }
}
