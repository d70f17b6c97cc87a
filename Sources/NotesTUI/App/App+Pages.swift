import NoteStore
import TerminalCore

extension App {
  /// Commands of the tag list.
  mutating func performOnTags(_ command: Command) {
    guard case .tags(var state) = page else { return }
    switch command {
    case .toggleTag:
      guard let tag = state.current?.tag else { return }
      state.toggle(tag, store: store)
      input = nil
    case .unselectLastTag:
      state.unselectLast(store: store)
    case .toggleTagOrder:
      state.order = state.order == .count ? .name : .count
      state.reload(store: store)
      message = "Tags by \(state.order.rawValue)"
    case .toggleSingleNoteTags:
      state.singleNoteOnly.toggle()
      state.reload(store: store)
      message = state.singleNoteOnly ? "Only tags used by one note (1: all tags)" : "All tags"
    case .showSelection:
      page = .tags(state)
      push(.previews(PreviewsState(tags: state.selected, store: store)))
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

  /// The note the top page is about: the open note, or the selected preview.
  var currentHeader: NoteHeader? {
    switch page {
    case .previews(let state): return state.current
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
    tags.reload(store: store)
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
