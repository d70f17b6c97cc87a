/// Reading a buffer back as text, for tests and debugging.
extension CellBuffer {
  /// Row `y` as text: the cells' clusters left to right (a wide glyph appears once), with
  /// trailing spaces trimmed, like `tmux capture-pane -p` prints a screen.
  public func line(_ y: Int) -> String {
    precondition(y >= 0 && y < height, "row \(y) outside \(size)")
    var text = ""
    for x in 0..<width {
      text += cells[y * width + x].text
    }
    while text.last == " " {
      text.removeLast()
    }
    return text
  }

  /// Every row as text (see `line(_:)`), top to bottom.
  public func lines() -> [String] {
    (0..<height).map(line)
  }
}
