import NoteStore
import TerminalCore

extension App {
  /// The whole screen for the current state: title bar, the top page, status bar; or only a
  /// message when the terminal is below `minimumSize`.
  public func render() -> CellBuffer {
    var buffer = CellBuffer(size: size)
    guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
      buffer.render(TooSmallView(size: size), in: buffer.bounds)
      return buffer
    }
    let (titleArea, rest) = buffer.bounds.split(top: 1)
    let (content, statusArea) = rest.split(bottom: 1)
    buffer.render(TitleBar(text: breadcrumb, theme: theme), in: titleArea)
    switch page {
    case .tags(let state):
      if store.count == 0 {
        buffer.render(EmptyStoreView(storePath: store.path, theme: theme), in: content)
      } else {
        buffer.render(TagsView(state: state, theme: theme), in: content)
      }
    case .search(let state):
      buffer.render(
        SearchView(
          state: state, store: store, theme: theme, settings: PreviewSettings(config)),
        in: content)
    case .previews(let state):
      buffer.render(
        PreviewsView(
          state: state, store: store, theme: theme, settings: PreviewSettings(config)),
        in: content)
    case .note(let state):
      buffer.render(NoteView(state: state), in: content)
    case .help(let list):
      buffer.render(HelpView(list: list, keyMap: keyMap, theme: theme), in: content)
    case .form(let form):
      buffer.render(NoteFormView(form: form, theme: theme), in: content)
    }
    let status = StatusBar(
      left: statusText, right: keyHints, theme: theme,
      showsCursor: (input != nil || tagPrompt != nil) && confirmation == nil)
    buffer.render(status, in: statusArea)
    return buffer
  }

  /// "url-notes › gpu + hardware › Title": one part per page.
  var breadcrumb: String {
    var parts = ["url-notes"]
    for page in pages {
      switch page {
      case .tags(let state):
        if let title = state.restrictionTitle {
          parts.append("Tags of \(title)")
        } else {
          parts.append(
            state.selection.isEmpty ? "Tags" : "Tags: \(state.selection.label)")
        }
      case .search:
        parts.append("Search")
      case .previews(let state):
        parts.append(state.scopeLabel)
      case .note(let state):
        parts.append(state.note.title)
      case .help:
        parts.append("Help")
      case .form(let form):
        switch form.mode {
        case .add: parts.append("Add a note")
        case .edit(let note): parts.append("Edit \(note.title)")
        }
      }
    }
    return parts.joined(separator: " › ")
  }

  /// The left side of the status bar: the prompt, else the message, else the page's counts.
  var statusText: StyledLine {
    if let confirmation {
      // The status bar keeps a column of margin on the left.
      let room = size.width - 1 - DisplayWidth.width(of: Self.yesNo)
      return StyledLine(
        confirmation.question(fittingWidth: room) + Self.yesNo, theme.statusBar.adding(.bold))
    }
    if let tagPrompt { return StyledLine(tagPrompt.promptText, theme.statusBar) }
    if let input { return StyledLine(input.prompt + input.text, theme.statusBar) }
    if let message { return StyledLine(message, theme.statusBar.adding(.bold)) }
    if let storeProblemText { return StyledLine(storeProblemText, theme.statusBar.adding(.bold)) }
    var text: String
    switch page {
    case .tags(let state):
      if store.count == 0 { return StyledLine("Empty store", theme.statusBar) }
      let notes = Counted(state.selectionCount, "note")
      text = "\(Counted(state.rows.count, "tag")) · \(notes) · by \(state.order.rawValue)"
      if !state.selection.isEmpty {
        text = "\(Counted(state.rows.count, "co-occurring tag")) · \(notes)"
      }
      if state.singleNoteOnly { text += " · used once" }
      if !state.filter.isEmpty { text += " · /\(state.filter)" }
    case .search(let state):
      text =
        "\(Counted(state.tags.count, "tag")) · \(Counted(state.notes.count, "note"))"
        + " · by \(state.effectiveOrder.rawValue)"
      if !state.text.isEmpty { text += " · /\(state.text)" }
      if let progress = state.progress { text += " · \(progress)" }
    case .previews(let state):
      let count = state.headers.count
      let position = count == 0 ? 0 : state.list.selection + 1
      text = "\(position)/\(Counted(count, "note"))"
      if state.order != nil || !state.parsed.isEmpty {
        text += " · by \(state.effectiveOrder.rawValue)"
      }
      if !state.query.isEmpty { text += " · /\(state.query)" }
    case .note(let state):
      text = "line \(state.list.selection + 1)/\(state.lines.count)"
      if !state.query.isEmpty { text += " · " + hitMessage(state) }
    case .help:
      text = Counted(keyMap.bindings.count, "key binding").description
    case .form(let form):
      switch form.focus {
      case .url: text = "URL (empty: a note without a link)"
      case .title: text = "Title"
      case .tags: text = "Tags, separated by commas (Tab completes)"
      case .summary: text = "Summary line \(form.summary.row + 1) (Tab indents, S-Tab outdents)"
      }
    }
    return StyledLine(text, theme.statusBar)
  }

  /// Why the query being typed does not parse (the list keeps its last good result).
  var queryError: QueryError? {
    switch page {
    case .search(let state): return state.error
    case .previews(let state): return state.error
    case .note(let state): return state.error
    default: return nil
    }
  }

  /// What follows every question.
  static let yesNo = " (y/n)"

  /// Key hints on the right of the status bar.
  var keyHints: String {
    if confirmation != nil { return "y yes · n no" }
    if tagPrompt != nil { return "Enter do it · Esc cancel" }
    if case .form = page { return "C-s save · Esc cancel" }
    if input != nil, let error = queryError { return error.description }
    if input != nil, case .search(let state) = page, let progress = state.progress {
      // While summaries and bodies are read: matches so far / notes, and how far, as fzf.
      return "\(progress) · Enter keep · Esc clear"
    }
    if input != nil { return "Enter keep · Esc clear" }
    return pages.count == 1 ? "? help · q quit" : "? help · q back"
  }
}
