internal import CNcursesw
import Glibc
import TerminalCore

/// Presenting frames: only changed cells are written, then one `doupdate`.
extension CursesTerminal {
  public func draw(_ buffer: CellBuffer) {
    guard isOpen, !isSuspended else { return }
    let full = previous == nil
    if full { werase(window) }
    for run in buffer.diff(from: previous) {
      var x = run.origin.x
      for cell in run.cells {
        defer { x += cell.width }
        if cell.isContinuation || x + cell.width > size.width || run.origin.y >= size.height {
          continue
        }
        write(cell, x: x, y: run.origin.y)
      }
    }
    previous = buffer
    wnoutrefresh(window)
    doupdate()
  }

  /// Writes one lead cell (and its padding) at (x, y).
  private func write(_ cell: Cell, x: Int, y: Int) {
    let style = cell.style.adapted(to: colorMode)
    let attributes = Self.attributes(style.attributes)
    let pair =
      colorMode == .color
      ? colorPairs.pair(foreground: style.foreground, background: style.background) : 0
    if clusterSupport.sendsWhole(cell) {
      // setcchar keeps only zero-width scalars after the first; the terminal joins these
      // itself, so the cell carries the whole sequence (ncurses writes every scalar it holds).
      var character = cchar_t()
      let scalars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
      setcchar(&character, [scalars[0], 0], attributes, pair, nil)
      withUnsafeMutableBytes(of: &character.chars) { raw in
        let chars = raw.bindMemory(to: wchar_t.self)
        for (index, scalar) in scalars.enumerated() { chars[index] = scalar }
      }
      mvwadd_wch(window, Int32(y), Int32(x), &character)
      return
    }
    var column = x
    for piece in Self.pieces(of: cell) {
      var wide = piece.scalars.map { wchar_t(bitPattern: $0.value) }
      wide.append(0)
      var character = cchar_t()
      setcchar(&character, wide, attributes, pair, nil)
      mvwadd_wch(window, Int32(y), Int32(column), &character)
      column += piece.width
    }
  }

  /// What to send for a cell so the terminal advances exactly `cell.width` columns.
  ///
  /// TerminalCore measures with its own table, where `❤️` and `👨‍👩‍👧` take 2 columns; ncurses
  /// and most terminals (tmux included) measure each scalar with `wcwidth`, where `❤️` takes 1
  /// and the family 6. Sending such a cluster as is would shift the rest of the row. So the
  /// cell is sent as scalars whose `wcwidth` adds up to the cell's width: the base with its
  /// zero-width marks (at most 4, ncurses' limit per cell), each further spacing scalar as its
  /// own piece while it fits (flags: two regional indicators), nothing after a ZERO WIDTH JOINER
  /// (the first emoji stands for the sequence), variation selectors dropped, and spaces for
  /// any columns left. A scalar libc cannot print becomes U+FFFD. Sequences the terminal
  /// said it draws at two columns are sent whole instead (`ClusterSupport`).
  static func pieces(of cell: Cell) -> [(scalars: [Unicode.Scalar], width: Int)] {
    var pieces: [(scalars: [Unicode.Scalar], width: Int)] = []
    var used = 0
    for scalar in cell.text.unicodeScalars {
      if scalar == "\u{200D}" { break }
      if scalar == "\u{FE0E}" || scalar == "\u{FE0F}" { continue }
      var printable = scalar
      var width = Int(wcwidth(wchar_t(bitPattern: scalar.value)))
      if width == 0 {
        if !pieces.isEmpty && pieces[pieces.count - 1].scalars.count < 5 {
          pieces[pieces.count - 1].scalars.append(scalar)
        }
        continue
      }
      if width < 0 {
        printable = "\u{FFFD}"
        width = 1
      }
      if used + width > cell.width { break }
      pieces.append(([printable], width))
      used += width
    }
    while used < cell.width {
      pieces.append((["\u{20}"], 1))
      used += 1
    }
    return pieces
  }

  private static func attributes(_ attributes: Style.Attributes) -> attr_t {
    var result = cnc_A_NORMAL()
    if attributes.contains(.bold) { result |= cnc_A_BOLD() }
    if attributes.contains(.dim) { result |= cnc_A_DIM() }
    if attributes.contains(.reverse) { result |= cnc_A_REVERSE() }
    if attributes.contains(.underline) { result |= cnc_A_UNDERLINE() }
    if attributes.contains(.italic) { result |= cnc_A_ITALIC() }
    return result
  }
}
