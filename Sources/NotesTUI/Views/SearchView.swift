import NoteStore
import TerminalCore

/// The first screen's search results, one row each: the matching tags (`#tag` and how many
/// notes carry it), then the matching notes (title, then host and date at the right). What
/// the query matched is highlighted; the cursor row is in reverse video.
struct SearchView: View {
  var state: SearchState
  var theme: Theme

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard state.count > 0 else {
      buffer.put(
        "No note or tag matches “\(state.text)”.", at: area.origin.offsetBy(dx: 1),
        style: theme.dim, clip: area)
      return
    }
    let highlight = QueryHighlight(state.parsed)
    for (row, index) in state.list.visibleRange.enumerated() {
      let line = area.row(row).inset(left: 1, right: 1)
      switch state.item(at: index) {
      case .tag(let entry):
        let count = entry.count == 1 ? "1 note" : "\(entry.count) notes"
        let name = highlight.highlight(
          StyledLine(entry.tag, theme.tag), field: .any, hitStyle: theme.hit)
        let text = StyledLine("# ", theme.dim) + name + StyledLine("  " + count, theme.dim)
        text.truncated(width: line.width).draw(into: &buffer, at: line.origin, clip: line)
      case .note(let header):
        PreviewsView.drawTitleRow(
          header, highlight: highlight, host: true, theme: theme, into: &buffer, line: line)
      case nil:
        break
      }
      if index == state.list.selection {
        buffer.restyle(area.row(row)) { $0.adding(.reverse) }
      }
    }
  }
}
