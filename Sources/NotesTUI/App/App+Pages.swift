import NoteStore
import TerminalCore

extension App {
  /// Commands of the tag list.
  mutating func performOnTags(_ command: Command) {
    guard case .tags(var state) = page else { return }
    switch command {
    case .toggleTag, .addAlternativeTag, .excludeTag:
      guard let tag = state.current?.tag else { return }
      state.select(store: store, searcher: searcher) { selection in
        switch command {
        case .addAlternativeTag: selection.addAlternative(tag)
        case .excludeTag: selection.exclude(tag)
        default: selection.toggle(tag)
        }
      }
      input = nil
    case .unselectLastTag:
      state.unselectLast(store: store, searcher: searcher)
    case .toggleTagOrder:
      state.order = state.order == .count ? .name : .count
      state.reload(store: store, searcher: searcher)
      message = "Tags by \(state.order.rawValue)"
    case .toggleSingleNoteTags:
      state.singleNoteOnly.toggle()
      state.reload(store: store, searcher: searcher)
      message = state.singleNoteOnly ? "Only tags used by one note (1: all tags)" : "All tags"
    case .showSelection:
      page = .tags(state)
      push(
        .previews(
          PreviewsState(
            scope: state.selection.query, store: store, searcher: searcher,
            order: config.previewOrder)))
      return
    default:
      return
    }
    page = .tags(state)
  }

  /// Commands of the note view.
  mutating func performOnNote(_ command: Command) {
    guard case .note(var state) = page else { return }
    switch command {
    case .toggleFold: state.toggleFold()
    case .unfoldAll: state.unfoldAll()
    case .foldAll: state.fold(toLevel: 0)
    case .foldToLevel(let level): state.fold(toLevel: level)
    default: return
    }
    page = .note(state)
  }

  /// `S`: the listed notes in the next order.
  mutating func cycleNoteOrder() {
    switch page {
    case .previews(var state):
      state.order = state.effectiveOrder.next
      state.reload(store: store, searcher: searcher)
      message = "Notes by \(state.effectiveOrder.rawValue)"
      page = .previews(state)
    case .search(var state):
      state.order = state.effectiveOrder.next
      state.reload(searcher: searcher, budget: searchBudget)
      message = "Notes by \(state.effectiveOrder.rawValue)"
      page = .search(state)
    default:
      break
    }
  }

  /// The note the top page is about: the open note, or the selected preview.
  var currentHeader: NoteHeader? {
    switch page {
    case .previews(let state): return state.current
    case .search(let state):
      if case .note(let header) = state.current { return header }
      return nil
    case .note(let state): return store.header(state.note.id)
    default: return nil
    }
  }

  /// `t`: a tag list of just this note's tags, to jump to one of them.
  mutating func showNoteTags() {
    guard let header = currentHeader else { return }
    guard !header.tags.isEmpty else {
      message = "This note has no tags"
      return
    }
    var tags = TagsState()
    tags.restriction = header.tags
    tags.restrictionTitle = header.title
    tags.restrictionNote = header.id
    tags.reload(store: store, searcher: searcher)
    push(.tags(tags))
  }

  /// `o` and `y`: only web URLs are opened or copied; anything else gets a message instead.
  mutating func urlEffect(_ command: Command) -> [Effect] {
    guard let header = currentHeader else { return [] }
    guard let url = header.url else {
      message = "This note has no URL"
      return []
    }
    guard URLLauncher.isWebURL(url) else {
      message = "Not an http(s) URL: \(url)"
      return []
    }
    if command == .copyURL {
      message = "Copied \(url)"
      return [.copyToClipboard(url)]
    }
    message = "Opening \(url)"
    return [.openURL(url)]
  }
}
