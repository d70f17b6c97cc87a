/// A horizontal run of cells that changed between two frames.
public struct CellRun: Sendable, Hashable {
  /// Where the first cell of the run goes.
  public var origin: Point
  /// The new cells, left to right. The run never starts on a continuation cell and never ends
  /// between a wide glyph's halves, so a backend can write the lead cells and skip the rest.
  public var cells: [Cell]
}

extension CellBuffer {
  /// The runs of cells that differ from `old`, row by row; every cell as one run per row when
  /// `old` is nil or has another size (a full redraw).
  ///
  /// O(width × height).
  public func diff(from old: CellBuffer?) -> [CellRun] {
    let full = old == nil || old!.size != size
    var runs: [CellRun] = []
    for y in 0..<height {
      let rowStart = y * width
      var x = 0
      while x < width {
        if !full && cells[rowStart + x] == old!.cells[rowStart + x] {
          x += 1
          continue
        }
        var start = x
        if cells[rowStart + start].isContinuation && start > 0 { start -= 1 }
        var end = x + 1
        while end < width && (full || cells[rowStart + end] != old!.cells[rowStart + end]) {
          end += 1
        }
        if end < width && cells[rowStart + end].isContinuation { end += 1 }
        runs.append(
          CellRun(
            origin: Point(x: start, y: y),
            cells: Array(cells[(rowStart + start)..<(rowStart + end)])))
        x = end
      }
    }
    return runs
  }
}
