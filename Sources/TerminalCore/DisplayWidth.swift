/// Display width of text in terminal columns, and width-aware truncation and padding.
///
/// Widths are computed in Swift from a fixed table (see `DisplayWidth+Table.swift`), not from
/// libc's `wcwidth`, so layout is the same on every machine and in tests:
/// - East Asian Wide and Fullwidth characters (CJK, Hangul syllables, fullwidth forms) and
///   emoji with emoji presentation take 2 columns;
/// - a grapheme cluster takes the width of its base character, except that an emoji base with
///   VS16 (`❤️`), an emoji ZWJ sequence (`👨‍👩‍👧`) and a flag (two regional indicators) take 2;
/// - combining marks, variation selectors and Hangul medial/final jamo take 0 (they ride on the
///   cluster's base);
/// - everything else takes 1.
///
/// All functions measure text as `CellBuffer.put` would draw it, that is after sanitising
/// (an ESC is the one-column `␛`), and all functions that return text return sanitised text.
public enum DisplayWidth {
  /// How `pad` and `fit` place text in the extra space.
  public enum Alignment: Sendable, Hashable {
    case left, center, right
  }

  /// The number of columns `text` takes when drawn. O(n) in the length of `text`.
  public static func width(of text: String) -> Int {
    var total = 0
    TextSanitizer.forEachGlyph(in: text) { glyph in
      total += glyph.width
      return true
    }
    return total
  }

  /// The width of one scalar on its own, before sanitising: 0, 1 or 2.
  public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    // Hangul medial vowels and final consonants join the preceding leading consonant.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// The width of one grapheme cluster given as its scalars (see the type's rules).
  static func clusterWidth(_ scalars: String.UnicodeScalarView) -> Int {
    let base = scalars.first!
    let width = scalarWidth(base)
    guard scalars.count > 1, width < 2 else { return width }
    let properties = base.properties
    if properties.isEmoji {
      if scalars.contains("\u{FE0F}") || scalars.contains("\u{200D}") { return 2 }
    }
    if (0x1F1E6...0x1F1FF).contains(base.value) {
      let indicators = scalars.filter { (0x1F1E6...0x1F1FF).contains($0.value) }
      if indicators.count >= 2 { return 2 }
    }
    return width
  }

  /// `text` cut to at most `maxWidth` columns, ending in `ellipsis` when anything was cut.
  ///
  /// Never splits a grapheme cluster; when a wide character does not fit before the ellipsis,
  /// the result is one column narrower than `maxWidth`. When even the ellipsis does not fit,
  /// the text is cut without it. Returns sanitised text.
  public static func truncate(_ text: String, toWidth maxWidth: Int, ellipsis: String = "…")
    -> String
  {
    guard maxWidth > 0 else { return "" }
    let glyphs = TextSanitizer.glyphs(of: text)
    let total = glyphs.reduce(0) { $0 + $1.width }
    if total <= maxWidth { return glyphs.map(\.text).joined() }
    let cleanEllipsis = TextSanitizer.sanitize(ellipsis)
    let ellipsisWidth = width(of: cleanEllipsis)
    let room = ellipsisWidth <= maxWidth ? maxWidth - ellipsisWidth : maxWidth
    var result = ""
    var used = 0
    for glyph in glyphs {
      if used + glyph.width > room { break }
      result += glyph.text
      used += glyph.width
    }
    return ellipsisWidth <= maxWidth ? result + cleanEllipsis : result
  }

  /// `text` with spaces added to reach `targetWidth` columns; text already that wide or wider
  /// is returned unchanged (sanitised). Use `fit` to also truncate.
  public static func pad(_ text: String, toWidth targetWidth: Int, alignment: Alignment = .left)
    -> String
  {
    let clean = TextSanitizer.sanitize(text)
    let missing = targetWidth - width(of: clean)
    guard missing > 0 else { return clean }
    switch alignment {
    case .left:
      return clean + String(repeating: " ", count: missing)
    case .right:
      return String(repeating: " ", count: missing) + clean
    case .center:
      let left = missing / 2
      return String(repeating: " ", count: left) + clean
        + String(repeating: " ", count: missing - left)
    }
  }

  /// `text` truncated (with `ellipsis`) and padded to exactly `targetWidth` columns, for table
  /// cells and status bars.
  public static func fit(
    _ text: String, toWidth targetWidth: Int, alignment: Alignment = .left, ellipsis: String = "…"
  ) -> String {
    pad(
      truncate(text, toWidth: targetWidth, ellipsis: ellipsis), toWidth: targetWidth,
      alignment: alignment)
  }
}
