import NoteStore
import TerminalCore

/// One screen line of a note: styled text, and the summary node it belongs to (if any).
public struct NoteLine: Equatable, Sendable {
  public var line: StyledLine
  /// The node this line shows (every wrapped line of a bullet carries its path).
  public var path: NodePath?
  /// Whether this is the first line of its node (where the fold marker is).
  public var startsNode: Bool
  /// Plain text used to find search hits: the whole node's text on its first line.
  public var searchText: String
  /// Which field of the note the line shows, for the query's field terms (`title:`, `body:`
  /// …); nil for lines a search never matches (the dates, headings, gaps).
  public var field: QueryField?
}

/// A note laid out as lines for a given width and fold state: title, URL, tags, the visible
/// summary tree (wrapped, with fold markers and indented continuation lines), then the body.
///
/// Built once per change of note, width, fold state or search text, not per frame.
enum NoteDocument {
  /// Columns each tree level is indented by.
  static let indent = 2

  static func lines(
    note: Note, fold: FoldState, width: Int, theme: Theme, dateFormat: DateFormat = .standard
  ) -> [NoteLine] {
    var lines: [NoteLine] = []
    func add(
      _ line: StyledLine, path: NodePath? = nil, starts: Bool = false, search: String,
      field: QueryField? = nil
    ) {
      lines.append(
        NoteLine(line: line, path: path, startsNode: starts, searchText: search, field: field))
    }
    for (index, part) in StyledLine(note.title, theme.heading).wrapped(width: width).enumerated() {
      add(part, search: index == 0 ? note.title : part.text, field: .title)
    }
    if let url = note.url {
      for part in StyledLine(url, theme.host).wrapped(width: width) {
        add(part, search: part.text, field: .url)
      }
    }
    for part in StyledLine(dates(note, dateFormat), theme.dim).wrapped(width: width) {
      add(part, search: "")
    }
    if !note.tags.isEmpty {
      let tags = StyledLine([StyledRun("Tags: ", theme.dim)] + tagRuns(note.tags, theme: theme))
      for part in tags.wrapped(width: width) { add(part, search: part.text, field: .any) }
    }
    let rows = fold.visibleRows(note.summary)
    if !rows.isEmpty { add(StyledLine(), search: "") }
    for row in rows {
      let lead = row.depth * indent
      let marker = StyledLine(row.marker + " ", row.hasChildren ? theme.tag : theme.dim)
      let text = SummaryText.line(row.node, theme: theme)
      let parts = text.wrapped(width: max(1, width - lead - 2))
      for (index, part) in parts.enumerated() {
        let pad = StyledLine(String(repeating: " ", count: lead))
        let head = index == 0 ? marker : StyledLine("  ")
        add(
          pad + head + part, path: row.path, starts: index == 0,
          search: index == 0 ? row.node.plainText : "", field: .body)
      }
    }
    if let body = note.body, !body.isEmpty {
      add(StyledLine(), search: "")
      add(StyledLine("Body", theme.heading), search: "")
      // Paragraph breaks are layout here; the sanitiser would show a raw LF as "␊".
      let paragraphs = body.split(omittingEmptySubsequences: false) {
        $0 == "\n" || $0 == "\r\n" || $0 == "\r"
      }
      for paragraph in paragraphs {
        for part in StyledLine(String(paragraph)).wrapped(width: width) {
          add(part, search: part.text, field: .body)
        }
      }
    }
    return lines
  }

  /// "Created 2025-08-01 10:00 · updated 2025-08-02 09:15 UTC", then " · published
  /// 2020-04-28" when the article's date is known: each date in `format`, the first two with
  /// their time.
  static func dates(_ note: Note, _ format: DateFormat) -> String {
    func minutes(_ time: Timestamp) -> String {
      format.string(time) + " " + String(time.iso8601.dropLast(4).suffix(5))
    }
    let published = note.published.map { " · published " + format.string($0) } ?? ""
    return "Created \(minutes(note.created)) · updated \(minutes(note.updated)) UTC" + published
  }

  /// Tags joined by " · ", in the tag style.
  static func tagRuns(_ tags: [String], theme: Theme) -> [StyledRun] {
    var runs: [StyledRun] = []
    for (index, tag) in tags.enumerated() {
      if index > 0 { runs.append(StyledRun(" · ", theme.dim)) }
      runs.append(StyledRun(tag, theme.tag))
    }
    return runs
  }
}
