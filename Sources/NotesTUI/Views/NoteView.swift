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

/// The help screen: the bindings in effect (the command table with the config's `bind` and
/// `unbind`), grouped by screen: keys, the command's name (for `bind`), what it does.
struct HelpView: View {
  var list: ListState
  var keyMap: KeyMap
  var theme: Theme

  /// Width of the keys column.
  static let keyColumn = 20
  /// Width of the command-name column (a longer name pushes its help text right).
  static let nameColumn = 18

  /// Every help line, top to bottom, for `width` columns: a help text that does not fit goes
  /// on under itself.
  static func lines(keyMap: KeyMap, theme: Theme, width: Int = .max) -> [StyledLine] {
    var lines: [StyledLine] = []
    for group in CommandGroup.allCases {
      if !lines.isEmpty { lines.append(StyledLine()) }
      lines.append(
        StyledLine([
          StyledRun(group.rawValue, theme.heading), StyledRun(" (\(group.configName))", theme.dim),
        ]))
      for binding in keyMap.bindings(in: group) {
        let keys = DisplayWidth.pad("  " + binding.keyText, toWidth: keyColumn)
        let name = DisplayWidth.pad(binding.command.name + " ", toWidth: nameColumn)
        let indent = DisplayWidth.width(of: keys + name)
        let help =
          indent + DisplayWidth.width(of: binding.help) <= width
          ? [binding.help] : DisplayWidth.wrap(binding.help, width: max(10, width - indent))
        lines.append(
          StyledLine([StyledRun(keys, theme.tag), StyledRun(name, theme.dim), StyledRun(help[0])]))
        for more in help.dropFirst() {
          lines.append(StyledLine(String(repeating: " ", count: indent) + more))
        }
      }
    }
    return lines
  }

  func render(into buffer: inout CellBuffer, area: Rect) {
    let lines = Self.lines(keyMap: keyMap, theme: theme, width: area.width - 2)
    for (row, index) in list.visibleRange.enumerated() where index < lines.count {
      let rowRect = area.row(row).inset(left: 1, right: 1)
      lines[index].truncated(width: rowRect.width).draw(
        into: &buffer, at: rowRect.origin, clip: rowRect)
    }
  }
}
