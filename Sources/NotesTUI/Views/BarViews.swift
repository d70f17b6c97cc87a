import TerminalCore

/// The top row: where the user is, as a breadcrumb ("url-notes › gpu › A note").
struct TitleBar: View {
  var text: String
  var theme: Theme

  func render(into buffer: inout CellBuffer, area: Rect) {
    buffer.fill(area, style: theme.title)
    let fitted = DisplayWidth.truncate(" " + text, toWidth: area.width)
    buffer.put(fitted, at: area.origin, style: theme.title, clip: area)
  }
}

/// The bottom row: the prompt being typed, a message, or the page's counts on the left; key
/// hints on the right (dropped first when space is short).
struct StatusBar: View {
  var left: StyledLine
  var right: String
  var theme: Theme
  /// Whether a prompt is open: a block cursor is drawn after the left text.
  var showsCursor: Bool

  func render(into buffer: inout CellBuffer, area: Rect) {
    buffer.fill(area, style: theme.statusBar)
    let rightWidth = DisplayWidth.width(of: right)
    var leftArea = area.inset(left: 1)
    if left.width + rightWidth + 4 <= area.width {
      buffer.put(
        right, at: Point(x: area.maxX - rightWidth - 1, y: area.y), style: theme.statusBar,
        clip: area)
      leftArea = leftArea.inset(right: rightWidth + 2)
    }
    let shown = left.truncated(width: max(1, leftArea.width - (showsCursor ? 1 : 0)))
    let used = shown.draw(into: &buffer, at: leftArea.origin, clip: leftArea)
    if showsCursor {
      buffer.put(
        " ", at: Point(x: leftArea.x + used, y: area.y), style: Style(.reverse), clip: area)
    }
  }
}

/// Shown instead of everything else when the terminal is below `App.minimumSize`.
struct TooSmallView: View {
  var size: Size

  func render(into buffer: inout CellBuffer, area: Rect) {
    let minimum = App.minimumSize
    let lines = [
      "Terminal too small",
      "\(size.width)×\(size.height), need \(minimum.width)×\(minimum.height)",
    ]
    let top = area.y + max(0, (area.height - lines.count) / 2)
    for (index, line) in lines.enumerated() {
      let fitted = DisplayWidth.truncate(line, toWidth: area.width)
      let x = area.x + max(0, (area.width - DisplayWidth.width(of: fitted)) / 2)
      buffer.put(fitted, at: Point(x: x, y: top + index), style: Style(.bold), clip: area)
    }
  }
}
