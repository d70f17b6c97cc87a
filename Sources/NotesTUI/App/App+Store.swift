import NoteStore

extension App {
  /// Picks up changes other processes made to the store (called when input is idle) and
  /// refreshes every page. Returns true when the screen needs a redraw.
  ///
  /// A store that no longer parses (edited by hand) is not reloaded: the last good state stays
  /// on screen, `storeProblem` says why, and every edit is refused until it parses again. The
  /// cost when nothing changed is two `stat` calls.
  public mutating func pollStore() -> Bool {
    do {
      let changed = try store.refresh()
      if storeProblem != nil {
        storeProblem = nil
        message = "The store reads again"
        reloadPages()
        return true
      }
      if changed { reloadPages() }
      return changed
    } catch {
      guard error.diagnostic != storeProblem else { return false }
      storeProblem = error.diagnostic
      return true
    }
  }

  /// The status line's words for `storeProblem`: the diagnostic as printed, after what the
  /// browser does about it.
  public var storeProblemText: String? {
    storeProblem.map { "Store unreadable, not writing to it: \($0)" }
  }

  /// Re-reads every page from the store after a change: lists are recomputed (keeping the
  /// cursor on the same item), an open note shows its new version, and pages of a note that
  /// is gone are closed. An open form is left alone: a change to its note is caught as a
  /// conflict when saving.
  mutating func reloadPages() {
    searcher = NoteSearcher(store: store)
    var kept: [Page] = []
    var closedNote: String?
    for var page in pages {
      switch page {
      case .tags(var state):
        state.reload(store: store, searcher: searcher)
        page = .tags(state)
      case .search(var state):
        state.reload(searcher: searcher, budget: searchBudget)
        page = .search(state)
      case .previews(var state):
        state.reload(store: store, searcher: searcher)
        page = .previews(state)
      case .note(let state):
        guard let fresh = store.note(state.note.id) else {
          closedNote = state.note.title
          continue
        }
        if fresh != state.note {
          var updated = NoteViewState(
            note: fresh, width: max(1, size.width - 2), theme: theme,
            dateFormat: config.dateFormat)
          updated.list.select(state.list.selection)
          page = .note(updated)
        }
      case .help, .form:
        break
      }
      if closedNote != nil, case .tags(let state) = page, state.restriction != nil { continue }
      kept.append(page)
    }
    pages = kept
    if let closedNote { message = "“\(closedNote)” was deleted" }
    layout()
  }

  /// Whether the top page is a search still reading summaries and bodies
  /// (`continueSearch` reads on).
  public var isSearching: Bool {
    if case .search(let state) = page { return state.progress != nil }
    return false
  }

  /// Reads on in the top page's unfinished search, within `searchBudget`, and merges what it
  /// finds into the list (called by the main loop between keys).
  public mutating func continueSearch() {
    guard case .search(var state) = page else { return }
    state.continueSearch(searcher: searcher, budget: searchBudget)
    page = .search(state)
  }
}
