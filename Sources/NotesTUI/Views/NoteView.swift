import TerminalCore

/// An open note: its laid-out lines from the scroll offset down, with the cursor line in
/// reverse video, inside a one-column margin on each side.
struct NoteView: View {
  var state: NoteViewState

  func render(into buffer: inout CellBuffer, area: Rect) {
    for (row, index) in state.list.visibleRange.enumerated() {
      let rowRect = area.row(row)
      let text = rowRect.inset(left: 1, right: 1)
      state.lines[index].line.draw(into: &buffer, at: text.origin, clip: text)
      if index == state.list.selection {
        buffer.restyle(rowRect) { $0.adding(.reverse) }
      }
    }
  }
}

/// The help screen: the command table, grouped by screen, generated from `CommandTable`.
struct HelpView: View {
  var list: ListState
  var theme: Theme

  /// Width of the keys column.
  static let keyColumn = 22

  /// Every help line, top to bottom.
  static func lines(theme: Theme) -> [StyledLine] {
    var lines: [StyledLine] = []
    for group in CommandGroup.allCases {
      if !lines.isEmpty { lines.append(StyledLine()) }
      lines.append(StyledLine(group.rawValue, theme.heading))
      for binding in CommandTable.bindings(in: group) {
        let keys = DisplayWidth.pad("  " + binding.keyText, toWidth: keyColumn)
        lines.append(StyledLine([StyledRun(keys, theme.tag), StyledRun(binding.help)]))
      }
    }
    return lines
  }

  func render(into buffer: inout CellBuffer, area: Rect) {
    let lines = Self.lines(theme: theme)
    for (row, index) in list.visibleRange.enumerated() where index < lines.count {
      let rowRect = area.row(row).inset(left: 1, right: 1)
      lines[index].truncated(width: rowRect.width).draw(
        into: &buffer, at: rowRect.origin, clip: rowRect)
    }
  }
}
