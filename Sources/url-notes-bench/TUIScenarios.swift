import NoteStore
import NotesTUI
import TerminalCore

/// The TUI paths the bench times, driven through `App`'s public key handling exactly as a
/// user's keys would, rendering into a cell buffer (no terminal).
enum TUIScenarios {
  /// A common terminal size: 120 columns, 40 rows.
  static let size = Size(width: 120, height: 40)

  /// Start-up: open the store, build the app, draw the first frame (the tag list).
  static func firstFrame(path: String) throws -> CellBuffer {
    let store = try NoteStore.open(path: path)
    let app = App(store: store, size: size, colorMode: .color)
    return app.render()
  }

  /// An app on the first screen's search, its prompt open.
  static func filtering(_ store: NoteStore) -> App {
    var app = App(store: store, size: size, colorMode: .color)
    _ = app.handle(.character("/"))
    return app
  }

  /// An app showing the previews of the notes carrying `tag`.
  static func previews(_ store: NoteStore, tag: String) -> App {
    var app = App(store: store, size: size, colorMode: .color)
    open(tag, in: &app)
    return app
  }

  /// An app showing the big-tree note with every node unfolded.
  static func bigTree(_ store: NoteStore) -> App {
    var app = App(store: store, size: size, colorMode: .color)
    open(Vocabulary.bigTreeTag, in: &app)
    _ = app.handle(.enter)
    _ = app.handle(.character("*"))
    return app
  }

  /// Searches for the tag `#"tag"` on the first screen and opens it (its only tag row is the
  /// first row, which Enter opens).
  static func open(_ tag: String, in app: inout App) {
    _ = app.handle(.character("/"))
    for character in "#\"\(tag)\"" { _ = app.handle(.character(character)) }
    _ = app.handle(.enter)
  }

  /// What the page on top is, for checking the scenario reached it.
  static func describe(_ app: App) -> String {
    switch app.page {
    case .tags(let state): return "tags (\(state.rows.count) rows)"
    case .previews(let state): return "previews (\(state.headers.count) notes)"
    case .note(let state): return "note (\(state.lines.count) lines)"
    default: return "\(app.page.group)"
    }
  }
}
