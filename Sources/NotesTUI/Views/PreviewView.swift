import NoteStore
import TerminalCore

/// One note as a preview, `App.previewHeight` rows: title and date; host and tags; the first
/// two bullets of the summary (or the body's first line); a gap. A selected preview has a bar
/// in the gutter and a reversed title. What the query matched is highlighted.
///
/// The previews screen and the first screen's search both draw notes with it, so a note looks
/// the same wherever it is listed.
struct PreviewView: View {
  var header: NoteHeader
  /// The decoded note, for its summary lines (nil: title and tags only).
  var note: Note?
  var selected: Bool
  var highlight: QueryHighlight
  var theme: Theme
  /// What the user set for previews: the host, the date's format.
  var settings = PreviewSettings()

  func render(into buffer: inout CellBuffer, area: Rect) {
    let lines = Self.lines(
      for: header, note: note, theme: theme, showsHost: settings.showsHost)
    for (offset, line) in lines.enumerated() {
      let row = area.row(offset)
      guard !row.isEmpty else { break }
      StyledLine(selected ? "▌ " : "  ", theme.tag).draw(into: &buffer, at: row.origin, clip: row)
      let text = row.inset(left: 2)
      if offset == 0 {
        drawTitleRow(into: &buffer, line: text)
        if selected { buffer.restyle(text) { $0.adding(.reverse) } }
        continue
      }
      let field: QueryField = offset == 1 ? .any : .body
      highlight.highlight(line, field: field, hitStyle: theme.hit)
        .truncated(width: text.width).draw(into: &buffer, at: text.origin, clip: text)
    }
  }

  /// The note's title at the left of `line`, its date at the right.
  func drawTitleRow(into buffer: inout CellBuffer, line: Rect) {
    let date = StyledLine(settings.dateFormat.string(header.created), theme.dim)
    let dateWidth = min(date.width, max(0, line.width - 12))
    let titleWidth = max(0, line.width - dateWidth - 2)
    highlight.highlight(StyledLine(header.title, Style(.bold)), field: .title, hitStyle: theme.hit)
      .truncated(width: titleWidth).draw(into: &buffer, at: line.origin, clip: line)
    date.truncated(width: dateWidth).draw(
      into: &buffer, at: Point(x: line.maxX - dateWidth, y: line.y), clip: line)
  }

  /// The text lines of one preview (before truncation to the width): title; host and tags;
  /// up to two summary bullets, or the body's first line.
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

/// The settings a preview is drawn with, from the config: one value handed from the app through
/// `PreviewsView` and `SearchView` to each `PreviewView`.
struct PreviewSettings: Equatable, Sendable {
  /// Whether the second line starts with the URL's host (`set preview-host`).
  var showsHost = true
  /// How the date at the right of the title row is written (`set date-format`).
  var dateFormat = DateFormat.standard
}

extension PreviewSettings {
  /// The preview settings of `config`.
  init(_ config: Config) {
    self.init(showsHost: config.previewHost, dateFormat: config.dateFormat)
  }
}
