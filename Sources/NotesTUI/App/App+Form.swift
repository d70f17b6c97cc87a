import NoteStore
import TerminalCore

extension App {
  /// `a`: an empty form; the tags selected on the tag list are filled in, since a note added
  /// while looking at a tag usually belongs under it.
  mutating func openAddForm() {
    var tags: [String] = []
    for page in pages {
      switch page {
      case .tags(let state) where state.restriction == nil: tags = state.selected
      case .previews(let state): tags = state.tags
      default: break
      }
    }
    push(
      .form(NoteForm(mode: .add, url: "", title: "", tags: tags, summary: "", knownTags: knownTags))
    )
  }

  /// `e`: the selected note in the form.
  mutating func openEditForm() {
    guard let header = currentHeader else { return }
    guard let note = store.note(header.id) else {
      message = "Cannot read note \(header.id)"
      return
    }
    push(.form(NoteForm(editing: note, knownTags: knownTags)))
  }

  /// Every tag, most used first, for completion. Complexity: O(tags), from the store's index.
  var knownTags: [String] { store.tagCounts(order: .count).map(\.tag) }

  /// A key in the form: form commands first (with Tab completing tags and indenting the
  /// outline, Up and Down moving within the outline), Enter moving on from a one-line field,
  /// and everything else typed into the focused field.
  mutating func handleFormKey(_ key: Key) -> [Effect] {
    guard case .form(var form) = page else { return [] }
    defer { if case .form = page { layout() } }
    switch (form.focus, key) {
    case (.tags, .tab):
      if form.completeTag() {
        page = .form(form)
        return []
      }
      if form.completions.count > 1 {
        // Ambiguous: stay, so the user can type on; ↓ or Enter moves to the next field.
        message =
          "\(Counted(form.completions.count, "tag")) start with “\(form.partialTag)”: type more"
        return []
      }
    case (.summary, .tab), (.summary, .backTab), (.summary, .up), (.summary, .down):
      if form.edit(with: key) {
        page = .form(form)
        return []
      }
    case (.url, .enter), (.title, .enter), (.tags, .enter):
      form.focusNext()
      page = .form(form)
      return []
    default:
      break
    }
    if let command = keyMap.command(for: key, in: .form) { return perform(command) }
    if case .mouse = key { return [] }
    if form.edit(with: key) {
      page = .form(form)
    } else if key != .enter {
      message = "\(key.description): not a key of the form (C-s saves, Esc cancels)"
    }
    return []
  }

  /// Commands of the form: moving between fields, saving, cancelling.
  mutating func performOnForm(_ command: Command) -> [Effect] {
    guard case .form(var form) = page else { return [] }
    switch command {
    case .nextField: form.focusNext()
    case .previousField: form.focusPrevious()
    case .saveForm:
      saveForm(form)
      return []
    case .cancelForm:
      if form.isModified {
        confirmation = Confirmation("Discard what you typed?", .discardForm)
      } else {
        closeForm()
      }
      return []
    default: return []
    }
    page = .form(form)
    return []
  }

  /// Leaves the form without saving.
  mutating func closeForm() {
    guard case .form = page, pages.count > 1 else { return }
    pages.removeLast()
  }
}

extension NoteForm {
  /// The form for editing `note`: its fields, and its summary as outline text.
  public init(editing note: Note, knownTags: [String]) {
    self.init(
      mode: .edit(note), url: note.url ?? "", title: note.title, tags: note.tags,
      summary: OutlineText.render(note.summary), knownTags: knownTags)
  }

  /// What the form says as a draft for the editing core, or the outline's error (its line
  /// counted from the first summary line). The body is the edited note's, untouched.
  public func draft() throws(OutlineError) -> NoteDraft {
    let summaryNodes = try OutlineText.parse(summary.text)
    var body: String?
    if case .edit(let note) = mode { body = note.body }
    return NoteDraft(
      url: url.text, title: title.text, tags: tagList, summary: summaryNodes, body: body)
  }
}
