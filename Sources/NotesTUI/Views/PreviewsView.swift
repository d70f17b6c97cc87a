import NoteStore
import TerminalCore

/// The notes under a selection, `App.previewHeight` rows each: title; host and tags; the first
/// two bullets of the summary; a gap. The selected preview has a bar in the gutter and a
/// reversed title. Only the previews on screen are decoded from the store.
struct PreviewsView: View {
  var state: PreviewsState
  var store: NoteStore
  var theme: Theme
  /// Whether the second line starts with the URL's host (`set preview-host`).
  var showsHost = true

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard !state.headers.isEmpty else {
      let text = state.query.isEmpty ? "No notes." : "No note matches “\(state.query)”."
      buffer.put(text, at: area.origin.offsetBy(dx: 1), style: theme.dim, clip: area)
      return
    }
    for (slot, index) in state.list.visibleRange.enumerated() {
      let header = state.headers[index]
      let selected = index == state.list.selection
      let top = area.y + slot * App.previewHeight
      let lines = Self.lines(
        for: header, note: store.note(header.id), theme: theme, showsHost: showsHost)
      for (offset, line) in lines.enumerated() {
        let row = Rect(x: area.x, y: top + offset, width: area.width, height: 1)
          .intersection(area)
        guard !row.isEmpty else { break }
        let gutter = StyledLine(selected ? "▌ " : "  ", theme.tag)
        var text = line
        if !state.query.isEmpty {
          text = Highlighter.highlight(text, query: state.query, hitStyle: theme.hit)
        }
        (gutter + text).truncated(width: row.width).draw(into: &buffer, at: row.origin, clip: row)
        if selected && offset == 0 {
          buffer.restyle(row.inset(left: 2)) { $0.adding(.reverse) }
        }
      }
    }
  }

  /// The four text lines of one preview (before truncation to the width).
  static func lines(for header: NoteHeader, note: Note?, theme: Theme, showsHost: Bool = true)
    -> [StyledLine]
  {
    var meta: [StyledRun] = []
    if showsHost, let host = header.host { meta.append(StyledRun(host, theme.host)) }
    if !header.tags.isEmpty {
      if !meta.isEmpty { meta.append(StyledRun("  ")) }
      meta += NoteDocument.tagRuns(header.tags, theme: theme)
    }
    var lines = [StyledLine(header.title, Style(.bold)), StyledLine(meta)]
    let nodes = SummaryNode.flatten(note?.summary ?? []).prefix(2)
    for entry in nodes {
      let bullet = StyledLine(String(repeating: "  ", count: entry.depth) + "• ", theme.dim)
      lines.append(bullet + SummaryText.line(entry.node, theme: theme))
    }
    if nodes.isEmpty, let body = note?.body, !body.isEmpty {
      let firstLine = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
      lines.append(StyledLine(firstLine, theme.dim))
    }
    return lines
  }
}
