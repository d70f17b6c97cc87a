import CursesTerminal
import Diagnostics
import NoteStore
import NotesTUI
import TerminalCore

/// Opens the TUI on the store at `storePath` and returns the process exit status: 0 after the
/// user quits; 1 when the store cannot be read; 2 when the terminal is refused (not a TTY,
/// `TERM` unset, unknown or unable to address the cursor). Errors are one line on standard
/// error; nothing is drawn when the terminal is refused.
///
/// The store is opened first so a broken store is reported on a plain terminal, not behind a
/// full-screen UI that would have to close again.
func runBrowser(storePath: String) -> Int32 {
  let store: NoteStore
  do {
    store = try NoteStore.open(path: storePath, progress: ProgressLine.reporter(for: storePath))
  } catch {
    Output.report(error.diagnostic)
    return 1
  }
  // A fold the browser's saves make due runs in a detached `url-notes compact`, never on the
  // user's path (at 1,000,000 notes it takes seconds); the main loop reaps it
  // (`URLLauncher.reap`), and picks up the new snapshot when idle.
  store.foldInBackground(command: ["/proc/self/exe", "compact"])
  let config = ConfigFile.load()
  let terminal: CursesTerminal
  do {
    terminal = try CursesTerminal.open(.fromEnvironment(mouseEnabled: config.mouse))
  } catch {
    Output.report(Diagnostic.program("\(error)"))
    return 2
  }
  let browser = ProcessEnvironment.value("BROWSER").flatMap { $0.isEmpty ? nil : $0 }
  NotesBrowser.run(
    store: store, on: terminal, launcher: URLLauncher(browser: browser), config: config)
  terminal.shutdown()
  return 0
}
