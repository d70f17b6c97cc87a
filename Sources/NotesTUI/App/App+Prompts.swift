import NoteStore
import TerminalCore

extension App {
  /// A key while a yes/no question is open: `y` carries the action out; `n` or Esc drop it.
  /// Other keys keep the question open (a stray key must not answer it).
  mutating func answerConfirmation(_ key: Key) -> [Effect] {
    guard let question = confirmation else { return [] }
    switch key {
    case .character("y"), .character("Y"):
      confirmation = nil
      return confirmed(question.action)
    case .character("n"), .character("N"), .escape:
      confirmation = nil
      declined(question.action)
    default:
      break
    }
    return []
  }

  mutating func confirmed(_ action: Confirmation.Action) -> [Effect] {
    switch action {
    case .deleteNote(let id): deleteNote(id)
    case .discardForm:
      closeForm()
      message = "Discarded"
    case .openExisting(let id): openExisting(id)
    case .overwriteConflict(let id, let draft, let current):
      overwrite(id, with: draft, current: current)
    case .mergeTag(let source, let target): applyTagEdit(.merge, from: source, to: target)
    }
    return []
  }

  mutating func declined(_ action: Confirmation.Action) {
    switch action {
    case .deleteNote: message = "Not deleted"
    case .discardForm, .openExisting: message = "Still editing"
    case .overwriteConflict:
      if case .form = page {
        message = "Kept the other version; your text is still in the form (Esc drops it)"
      } else {
        message = "Kept the other version; E re-opens your text"
      }
    case .mergeTag: message = "Not merged"
    }
  }

  /// `d`: asks before deleting the selected note.
  mutating func askToDelete() {
    guard let header = currentHeader else { return }
    // `set confirm-delete = off`: u undoes a deletion anyway.
    guard config.confirmDelete else { return deleteNote(header.id) }
    confirmation = Confirmation(
      [.words("Delete “"), .subject(header.title), .words("”?")], .deleteNote(header.id))
  }

  /// Opens note `id` in place of the form (its URL was the one typed).
  mutating func openExisting(_ id: NoteID) {
    guard let note = store.note(id) else { return }
    closeForm()
    push(
      .note(
        NoteViewState(
          note: note, width: max(1, size.width - 2), theme: theme, dateFormat: config.dateFormat)))
  }

  /// `r` and `M` on the tag list: a prompt for the new name or the tag to merge into.
  mutating func startTagPrompt(_ command: Command) {
    guard case .tags(let state) = page, let tag = state.current?.tag else { return }
    input = nil
    tagPrompt = TagPrompt(
      kind: command == .renameTag ? .rename : .merge, tag: tag, knownTags: knownTags)
  }

  /// Keys while the tag prompt is open: text edits it, Tab completes, Enter carries it out,
  /// Esc cancels.
  mutating func handleTagPrompt(_ key: Key) -> [Effect] {
    guard var prompt = tagPrompt else { return [] }
    switch key {
    case .escape, .ctrl("c"):
      tagPrompt = nil
      message = "Cancelled"
      return []
    case .enter:
      let target = prompt.field.text.trimmingSpaces
      guard !target.isEmpty else {
        message = "Type a tag name (Esc cancels)"
        return []
      }
      tagPrompt = nil
      applyTagEdit(prompt.kind, from: prompt.tag, to: target)
      return []
    case .tab:
      if !prompt.complete() { message = "No tag starts with “\(prompt.field.text)”" }
    default:
      _ = prompt.field.edit(with: key)
    }
    tagPrompt = prompt
    return []
  }
}
