import NoteStore

/// The first screen's search: what was typed after `/`, and the tags and notes it finds —
/// the best-matching tags (at most `maxTags`, with their note counts, a row each) above every
/// matching note (a preview each), best first. Enter opens the item under the cursor: a tag's
/// previews, or a note.
///
/// A query that does not parse leaves the results as they were and keeps the error.
public struct SearchState: Equatable, Sendable {
  public private(set) var text = ""
  /// The last query that parsed: the rows are its result.
  public private(set) var parsed = Query()
  public private(set) var error: QueryError?
  /// The chosen order of the notes; nil: by relevance, or newest first without a query.
  public var order: NoteOrder?
  public private(set) var tags: [TagCount] = []
  /// The matching notes, best first (headers read when drawn).
  public private(set) var notes = RankedNotes()
  /// How far the search is while the summaries and bodies are still being read (nil: the
  /// notes are complete); `continueSearch` reads on.
  public private(set) var progress: SearchProgress?
  public var list = ListState()
  /// Rows the results have on screen (`setRows`): items differ in height, so the list scrolls
  /// by rows (`fitList`).
  public private(set) var rows = 1

  /// Tag rows shown at most, so the notes stay in view.
  public static let maxTags = 5

  /// One row of the results.
  public enum Item: Equatable, Sendable {
    case tag(TagCount)
    case note(NoteHeader)
  }

  /// The search page over `searcher`, every note listed; with a `budget` of limited
  /// duration, a searcher whose tables are not built yet builds them in slices
  /// (`continueSearch`), and the page is empty meanwhile.
  public init(searcher: NoteSearcher, budget: SearchBudget = .unlimited) {
    reload(searcher: searcher, budget: budget)
  }

  public var count: Int { tags.count + notes.count }

  public func item(at index: Int) -> Item? {
    if index < tags.count { return .tag(tags[index]) }
    let note = index - tags.count
    return note >= 0 && note < notes.count ? .note(notes[note]) : nil
  }

  /// Rows item `index` takes: a tag one (the last tag one more, a gap above the notes), a
  /// note a preview's.
  public func height(at index: Int) -> Int {
    guard index < tags.count else { return App.previewHeight }
    return index == tags.count - 1 && !notes.isEmpty ? 2 : 1
  }

  /// The item drawn at `row` rows below the top of the results, if any.
  public func index(atRow row: Int) -> Int? {
    var top = 0
    for index in list.offset..<list.count {
      let height = height(at: index)
      if row < top + height { return row < top + (index < tags.count ? 1 : height) ? index : nil }
      top += height
    }
    return nil
  }

  /// Sets the rows on screen (after a resize).
  public mutating func setRows(_ newRows: Int) {
    rows = max(1, newRows)
    fitList()
  }

  /// Scrolls so the cursor's item shows whole; run after every change of the list.
  public mutating func fitList() {
    let state = self
    list.fit(rows: rows) { state.height(at: $0) }
  }

  /// The row under the cursor.
  public var current: Item? { item(at: list.selection) }

  public var effectiveOrder: NoteOrder { order ?? (parsed.isEmpty ? .created : .relevance) }

  /// Sets the typed text; the rows follow when it parses, with the cursor on the best one.
  /// `budget` bounds the reading of summaries and bodies (`NoteSearcher.rank`).
  public mutating func setText(
    _ newText: String, searcher: NoteSearcher, budget: SearchBudget = .unlimited
  ) {
    text = newText
    do {
      parsed = try QueryParser.parse(newText)
      error = nil
      search(searcher, budget: budget)
      list.top()
      fitList()
    } catch {
      self.error = error
    }
  }

  /// Runs the query again (the store changed, or the order), keeping the cursor's row.
  public mutating func reload(searcher: NoteSearcher, budget: SearchBudget = .unlimited) {
    let previous = current
    search(searcher, budget: budget)
    reselect(previous)
  }

  /// Reads on in an unfinished search's summaries and bodies and merges what it finds into
  /// the rows. A cursor on the first row stays there (on the best note so far, as fzf's
  /// does); elsewhere it stays on its item.
  public mutating func continueSearch(searcher: NoteSearcher, budget: SearchBudget) {
    guard progress != nil else { return }
    if !searcher.isPrepared {
      guard searcher.prepare(within: budget) else { return }
      // The tables are built: the query typed meanwhile runs, the cursor on the best row.
      search(searcher, budget: budget)
      list.top()
      fitList()
      return
    }
    let previous = list.selection == 0 ? nil : current
    let result = searcher.rank(matching: parsed, order: effectiveOrder, budget: budget)
    notes = result.notes
    progress = result.progress
    list.setCount(count)
    reselect(previous)
  }

  /// Puts the cursor back on `previous` if it is still listed.
  private mutating func reselect(_ previous: Item?) {
    switch previous {
    case .tag(let entry):
      if let index = tags.firstIndex(of: entry) { list.select(index) }
    case .note(let header):
      if let index = notes.firstIndex(of: header.id) { list.select(tags.count + index) }
    case nil:
      break
    }
    fitList()
  }

  /// The tags and notes for `parsed`; the cursor is left to the caller.
  private mutating func search(_ searcher: NoteSearcher, budget: SearchBudget) {
    tags = parsed.isEmpty ? [] : Array(searcher.matchingTags(parsed).prefix(Self.maxTags))
    if budget.duration != nil, !searcher.prepare(within: budget) {
      // No tables yet: nothing is listed until `continueSearch` has built them.
      notes = RankedNotes()
      progress = searcher.unpreparedProgress
      list.setCount(count)
      return
    }
    let result = searcher.rank(matching: parsed, order: effectiveOrder, budget: budget)
    notes = result.notes
    progress = result.progress
    list.setCount(count)
  }
}
