import TerminalCore

/// Helpers for comparing screens as text: rendered views, style masks, readable differences.
public enum ScreenText {
  /// Renders `view` into a fresh `width` × `height` buffer and returns its lines (trailing
  /// spaces trimmed, see `CellBuffer.line`).
  public static func render(_ view: some View, width: Int, height: Int) -> [String] {
    renderBuffer(view, width: width, height: height).lines()
  }

  /// Renders `view` into a fresh `width` × `height` buffer covering all of it.
  public static func renderBuffer(_ view: some View, width: Int, height: Int) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    buffer.render(view, in: buffer.bounds)
    return buffer
  }

  /// One line per row marking with `mark` each column whose cell style satisfies `predicate`
  /// and with a space every other column (trailing spaces trimmed). A wide glyph's two columns
  /// are both marked.
  ///
  /// `ScreenText.styleMask(buffer) { $0.attributes.contains(.reverse) }` shows the selection.
  public static func styleMask(
    _ buffer: CellBuffer, mark: Character = "^", where predicate: (Style) -> Bool
  ) -> [String] {
    (0..<buffer.height).map { y in
      var line = ""
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        let style = cell.isContinuation && x > 0 ? buffer[x - 1, y].style : cell.style
        line.append(predicate(style) ? mark : " ")
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// Nil when the lines are equal; otherwise a side-by-side listing of both, numbered, with
  /// differing rows flagged by `!`, for a test failure message.
  public static func difference(expected: [String], actual: [String]) -> String? {
    guard expected != actual else { return nil }
    var report = "screens differ (expected | actual):\n"
    for row in 0..<max(expected.count, actual.count) {
      let want = row < expected.count ? expected[row] : "<none>"
      let got = row < actual.count ? actual[row] : "<none>"
      let flag = want == got ? " " : "!"
      let number = row < 10 ? " \(row)" : "\(row)"
      report += "\(flag)\(number) |\(want)| |\(got)|\n"
    }
    return report
  }
}
