import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// The first screen's search read in slices, as the browser runs it: a key draws what the
/// titles, tags and URLs match, the status line says how far the summaries and bodies are
/// read, and the list ends as the whole search's.
@Suite struct SearchSliceTests {
  /// The screen after typing `/market` with the search done at once.
  func wholeSearchScreen() throws -> [String] {
    var app = try BrowserFixture().app()
    app.press(.character("/"))
    app.type("market")
    return app.screen
  }

  @Test func aKeyShowsWhatIsReadAndTheRestFollows() throws {
    var app = try BrowserFixture().app()
    app.press(.character("/"))
    // One summary or body per key: "ma" finds "May" in the first note's summary and leaves
    // the second note unread; each longer query starts from those two.
    app.searchBudget = SearchBudget(notes: 1)
    app.type("market")
    #expect(app.isSearching)
    #expect(app.screen.last?.hasSuffix("1/3 (50%) · Enter keep · Esc clear") == true)
    app.continueSearch()
    #expect(!app.isSearching)
    #expect(app.screen == (try wholeSearchScreen()))
  }

  @Test func theMainLoopReadsOnBetweenKeys() throws {
    let fixture = try BrowserFixture()
    let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
    terminal.enqueue(.character("/"))
    for character in "market" { terminal.enqueue(.character(character)) }
    let app = NotesBrowser.run(
      store: fixture.store, on: terminal, launcher: URLLauncher(browser: nil),
      pollMilliseconds: nil, searchBudget: SearchBudget(notes: 1))
    #expect(!app.isSearching)
    // The first frame, one per key, and one for the slice read after the last key.
    #expect(terminal.frames.count == 1 + 7 + 1)
    #expect(terminal.lastFrame?.lines() == (try wholeSearchScreen()))
  }

  @Test func slashBeforeTheTablesAreBuiltDrawsAtOnceAndListsWhenTheyAre() throws {
    var app = try BrowserFixture().app()
    // A slice already over: the tables are built one step per call.
    app.searchBudget = SearchBudget(duration: .zero)
    app.press(.character("/"))
    #expect(app.isSearching)
    #expect(app.screen.count == 24)
    #expect(app.screen.last?.hasSuffix("0/3 (0%) · Enter keep · Esc clear") == true)
    app.type("market")
    var calls = 0
    while app.isSearching, calls < 20 {
      app.continueSearch()
      calls += 1
    }
    #expect(!app.isSearching)
    #expect(app.screen == (try wholeSearchScreen()))
  }
}
