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
    case .nextHit, .previousHit: stepHit(forward: command == .nextHit)
    case .toggleTag, .unselectLastTag, .toggleTagOrder, .showSelection: performOnTags(command)
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
      var tags = state.selected
      if let tag = state.current?.tag, !tags.contains(where: { TagKey($0) == TagKey(tag) }) {
        tags.append(tag)
      }
      guard !tags.isEmpty || store.count > 0 else { return }
      push(.previews(PreviewsState(tags: tags, store: store)))
    case .previews(let state):
      guard let header = state.current else { return }
      guard let note = store.note(header.id) else {
        message = "Cannot read note \(header.id)"
        return
      }
      push(.note(NoteViewState(note: note, width: max(1, size.width - 2), theme: theme)))
      if !state.query.isEmpty {
        // Carry the list's filter into the note, so its hits are unfolded and highlighted.
        searchOrigin = 0
        applyFilter(state.query)
      }
    case .note:
      performOnNote(.toggleFold)
    case .help, .form:
      break
    }
  }

  /// Esc: close the prompt, else clear the page's filter, else go back a page; on the first
  /// page it takes back the last selected tag and never quits.
  mutating func back() {
    if input != nil || !activeFilter.isEmpty {
      input = nil
      applyFilter("")
      return
    }
    if pages.count > 1 {
      pages.removeLast()
    } else if case .tags(var state) = page, state.unselectLast(store: store) {
      page = .tags(state)
    }
  }

  mutating func startSearch() {
    if case .help = page { return }
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
