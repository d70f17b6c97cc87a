/// A text term's text, ready to match: folded unless it asks for case (smart case: an
/// uppercase letter makes it case-sensitive, as in fzf).
///
/// Short fields (title, a tag, URL, host) are scored (`score(in:)`); long ones (a summary
/// line, the body) are only searched (`occurs(in:)`). CJK text is matched as a substring even
/// in a fuzzy term: its characters are words, and scattered ideographs mean nothing.
struct TextPattern: Sendable {
  let scalars: [UInt32]
  let caseSensitive: Bool
  let kind: TextMatchKind
  /// The pattern's bytes when it is ASCII (then only ASCII text can hold its match, except
  /// for the rare non-ASCII letters whose lowercase is ASCII, which the scalar path handles).
  let asciiBytes: [UInt8]?

  init(_ text: String, kind: TextMatchKind) {
    let caseSensitive = text.unicodeScalars.contains { $0.properties.isUppercase }
    self.caseSensitive = caseSensitive
    let values = text.unicodeScalars.map(\.value)
    let scalars = values.map { FuzzyScore.fold($0, caseSensitive: caseSensitive) }
    self.scalars = scalars
    let isCJK = values.contains(where: Self.isCJK)
    self.kind = kind == .fuzzy && isCJK ? .exact : kind
    asciiBytes = values.allSatisfy { $0 < 0x80 } ? scalars.map { UInt8($0) } : nil
  }

  /// Ideographs, kana and Hangul.
  static func isCJK(_ value: UInt32) -> Bool {
    switch value {
    case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
      0xFF66...0xFF9F, 0x20000...0x2FFFF:
      return true
    default: return false
    }
  }

  /// The match's score in a short field, nil when it does not match.
  func score(in text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { score(utf8: $0) }
  }

  /// The match's score in a short field given as its UTF-8 bytes (ill-formed sequences read
  /// as `String(decoding:as:)` reads them), nil when it does not match. ASCII text, nearly
  /// every title and URL, is scored in place.
  func score(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    if TextMatcher.isASCII(bytes) { return score(ASCIIText(bytes: bytes)) }
    return score(String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value))
  }

  func score<Text: ScalarText>(_ text: Text) -> Int? {
    switch kind {
    case .fuzzy: return FuzzyScore.fuzzy(scalars, in: text, caseSensitive: caseSensitive)?.score
    default:
      return FuzzyScore.exact(scalars, in: text, caseSensitive: caseSensitive, anchor: kind)?.score
    }
  }

  /// Whether a long field holds the pattern: as written (fuzzy and exact terms), at its start,
  /// at its end, or as the whole text.
  func occurs(in text: String) -> Bool {
    let anchor = kind == .fuzzy ? .exact : kind
    var copy = text
    let ascii: Bool? = copy.withUTF8 { bytes in
      guard TextMatcher.isASCII(bytes) else { return nil }
      if anchor == .exact, let asciiBytes {
        return TextMatcher.firstMatch(of: asciiBytes, in: bytes, foldASCII: !caseSensitive) != nil
      }
      return FuzzyScore.exact(
        scalars, in: ASCIIText(bytes: bytes), caseSensitive: caseSensitive, anchor: anchor) != nil
    }
    if let ascii { return ascii }
    let values = text.unicodeScalars.map(\.value)
    return FuzzyScore.exact(scalars, in: values, caseSensitive: caseSensitive, anchor: anchor)
      != nil
  }

  /// The scalar offsets in `text` that the match takes, for highlighting; nil without a match.
  /// In a long field (`longField`) a fuzzy term takes its text as written, as `occurs(in:)`
  /// matches it, never letters scattered over a paragraph.
  func positions(in text: String, longField: Bool = false) -> [Int]? {
    let values = text.unicodeScalars.map(\.value)
    if kind == .fuzzy, !longField {
      return FuzzyScore.fuzzyPositions(scalars, in: values, caseSensitive: caseSensitive)
    }
    let anchor = kind == .fuzzy ? .exact : kind
    return FuzzyScore.exact(scalars, in: values, caseSensitive: caseSensitive, anchor: anchor)
      .map { Array($0.range) }
  }
}
