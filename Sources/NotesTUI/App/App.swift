import Diagnostics
import NoteStore
import TerminalCore

/// The whole state of the note browser: a stack of pages over one store, the prompt being
/// typed, a status message, and the terminal size and theme.
///
/// Input arrives as keys (`handle(_:)`) or commands (`perform(_:)`) and returns the effects the
/// main loop must carry out; `render()` draws the current state into a fresh buffer. Nothing
/// here touches a terminal, so every screen and key sequence is testable as a value.
public struct App {
  public let store: NoteStore
  /// Runs queries over the store; replaced after every change to it (`reloadPages`).
  public internal(set) var searcher: NoteSearcher
  /// The pages, first screen first; never empty.
  public internal(set) var pages: [Page]
  /// The filter or search prompt being typed, if any (it belongs to the top page).
  public internal(set) var input: TextInput?
  /// A one-line message for the status bar, cleared by the next key.
  public internal(set) var message: String?
  public internal(set) var size: Size
  public internal(set) var theme: Theme
  public internal(set) var mouseEnabled = true
  /// The user's config file, read at start; its key map is the one keys go through.
  public let config: Config
  /// The bindings in effect (`config.keyMap`): the help screen lists these.
  public var keyMap: KeyMap { config.keyMap }
  /// Set by the quit commands; the main loop stops when it sees it.
  public internal(set) var isFinished = false
  /// How much of a search's summaries and bodies a key may read before its frame is drawn
  /// (the rest is read by `continueSearch`, between keys). Unlimited by default, so a key's
  /// results are complete; the browser's main loop sets a slice of a few milliseconds.
  public var searchBudget = SearchBudget.unlimited
  /// Where the cursor line was when a search prompt opened, so a search starts from there.
  var searchOrigin = 0
  /// A yes/no question waiting for its answer; it takes every key until answered.
  public internal(set) var confirmation: Confirmation?
  /// The tag rename or merge prompt being typed, if any.
  public internal(set) var tagPrompt: TagPrompt?
  /// Why the store is not usable right now (it stopped parsing after an edit by hand): its
  /// error, a diagnostic like every other; while set, nothing is written to it. Cleared when a
  /// refresh reads it again.
  public internal(set) var storeProblem: Diagnostic?
  /// Saves, deletes, renames and merges, with conflict checks; its history is every change
  /// of this session, for undo and redo.
  public internal(set) var editor: NoteEditor
  /// An `$EDITOR` edit whose file did not parse or validate: `E` re-opens it with the text
  /// as the user left it, so nothing typed is lost.
  public internal(set) var pendingEditorSession: EditorSession?

  /// Smallest usable terminal; below it only a message is drawn.
  public static let minimumSize = Size(width: 40, height: 8)

  /// An app over `store`; `editor` (by default a new one on the same store) makes its changes.
  /// `config` (the user's file, or the defaults) sets the start-up mouse mode, the keys and
  /// colours; its first problem, if any, is the first status message.
  public init(
    store: NoteStore, size: Size, colorMode: ColorMode, editor: NoteEditor? = nil,
    config: Config = Config()
  ) {
    self.store = store
    self.editor = editor ?? NoteEditor(store: store)
    self.size = size
    self.config = config
    self.theme = Theme(mode: colorMode).applying(config.colors)
    self.mouseEnabled = config.mouse
    searcher = NoteSearcher(store: store)
    var tags = TagsState()
    tags.reload(store: store, searcher: searcher)
    pages = [.tags(tags)]
    if !store.warnings.isEmpty {
      message = store.warnings.map(\.description).joined(separator: "; ")
    }
    if let first = config.problems.first {
      let more = config.problems.count - 1
      message = first.short + (more > 0 ? " (and \(Counted(more, "more problem")))" : "")
    }
    layout()
  }

  /// The page on top.
  public var page: Page {
    get { pages[pages.count - 1] }
    set { pages[pages.count - 1] = newValue }
  }

  /// Rows between the title bar and the status bar.
  var contentHeight: Int { max(1, size.height - 2) }

  /// Rows one preview takes: title, host and tags, two summary lines, a gap.
  static let previewHeight = 5

  /// Tells every page's lists how much fits, after a resize or a new page.
  mutating func layout() {
    for index in pages.indices {
      switch pages[index] {
      case .tags(var state):
        state.list.setPageSize(contentHeight)
        pages[index] = .tags(state)
      case .search(var state):
        state.setRows(contentHeight)
        pages[index] = .search(state)
      case .previews(var state):
        state.list.setPageSize(max(1, contentHeight / Self.previewHeight))
        pages[index] = .previews(state)
      case .note(var state):
        state.layout(width: max(1, size.width - 2), theme: theme)
        state.list.setPageSize(contentHeight)
        pages[index] = .note(state)
      case .help(var list):
        list.setCount(HelpView.lines(keyMap: keyMap, theme: theme, width: size.width - 2).count)
        list.setPageSize(contentHeight)
        pages[index] = .help(list)
      case .form(var form):
        form.summary.setVisibleRows(max(1, contentHeight - NoteFormView.headerRows))
        pages[index] = .form(form)
      }
    }
  }

  /// Adopts a new terminal size.
  public mutating func resize(to newSize: Size) {
    size = newSize
    layout()
  }

  mutating func push(_ newPage: Page) {
    input = nil
    pages.append(newPage)
    layout()
  }
}
