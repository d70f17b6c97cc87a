import NoteStore
import TerminalCore

/// The main loop: read an event, update the `App`, render a full frame, hand it to the
/// terminal (which writes only what changed), carry out effects; until a quit command.
public enum NotesBrowser {
  /// How long one read waits before the loop wakes anyway (to reap browser processes and to
  /// look for changes other processes made to the store: two `stat` calls).
  public static let pollMilliseconds = 250

  /// How long a key, or one slice between keys, may read a search's summaries and bodies
  /// (`App.searchBudget`): what a key's redraw waits for at most, beyond the search of
  /// titles, tags and URLs. The rest is read in slices while no key is waiting.
  public static let searchSlice = Duration.milliseconds(8)

  /// Runs the browser on `terminal` over `store` until the user quits.
  ///
  /// - Parameters:
  ///   - launcher: opens URLs (built from `$BROWSER` by the caller).
  ///   - pollMilliseconds: the read timeout, after which the store is polled; nil reads
  ///     without a timeout and ends the loop when a read returns nil, which is how a scripted
  ///     `HeadlessTerminal` says its input is exhausted.
  ///   - editor: the `$EDITOR` the `E` key runs.
  ///   - searchBudget: how much of a search's summaries and bodies one key, or one slice
  ///     between keys, reads (`App.searchBudget`).
  /// - Returns: the final state, for tests.
  @discardableResult
  public static func run(
    store: NoteStore, on terminal: some Terminal, launcher: URLLauncher,
    pollMilliseconds: Int? = NotesBrowser.pollMilliseconds,
    editor: ExternalEditor = .fromEnvironment(), config: Config = Config(),
    searchBudget: SearchBudget = SearchBudget(duration: NotesBrowser.searchSlice)
  ) -> App {
    var app = App(
      store: store, size: terminal.size, colorMode: terminal.colorMode, config: config)
    app.searchBudget = searchBudget
    terminal.draw(app.render())
    while !app.isFinished {
      URLLauncher.reap()
      // A search still reading summaries and bodies only peeks for a key: none waiting, it
      // reads one more slice and redraws (fzf's way: the list fills in between keys). So
      // does the building of the search's tables (a few hundred ms at 100k notes, done
      // before the first `/` if the user lets it, a slice at a time between keys).
      let searching = app.isSearching
      let preparing = !app.searcher.isPrepared
      let timeout = searching || preparing ? 0 : pollMilliseconds
      guard let key = terminal.readKey(timeoutMilliseconds: timeout) else {
        if searching {
          app.continueSearch()
          terminal.draw(app.render())
          continue
        }
        if preparing {
          _ = app.searcher.prepare(within: app.searchBudget)
          continue
        }
        if pollMilliseconds == nil { break }
        // Idle: pick up what other processes wrote to the store.
        if app.pollStore() { terminal.draw(app.render()) }
        continue
      }
      if key == .resize { app.resize(to: terminal.size) }
      let effects = app.handle(key)
      for effect in effects {
        perform(effect, app: &app, terminal: terminal, launcher: launcher, editor: editor)
      }
      if !app.isFinished { terminal.draw(app.render()) }
    }
    return app
  }

  static func perform(
    _ effect: Effect, app: inout App, terminal: some Terminal, launcher: URLLauncher,
    editor: ExternalEditor
  ) {
    switch effect {
    case .openURL(let url):
      if let problem = launcher.open(url) { app.message = problem.message }
    case .copyToClipboard(let text):
      if !terminal.copyToClipboard(text) { app.message = "The terminal cannot set the clipboard" }
    case .setMouse(let enabled):
      terminal.setMouseEnabled(enabled)
    case .runEditor(let session):
      terminal.suspend()
      let result = EditorFile.edit(session.text, with: editor)
      terminal.resume()
      app.finishExternalEdit(session, edited: result.text, failure: result.failure)
    case .quit:
      break
    }
  }
}
