/// One terminal cell: a grapheme cluster, its width and its style.
///
/// A wide glyph (CJK, emoji) occupies two cells: a lead cell of width 2 holding the text, and a
/// continuation cell of width 0 with empty text right after it. The buffer keeps that pairing
/// intact: overwriting either half blanks the other.
///
/// Cells can only be made from sanitised `Glyph`s, so a cell's text is always safe to send to
/// the terminal.
public struct Cell: Sendable, Hashable {
  /// One sanitised grapheme cluster; `" "` for a blank and `""` for a continuation cell.
  public private(set) var text: String
  /// Columns taken: 1, 2 for the lead cell of a wide glyph, 0 for its continuation.
  public private(set) var width: Int
  /// How the cell is drawn.
  public var style: Style

  /// A space in the default style.
  public static let blank = Cell(text: " ", width: 1, style: .plain)

  /// A space in `style`.
  public static func blank(_ style: Style) -> Cell {
    Cell(text: " ", width: 1, style: style)
  }

  /// The lead cell for `glyph`.
  public init(_ glyph: Glyph, style: Style = .plain) {
    self.init(text: glyph.text, width: glyph.width, style: style)
  }

  init(text: String, width: Int, style: Style) {
    self.text = text
    self.width = width
    self.style = style
  }

  /// The right half of a wide glyph.
  static func continuation(_ style: Style) -> Cell {
    Cell(text: "", width: 0, style: style)
  }

  /// Whether this is the right half of a wide glyph.
  public var isContinuation: Bool { width == 0 }
}
