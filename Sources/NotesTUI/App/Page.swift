/// A screen on the app's stack, with its own view state. Going back pops it; the page below
/// keeps its selection and filter, as the user left them.
public enum Page: Equatable, Sendable {
  case tags(TagsState)
  /// The first screen's search: matching tags and notes.
  case search(SearchState)
  case previews(PreviewsState)
  case note(NoteViewState)
  /// The help screen; the list scrolls over its lines.
  case help(ListState)
  /// The add/edit form.
  case form(NoteForm)

  /// The command group whose bindings apply on this page.
  public var group: CommandGroup {
    switch self {
    case .tags: return .tags
    case .search: return .search
    case .previews: return .previews
    case .note: return .note
    case .help: return .general
    case .form: return .form
    }
  }
}

/// Something the app asks the outside world to do; the main loop carries it out, so the state
/// stays a plain value that tests can drive without a terminal or a browser.
public enum Effect: Equatable, Sendable {
  /// Open the URL in the user's browser.
  case openURL(String)
  /// Put the text on the clipboard (OSC 52).
  case copyToClipboard(String)
  /// Turn mouse reporting on or off.
  case setMouse(Bool)
  /// Suspend the screen, run `$EDITOR` on the session's file, resume, and hand the result to
  /// `App.finishExternalEdit`.
  case runEditor(EditorSession)
  /// Leave the main loop.
  case quit
}
