import NoteStore
import TerminalCore

/// The notes under a selection, one `PreviewView` of `App.previewHeight` rows each. Only the
/// previews on screen are decoded from the store.
struct PreviewsView: View {
  var state: PreviewsState
  var store: NoteStore
  var theme: Theme
  /// What the user set for previews, passed to each `PreviewView`.
  var settings = PreviewSettings()

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard !state.headers.isEmpty else {
      let text = state.query.isEmpty ? "No notes." : "No note matches “\(state.query)”."
      buffer.put(text, at: area.origin.offsetBy(dx: 1), style: theme.dim, clip: area)
      return
    }
    let highlight = QueryHighlight(state.parsed)
    for (slot, index) in state.list.visibleRange.enumerated() {
      let header = state.headers[index]
      let rect = Rect(
        x: area.x, y: area.y + slot * App.previewHeight, width: area.width,
        height: App.previewHeight
      ).intersection(area)
      buffer.render(
        PreviewView(
          header: header, note: store.note(header.id), selected: index == state.list.selection,
          highlight: highlight, theme: theme, settings: settings),
        in: rect)
    }
  }
}
