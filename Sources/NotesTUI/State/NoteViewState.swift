import NoteStore
import TerminalCore

/// One open note: the decoded note, its fold state, the laid-out lines, the cursor line, and
/// the in-note search with its hits.
///
/// The search takes the query language of the browser's other screens (`QueryParser`): a line
/// is a hit when one of the query's positive text terms matches it — fuzzily in the title,
/// tags and URL, as written in the summary and body, a field term only in its field — and
/// what each term matched is highlighted. A query that does not parse keeps the last good
/// hits and its error, for the status line.
///
/// The summary starts folded to its top level. The lines depend on the width and the theme, so
/// `layout(width:theme:)` must run after a resize; every method that changes folding or the
/// search lays out again itself.
public struct NoteViewState: Equatable, Sendable {
  public let note: Note
  public private(set) var fold = FoldState()
  public private(set) var lines: [NoteLine] = []
  public var list = ListState()
  /// The search text (typed after `/`); empty when not searching.
  public private(set) var query = ""
  /// The last search text that parsed: the hits are its.
  public private(set) var parsed = Query()
  /// Why `query` does not parse, if it does not.
  public private(set) var error: QueryError?
  /// Indices into `lines` of the lines holding a hit.
  public private(set) var hits: [Int] = []
  /// The fold state when the search prompt opened: each keystroke of the search unfolds the
  /// hits' branches starting from it, so branches opened for an earlier, shorter query ("s")
  /// close again as the query narrows.
  private var searchBase: FoldState?
  private var width = 80
  private var theme = Theme(mode: .color)
  /// How the dates line writes the created and updated dates (`set date-format`).
  private let dateFormat: DateFormat

  public init(note: Note, width: Int, theme: Theme, dateFormat: DateFormat = .standard) {
    self.note = note
    self.width = width
    self.theme = theme
    self.dateFormat = dateFormat
    fold.fold(toLevel: 1, note.summary)
    relayout()
    if let first = lines.firstIndex(where: { $0.path != nil }) { list.select(first) }
  }

  /// The node under the cursor line.
  public var currentPath: NodePath? {
    lines.indices.contains(list.selection) ? lines[list.selection].path : nil
  }

  /// Lays the note out again for a new width or theme.
  public mutating func layout(width: Int, theme: Theme) {
    guard width != self.width || theme != self.theme else { return }
    self.width = width
    self.theme = theme
    relayout()
  }

  /// Folds or unfolds the node under the cursor; the cursor stays on it.
  public mutating func toggleFold() {
    guard let path = currentPath else { return }
    fold.toggle(path)
    relayout(keeping: path)
  }

  /// Unfolds every node.
  public mutating func unfoldAll() {
    let path = currentPath
    fold.unfoldAll(note.summary)
    relayout(keeping: path)
  }

  /// Shows the tree down to `level` levels (see `FoldState.fold(toLevel:)`).
  public mutating func fold(toLevel level: Int) {
    let path = currentPath.map { Array($0.prefix(max(1, level))) }
    fold.fold(toLevel: level, note.summary)
    relayout(keeping: path)
  }

  /// Sets the search text: unfolds the branches holding a hit, and moves the cursor to the
  /// first hit at or below line `from` (wrapping to the top). Text that does not parse only
  /// records its error.
  public mutating func search(_ text: String, from start: Int) {
    query = text
    do {
      parsed = try QueryParser.parse(text)
      error = nil
    } catch {
      self.error = error
      return
    }
    if let searchBase { fold = searchBase }
    let highlight = QueryHighlight(parsed)
    if !highlight.isEmpty {
      FoldState.visit(note.summary, []) { path, node in
        if highlight.matches(node.plainText, field: .body) { fold.revealAncestors(of: path) }
      }
    }
    relayout()
    if let hit = hits.first(where: { $0 >= start }) ?? hits.first { list.select(hit) }
  }

  /// Remembers the current fold state as the one searches start from (the prompt opened).
  public mutating func beginSearch() {
    searchBase = fold
  }

  /// Moves the cursor to the next hit (or the previous one), wrapping around; false when there
  /// is none.
  @discardableResult
  public mutating func stepHit(forward: Bool) -> Bool {
    guard !hits.isEmpty else { return false }
    let cursor = list.selection
    let next =
      forward
      ? hits.first(where: { $0 > cursor }) ?? hits[0]
      : hits.last(where: { $0 < cursor }) ?? hits[hits.count - 1]
    list.select(next)
    return true
  }

  /// The 1-based number of the hit under the cursor, if the cursor is on one.
  public var currentHitNumber: Int? {
    hits.firstIndex(of: list.selection).map { $0 + 1 }
  }

  private mutating func relayout(keeping path: NodePath? = nil) {
    lines = NoteDocument.lines(
      note: note, fold: fold, width: width, theme: theme, dateFormat: dateFormat)
    hits = []
    let highlight = QueryHighlight(parsed)
    if !highlight.isEmpty {
      for index in lines.indices {
        guard let field = lines[index].field else { continue }
        let marked = highlight.highlight(lines[index].line, field: field, hitStyle: theme.hit)
        // A tag line is a hit where a tag is matched (its text runs tags together); other
        // lines where their whole text is (a node's first line holds the whole node's text).
        let isHit =
          field == .any
          ? marked != lines[index].line
          : highlight.matches(lines[index].searchText, field: field)
        if isHit { hits.append(index) }
        lines[index].line = marked
      }
    }
    list.setCount(lines.count)
    if let path, let index = lines.firstIndex(where: { $0.path == path && $0.startsNode }) {
      list.select(index)
    }
  }
}
