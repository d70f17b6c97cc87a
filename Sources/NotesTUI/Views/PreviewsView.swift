import NoteStore
import TerminalCore

/// The notes under a selection, `App.previewHeight` rows each: title and date; host and tags;
/// the first two bullets of the summary; a gap. The selected preview has a bar in the gutter
/// and a reversed title. What the query matched is highlighted. Only the previews on screen
/// are decoded from the store.
struct PreviewsView: View {
  var state: PreviewsState
  var store: NoteStore
  var theme: Theme
  /// Whether the second line starts with the URL's host (`set preview-host`).
  var showsHost = true
  /// How the date at the right of a title row is written (`set date-format`).
  var dateFormat = DateFormat.standard

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard !state.headers.isEmpty else {
      let text = state.query.isEmpty ? "No notes." : "No note matches “\(state.query)”."
      buffer.put(text, at: area.origin.offsetBy(dx: 1), style: theme.dim, clip: area)
      return
    }
    let highlight = QueryHighlight(state.parsed)
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
        StyledLine(selected ? "▌ " : "  ", theme.tag).draw(
          into: &buffer, at: row.origin, clip: row)
        let text = row.inset(left: 2)
        if offset == 0 {
          Self.drawTitleRow(
            header, highlight: highlight, host: false, theme: theme, dateFormat: dateFormat,
            into: &buffer, line: text)
          if selected { buffer.restyle(text) { $0.adding(.reverse) } }
          continue
        }
        let field: QueryField = offset == 1 ? .any : .body
        highlight.highlight(line, field: field, hitStyle: theme.hit)
          .truncated(width: text.width).draw(into: &buffer, at: text.origin, clip: text)
      }
    }
  }

  /// A note's title at the left of `line`, its date (and, with `host`, its host) at the right.
  static func drawTitleRow(
    _ header: NoteHeader, highlight: QueryHighlight, host: Bool, theme: Theme,
    dateFormat: DateFormat = .standard, into buffer: inout CellBuffer, line: Rect
  ) {
    var right = StyledLine(dateFormat.string(header.created), theme.dim)
    if host, let name = header.host {
      right =
        highlight.highlight(StyledLine(name, theme.host), field: .site, hitStyle: theme.hit)
        + StyledLine("  ") + right
    }
    let rightWidth = min(right.width, max(0, line.width - 12))
    let titleWidth = max(0, line.width - rightWidth - 2)
    highlight.highlight(StyledLine(header.title, Style(.bold)), field: .title, hitStyle: theme.hit)
      .truncated(width: titleWidth).draw(into: &buffer, at: line.origin, clip: line)
    right.truncated(width: rightWidth).draw(
      into: &buffer, at: Point(x: line.maxX - rightWidth, y: line.y), clip: line)
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
