import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// `/` inside a note takes the query language of the other screens.
@Suite struct NoteQuerySearchTests {
  /// The fixture's "GPU prices fall", open and folded to its top level.
  func openNote() throws -> App {
    var app = try BrowserFixture().app()
    app.press(.enter, .enter)
    return app
  }

  func hits(_ app: App) -> [Int] {
    guard case .note(let state) = app.page else { return [-1] }
    return state.hits
  }

  @Test func fieldTermsOrAndFuzzyTitles() throws {
    var app = try openNote()
    app.press(.character("/"))
    app.type("title:gprf")  // fuzzy in the title: G…P…r…f
    #expect(hits(app) == [0])
    let title = ScreenText.styleMask(app.render()) { $0.background == .yellow }
    #expect(title[1] == " ^^   ^     ^")
    app.press(.ctrl("u"))
    app.type("'msrp | mining")  // either term; the hit's branch unfolds
    #expect(hits(app) == [6, 8])
    #expect(app.screen[7] == "   • Why: new mining rules")
    let marks = ScreenText.styleMask(app.render()) { $0.background == .yellow }
    #expect(Array(marks[6...9]) == ["", "              ^^^^^^", "", "               ^^^^"])
    // In the summary and the body a plain term must occur as written, never scattered.
    app.press(.ctrl("u"))
    app.type("frst")
    #expect(hits(app) == [])
    app.press(.ctrl("u"))
    app.type("body:first")
    #expect(hits(app) == [9])
    app.press(.enter)
    #expect(app.screen.last?.hasPrefix(" 1/1 hit for body:first") == true)
  }

  @Test func aMalformedQueryKeepsTheLastHits() throws {
    var app = try openNote()
    app.press(.character("/"))
    app.type("mining \"zz")
    #expect(hits(app) == [6])
    #expect(app.screen.last?.hasSuffix("query:1:8: error: unclosed quote") == true)
    let marks = ScreenText.styleMask(app.render()) { $0.background == .yellow }
    #expect(marks[7] == "              ^^^^^^")
    app.type("\"")  // `mining "zz"`: each line matching one of its terms is a hit
    #expect(hits(app) == [6])
    #expect(app.screen.last?.hasSuffix("Enter keep · Esc clear") == true)
  }

  @Test func aNoteOpenedFromTheSearchSearchesItsTextTerms() throws {
    var app = try BrowserFixture().app()
    app.press(.character("/"))
    app.type("prices !laptop #gpu")
    app.press(.enter)
    #expect(app.screen[0] == " url-notes › Tags › Search › GPU prices fall")
    guard case .note(let state) = app.page else {
      Issue.record("expected the note page")
      return
    }
    #expect(state.query == "prices")
    #expect(state.hits == [0, 1, 5])  // title, URL, the Prices bullet
  }

  /// The first screen's search results take the previews' keys for the selected note,
  /// `E` and `d` among them, through the same commands.
  @Test func theSearchResultsEditInTheEditorAndDelete() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.character("/"))
    app.type("laptop")
    app.press(.enter)
    #expect(app.screen[0] == " url-notes › Tags › Search › GPT-4 on a laptop")
    // Esc ends the note's find (the query carried into it), Esc again goes back to the
    // results with their prompt closed, where keys are commands.
    app.press(.escape, .escape)
    #expect(app.screen[0] == " url-notes › Tags › Search")
    guard case .runEditor(let session) = app.handle(.character("E")).first else {
      Issue.record("E on the search results ran no editor")
      return
    }
    #expect(session.base.id == NoteID("aaaa00000002"))
    app.press(.character("d"))
    #expect(app.screen.last?.hasPrefix(" Delete “GPT-4 on a laptop”? (y/n)") == true)
    app.press(.character("y"))
    #expect(fixture.store.note(NoteID("aaaa00000002")) == nil)
    #expect(app.screen[0] == " url-notes › Tags › Search")
    #expect(app.screen.last?.hasPrefix(" Deleted “GPT-4 on a laptop” (u undoes)") == true)
  }
}
