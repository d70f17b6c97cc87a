import ByteKernels

/// The inline markup of summary text: `**bold**`, `*italic*`, `` `code` ``, `\` escapes.
///
/// Parsing is tolerant (an unclosed marker styles the rest of the text); rendering escapes
/// every marker character in plain text, so `markup(for: spans(of: m))` is stable.
public enum InlineMarkup {
  /// Splits markup into styled spans; adjacent runs of one style are merged.
  ///
  /// Complexity: O(n) in the markup's UTF-8 length; each span's text is built once.
  public static func spans(of markup: String) -> [InlineSpan] {
    // Most bullets have no marker at all: their one span shares the markup's storage.
    guard hasMarker(markup) else { return markup.isEmpty ? [] : [InlineSpan(markup)] }
    var spans: [InlineSpan] = []
    var copy = markup
    copy.withUTF8 { bytes in
      forEachSpan(bytes) { pieces, style in
        let count = pieces.reduce(0) { $0 + $1.count }
        let text = String(unsafeUninitializedCapacity: count) { buffer in
          var offset = 0
          for piece in pieces {
            (buffer.baseAddress! + offset).initialize(
              from: bytes.baseAddress! + piece.lowerBound, count: piece.count)
            offset += piece.count
          }
          return count
        }
        spans.append(InlineSpan(text, style))
      }
    }
    return spans
  }

  /// Calls `body` with each span of `bytes` (markup as UTF-8), in order: the pieces of
  /// `bytes` its text is made of (`scanText`'s runs, adjacent runs of one style merged) and
  /// its style. `spans(of:)` and the `--json` writer of stored notes (`StoredNoteExport`)
  /// both read spans here.
  static func forEachSpan(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: ([Range<Int>], InlineStyle) -> Void
  ) {
    var pieces: [Range<Int>] = []  // of the span being built, all in one style
    var pieceStyle: InlineStyle = []
    scanText(bytes) { piece, style in
      if !pieces.isEmpty && style != pieceStyle {
        body(pieces, pieceStyle)
        pieces.removeAll(keepingCapacity: true)
      }
      pieceStyle = style
      pieces.append(piece)
    }
    if !pieces.isEmpty { body(pieces, pieceStyle) }
  }

  /// Calls `body` with each non-empty run of text in `bytes` (markup as UTF-8) and its style,
  /// in order: the text between markers, and each escaped character on its own.
  ///
  /// Every marker is ASCII, so scanning bytes is exact: a UTF-8 lead or continuation byte is
  /// never mistaken for one, and a backslash escapes the whole scalar after it (its length
  /// read from the lead byte). A backslash at the very end is plain text; inside code a
  /// backslash still escapes, and `*` is plain text.
  static func scanText(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, InlineStyle) -> Void
  ) {
    var style: InlineStyle = []
    var runStart = 0
    var index = 0
    func endRun(at end: Int) {
      if runStart < end { body(runStart..<end, style) }
    }
    while index < bytes.count {
      switch bytes[index] {
      case backslash where index + 1 < bytes.count:
        endRun(at: index)
        let scalarEnd = min(
          index + 1 + UTF8Scan.sequenceLength(lead: bytes[index + 1]), bytes.count)
        body(index + 1..<scalarEnd, style)
        index = scalarEnd
        runStart = index
      case backtick:
        endRun(at: index)
        style.formSymmetricDifference(.code)
        index += 1
        runStart = index
      case asterisk where !style.contains(.code):
        endRun(at: index)
        if index + 1 < bytes.count && bytes[index + 1] == asterisk {
          style.formSymmetricDifference(.bold)
          index += 2
        } else {
          style.formSymmetricDifference(.italic)
          index += 1
        }
        runStart = index
      default:
        index += 1
      }
    }
    endRun(at: bytes.count)
  }

  static let backslash = UInt8(ascii: "\\")
  static let backtick = UInt8(ascii: "`")
  static let asterisk = UInt8(ascii: "*")

  /// Whether `text` has a byte that is a marker or an escape.
  static func hasMarker(_ text: String) -> Bool {
    var text = text  // withUTF8 over the storage: iterating `utf8` was ~2% of `list --json`
    return text.withUTF8 { bytes in
      bytes.contains { $0 == backslash || $0 == asterisk || $0 == backtick }
    }
  }

  /// Writes spans as markup, escaping marker characters in their text.
  public static func markup(for spans: [InlineSpan]) -> String {
    var result = ""
    for span in spans where !span.text.isEmpty {
      let text: String
      if span.style.contains(.code) {
        text = span.text.replacingAll("\\", with: "\\\\").replacingAll("`", with: "\\`")
      } else {
        text = escape(span.text)
      }
      var open = ""
      if span.style.contains(.bold) { open += "**" }
      if span.style.contains(.italic) { open += "*" }
      if span.style.contains(.code) { open += "`" }
      result += open + text + String(open.reversed())
    }
    return result
  }

  /// Escapes `\`, `*` and `` ` `` so text reads back as plain text.
  public static func escape(_ text: String) -> String {
    // Most text has no marker characters; scanning bytes is far cheaper than rebuilding.
    if !hasMarker(text) { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar == "\\" || scalar == "*" || scalar == "`" { result.unicodeScalars.append("\\") }
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  /// The text with markup removed and whitespace runs collapsed to one space, trimmed.
  public static func plainText(of markup: String) -> String {
    guard hasMarker(markup) else { return collapseWhitespace(markup) }
    var text: [UInt8] = []
    var copy = markup
    copy.withUTF8 { bytes in
      text.reserveCapacity(bytes.count)
      scanText(bytes) { piece, _ in
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[piece]))
      }
    }
    return collapseWhitespace(String(decoding: text, as: UTF8.self))
  }

  /// The plain text of spans (their texts joined), whitespace collapsed: `plainText(of:)` of
  /// their markup, for a caller that has the spans already.
  public static func plainText(of spans: [InlineSpan]) -> String {
    switch spans.count {
    case 0: return ""
    case 1: return collapseWhitespace(spans[0].text)
    default: return collapseWhitespace(spans.map(\.text).joined())
    }
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation-free).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}

extension Substring {
  /// The range of the first occurrence of `target` (Foundation-free).
  func range(of target: String) -> Range<Index>? {
    let needle = Array(target.utf8)
    guard let first = needle.first else { return nil }
    let utf8 = self.utf8
    var index = utf8.startIndex
    while index != utf8.endIndex {
      if utf8[index] == first {
        var probe = index
        var matched = 0
        while matched < needle.count && probe != utf8.endIndex && utf8[probe] == needle[matched] {
          matched += 1
          probe = utf8.index(after: probe)
        }
        if matched == needle.count { return index..<probe }
      }
      index = utf8.index(after: index)
    }
    return nil
  }
}
