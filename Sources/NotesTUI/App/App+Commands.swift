import NoteStore
import TerminalCore

extension App {
  /// Carries out `command` on the top page and returns the effects for the main loop.
  /// A command that does not apply to the page does nothing.
  public mutating func perform(_ command: Command) -> [Effect] {
    if case .help = page, command == .up || command == .down {
      withList { $0.scroll(by: command == .up ? -1 : 1) }
      return []
    }
    switch command {
    case .up: withList { $0.move(by: -1) }
    case .down: withList { $0.move(by: 1) }
    case .pageUp: withList { $0.pageUp() }
    case .pageDown: withList { $0.pageDown() }
    case .top: withList { $0.top() }
    case .bottom: withList { $0.bottom() }
    case .open: open()
    case .back: back()
    case .backOrQuit:
      if pages.count == 1 { return quit() }
      input = nil
      pages.removeLast()
    case .quit: return quit()
    case .help:
      if case .help = page { break }
      push(.help(ListState()))
    case .toggleMouse:
      mouseEnabled.toggle()
      message = mouseEnabled ? "Mouse on" : "Mouse off: the terminal selects text"
      return [.setMouse(mouseEnabled)]
    case .search: startSearch()
    case .cycleNoteOrder: cycleNoteOrder()
    case .nextHit, .previousHit: stepHit(forward: command == .nextHit)
    case .toggleTag, .addAlternativeTag, .excludeTag, .unselectLastTag, .toggleTagOrder,
      .showSelection:
      performOnTags(command)
    case .noteTags: showNoteTags()
    case .toggleFold, .unfoldAll, .foldAll, .foldToLevel: performOnNote(command)
    case .openURL, .copyURL: return urlEffect(command)
    case .addNote: openAddForm()
    case .editNote: openEditForm()
    case .editExternally: return startExternalEdit()
    case .deleteNote: askToDelete()
    case .undo: undo()
    case .redo: redo()
    case .renameTag, .mergeTag: startTagPrompt(command)
    case .toggleSingleNoteTags: performOnTags(command)
    case .nextField, .previousField, .saveForm, .cancelForm: return performOnForm(command)
    }
    return []
  }

  /// Applies `change` to the list of the top page.
  mutating func withList(_ change: (inout ListState) -> Void) {
    switch page {
    case .tags(var state):
      change(&state.list)
      page = .tags(state)
    case .search(var state):
      change(&state.list)
      state.fitList()
      page = .search(state)
    case .previews(var state):
      change(&state.list)
      page = .previews(state)
    case .note(var state):
      change(&state.list)
      page = .note(state)
    case .help(var list):
      change(&list)
      page = .help(list)
    case .form:
      break
    }
  }

  mutating func quit() -> [Effect] {
    isFinished = true
    return [.quit]
  }

  /// Enter: a tag opens its notes (with the selection), a preview opens its note.
  mutating func open() {
    switch page {
    case .tags(let state):
      var selection = state.selection
      if let tag = state.current?.tag, !selection.contains(tag) { selection.toggle(tag) }
      guard !selection.isEmpty || store.count > 0 else { return }
      push(
        .previews(
          PreviewsState(
            scope: selection.query, store: store, searcher: searcher, order: config.previewOrder)))
    case .search(let state):
      switch state.current {
      case .tag(let entry):
        let scope = Query([[.tag(entry.tag, negated: false)]])
        push(
          .previews(
            PreviewsState(
              scope: scope, store: store, searcher: searcher, order: config.previewOrder)))
      case .note(let header): openNote(header, query: state.parsed)
      case nil: break
      }
    case .previews(let state):
      guard let header = state.current else { return }
      openNote(header, query: state.parsed)
    case .note:
      performOnNote(.toggleFold)
    case .help, .form:
      break
    }
  }

  /// Opens `header`'s note; the text terms of `query` become the note's search, so its hits
  /// are unfolded and highlighted (tag, date and negated terms say nothing about a line).
  mutating func openNote(_ header: NoteHeader, query: Query) {
    guard let note = store.note(header.id) else {
      message = "Cannot read note \(header.id)"
      return
    }
    push(
      .note(
        NoteViewState(
          note: note, width: max(1, size.width - 2), theme: theme, dateFormat: config.dateFormat)))
    let textGroups = query.groups.filter { group in
      group.allSatisfy {
        guard case .text(let term) = $0 else { return false }
        return !term.negated
      }
    }
    if !textGroups.isEmpty {
      searchOrigin = 0
      applyFilter(Query(textGroups).description)
    }
  }

  /// Esc: close the prompt, else clear the page's filter, else go back a page; on the first
  /// page it takes back the last selected tag and never quits. The first screen's search is
  /// left at once.
  mutating func back() {
    if case .search = page {
      input = nil
      pages.removeLast()
      return
    }
    if input != nil || !activeFilter.isEmpty {
      input = nil
      applyFilter("")
      return
    }
    if pages.count > 1 {
      pages.removeLast()
    } else if case .tags(var state) = page, state.unselectLast(store: store, searcher: searcher) {
      page = .tags(state)
    }
  }

  mutating func startSearch() {
    if case .help = page { return }
    if pages.count == 1, case .tags = page {
      // The first screen searches notes and tags at once, on a page of its own.
      push(.search(SearchState(searcher: searcher, budget: searchBudget)))
    }
    if case .note(var state) = page {
      searchOrigin = state.list.selection
      state.beginSearch()
      page = .note(state)
    }
    input = TextInput(prompt: "/", text: activeFilter)
  }

  mutating func stepHit(forward: Bool) {
    guard case .note(var state) = page else { return }
    if state.stepHit(forward: forward) {
      page = .note(state)
      message = hitMessage(state)
    } else {
      message = state.query.isEmpty ? "No search: press / to search" : "No hits"
    }
  }
}
