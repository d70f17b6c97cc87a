/// A grid of cells that views draw into and backends present: the whole screen as a value.
///
/// Views write with `put` (text), `fill` (areas) and `restyle` (styles over existing text);
/// tests read it back as exact text with `lines()`; a backend presents it by writing the runs
/// `diff(from:)` reports against the previous frame. Writing outside the buffer is clipped,
/// never an error, so views need no bounds checks.
public struct CellBuffer: Sendable, Hashable {
  /// The grid size.
  public let size: Size
  /// The cells, row by row from the top left: the cell at (x, y) is `cells[y * width + x]`.
  public private(set) var cells: [Cell]

  /// A buffer of `size` filled with blanks in `style`.
  public init(size: Size, style: Style = .plain) {
    self.size = size
    self.cells = Array(repeating: .blank(style), count: size.area)
  }

  /// A buffer of `width` × `height` blanks.
  public init(width: Int, height: Int) {
    self.init(size: Size(width: width, height: height))
  }

  public var width: Int { size.width }
  public var height: Int { size.height }

  /// The whole buffer as a rect at the origin.
  public var bounds: Rect { Rect(size: size) }

  /// The cell at column `x`, row `y`. Traps outside the buffer, like an array.
  public subscript(x: Int, y: Int) -> Cell {
    precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(size)")
    return cells[y * width + x]
  }

  /// The cell at `point`, or nil outside the buffer.
  public func cell(at point: Point) -> Cell? {
    bounds.contains(point) ? cells[point.y * width + point.x] : nil
  }

  /// Stores `cell` at (x, y), keeping wide glyphs whole: any wide glyph it overlaps is blanked.
  ///
  /// The caller guarantees (x, y) is inside and, for a wide cell, that x + 1 is too.
  mutating func store(_ cell: Cell, x: Int, y: Int) {
    let index = y * width + x
    let old = cells[index]
    if old.isContinuation && x > 0 && cells[index - 1].width == 2 {
      cells[index - 1] = .blank(cells[index - 1].style)
    }
    if old.width == 2 && x + 1 < width {
      cells[index + 1] = .blank(cells[index + 1].style)
    }
    cells[index] = cell
    if cell.width == 2 {
      if cells[index + 1].width == 2 && x + 2 < width {
        cells[index + 2] = .blank(cells[index + 2].style)
      }
      cells[index + 1] = .continuation(cell.style)
    }
  }

  /// Sets the style of the cell at `index` (the cells are only settable in this file).
  mutating func setStyle(_ style: Style, index: Int) {
    cells[index].style = style
  }
}
