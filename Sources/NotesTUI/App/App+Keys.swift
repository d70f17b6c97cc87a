import NoteStore
import TerminalCore

extension App {
  /// Handles one input event: a resize, a key typed into an open prompt, a mouse event, or a
  /// key looked up in `CommandTable` for the top page. Returns the effects to carry out.
  public mutating func handle(_ key: Key) -> [Effect] {
    if key == .resize { return [] }
    message = nil
    if confirmation != nil { return answerConfirmation(key) }
    if tagPrompt != nil { return handleTagPrompt(key) }
    if case .form = page { return handleFormKey(key) }
    if input != nil, let effects = handleInput(key) { return effects }
    if case .mouse(let event) = key { return handleMouse(event) }
    guard let command = keyMap.command(for: key, in: page.group) else {
      if case .character(let c) = key, c != " " {
        message = "\(key.description): no such key here (? for help)"
      }
      return []
    }
    return perform(command)
  }

  /// Keys while a prompt is open: text edits the prompt and re-runs the filter at once; Enter
  /// keeps the filter, Esc drops it; movement keys fall through to the list. Returns nil for a
  /// key the prompt does not take.
  mutating func handleInput(_ key: Key) -> [Effect]? {
    guard var field = input else { return nil }
    switch key {
    case .character(let c):
      field.insert(String(c))
    case .backspace:
      if !field.deleteBackward() {
        input = nil
        return []
      }
    case .ctrl("w"):
      field.deleteWord()
    case .ctrl("u"):
      field = TextInput(prompt: field.prompt)
    case .enter:
      input = nil
      // In the first screen's search, Enter opens the best (or selected) row at once.
      if case .search = page { return perform(.open) }
      if case .note(let state) = page, !state.query.isEmpty {
        message = state.hits.isEmpty ? "No hits for \(state.query)" : hitMessage(state)
      }
      return []
    case .escape:
      if case .search = page {
        back()
        return []
      }
      input = nil
      applyFilter("")
      return []
    default:
      return nil
    }
    input = field
    applyFilter(field.text)
    return []
  }

  /// Runs the top page's filter (tags, previews) or search (note) for `text`.
  mutating func applyFilter(_ text: String) {
    switch page {
    case .tags(var state):
      state.setFilter(text)
      page = .tags(state)
    case .search(var state):
      state.setText(text, searcher: searcher, budget: searchBudget)
      page = .search(state)
    case .previews(var state):
      state.setQuery(text, store: store, searcher: searcher)
      page = .previews(state)
    case .note(var state):
      state.search(text, from: searchOrigin)
      page = .note(state)
    case .help, .form:
      break
    }
  }

  /// The current filter text of the top page ("" when none).
  var activeFilter: String {
    switch page {
    case .tags(let state): return state.filter
    case .search(let state): return state.text
    case .previews(let state): return state.query
    case .note(let state): return state.query
    case .help, .form: return ""
    }
  }

  /// Wheel scrolls by three rows; a click on a list row selects it (a second click opens it).
  mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
    switch event.action {
    case .wheelUp: withList { $0.move(by: -3) }
    case .wheelDown: withList { $0.move(by: 3) }
    case .press(button: 1):
      let row = event.position.y - 1
      guard row >= 0, row < contentHeight else { return [] }
      var target: Int?
      switch page {
      case .tags(let state): target = state.list.offset + row
      case .search(let state): target = state.index(atRow: row)
      case .previews(let state): target = state.list.offset + row / Self.previewHeight
      case .note(let state): target = state.list.offset + row
      case .help, .form: target = nil
      }
      guard let target else { return [] }
      var alreadySelected = false
      withList { list in
        guard target < list.count else { return }
        alreadySelected = list.selection == target
        list.select(target)
      }
      if alreadySelected { return perform(.open) }
    case .press:
      break
    }
    return []
  }

  func hitMessage(_ state: NoteViewState) -> String {
    let number = state.currentHitNumber.map { "\($0)/" } ?? ""
    return "\(number)\(Counted(state.hits.count, "hit")) for \(state.query)"
  }
}
