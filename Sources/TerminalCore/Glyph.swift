/// One displayable grapheme cluster and the number of columns it takes (1 or 2).
///
/// Glyphs only come from `TextSanitizer`, so their text never holds a control character, an
/// escape, a bidi override or a stray zero-width character: whatever reaches a `Cell` is safe
/// to send to a terminal.
public struct Glyph: Sendable, Hashable, CustomStringConvertible {
  /// One grapheme cluster (a base character with its combining marks, or an emoji sequence).
  public let text: String
  /// The display width in columns: 1, or 2 for East Asian wide characters and emoji.
  public let width: Int

  init(_ text: String, width: Int) {
    self.text = text
    self.width = width
  }

  public var description: String { text }
}
