import NoteStore
import TerminalCore

/// The main loop: read an event, update the `App`, render a full frame, hand it to the
/// terminal (which writes only what changed), carry out effects; until a quit command.
public enum NotesBrowser {
  /// How long one read waits before the loop wakes anyway (to reap browser processes and to
  /// look for changes other processes made to the store: two `stat` calls).
  public static let pollMilliseconds = 250

  /// Runs the browser on `terminal` over `store` until the user quits.
  ///
  /// - Parameters:
  ///   - launcher: opens URLs (built from `$BROWSER` by the caller).
  ///   - pollMilliseconds: the read timeout, after which the store is polled; nil reads
  ///     without a timeout and ends the loop when a read returns nil, which is how a scripted
  ///     `HeadlessTerminal` says its input is exhausted.
  ///   - editor: the `$EDITOR` the `E` key runs.
  /// - Returns: the final state, for tests.
  @discardableResult
  public static func run(
    store: NoteStore, on terminal: some Terminal, launcher: URLLauncher,
    pollMilliseconds: Int? = NotesBrowser.pollMilliseconds,
    editor: ExternalEditor = .fromEnvironment(), config: Config = Config()
  ) -> App {
    var app = App(
      store: store, size: terminal.size, colorMode: terminal.colorMode, config: config)
    terminal.draw(app.render())
    while !app.isFinished {
      URLLauncher.reap()
      guard let key = terminal.readKey(timeoutMilliseconds: pollMilliseconds) else {
        if pollMilliseconds == nil { break }
        // Idle: pick up what other processes wrote to the store, and build the search's
        // tables now rather than on the `/` key (at 100k notes they take a few hundred ms).
        if app.pollStore() { terminal.draw(app.render()) }
        app.searcher.prepare()
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
      if let problem = launcher.open(url) { app.message = problem }
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
