import NoteStore
import TerminalCore

/// The first screen's search results: the matching tags, a row each (`#tag` and how many notes
/// carry it), then a gap and the matching notes as previews (`PreviewView`, as on the previews
/// screen), best first. What the query matched is highlighted; the cursor's tag row is in
/// reverse video, the cursor's preview has the previews' bar. Only the notes on screen are
/// decoded from the store.
struct SearchView: View {
  var state: SearchState
  var store: NoteStore
  var theme: Theme
  /// What the user set for previews, passed to each `PreviewView`.
  var settings = PreviewSettings()

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard state.count > 0 else {
      buffer.put(
        "No note or tag matches “\(state.text)”.", at: area.origin.offsetBy(dx: 1),
        style: theme.dim, clip: area)
      return
    }
    let highlight = QueryHighlight(state.parsed)
    var top = 0
    var index = state.list.offset
    // Items are drawn while they start on screen: the last preview may show only its top.
    while index < state.count, top < area.height {
      let selected = index == state.list.selection
      switch state.item(at: index) {
      case .tag(let entry):
        let line = area.row(top).inset(left: 1, right: 1)
        let count = entry.count == 1 ? "1 note" : "\(entry.count) notes"
        let name = highlight.highlight(
          StyledLine(entry.tag, theme.tag), field: .any, hitStyle: theme.hit)
        let text = StyledLine("# ", theme.dim) + name + StyledLine("  " + count, theme.dim)
        text.truncated(width: line.width).draw(into: &buffer, at: line.origin, clip: line)
        if selected { buffer.restyle(area.row(top)) { $0.adding(.reverse) } }
      case .note(let header):
        let rect = Rect(
          x: area.x, y: area.y + top, width: area.width, height: App.previewHeight
        ).intersection(area)
        buffer.render(
          PreviewView(
            header: header, note: store.note(header.id), selected: selected,
            highlight: highlight, theme: theme, settings: settings),
          in: rect)
      case nil:
        break
      }
      top += state.height(at: index)
      index += 1
    }
  }
}
