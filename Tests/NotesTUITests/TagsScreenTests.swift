import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

@Suite struct TagsScreenTests {
  @Test func listsTagsWithCountsByCount() throws {
    let app = try BrowserFixture().app()
    let expected = Expected.screen(
      [" url-notes › Tags", " 2  gpu", " 2  hardware", " 1  gpt-4", " 1  日本"],
      status: "4 tags · 3 notes · by count", right: "? help · q quit")
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
  }

  @Test func sortsByNameWithS() throws {
    var app = try BrowserFixture().app()
    app.press(.character("s"))
    #expect(Array(app.screen[1...4]) == [" 1  gpt-4", " 2  gpu", " 2  hardware", " 1  日本"])
    #expect(app.screen.last?.hasPrefix(" Tags by name") == true)
  }

  @Test func typeToFilterNarrowsAndHighlights() throws {
    var app = try BrowserFixture().app()
    app.press(.character("/"))
    app.type("gp")
    let buffer = app.render()
    #expect(Array(buffer.lines()[0...3]) == [" url-notes › Tags", " 2  gpu", " 1  gpt-4", ""])
    #expect(buffer.lines()[23].hasPrefix(" /gp"))
    let hits = ScreenText.styleMask(buffer) { $0.background == .yellow }
    #expect(hits[1] == "    ^^" && hits[2] == "    ^^")
    // Enter keeps the filter and closes the prompt; Esc clears it.
    app.press(.enter)
    #expect(app.screen.last?.hasPrefix(" 2 tags · 3 notes · by count · /gp") == true)
    app.press(.escape)
    #expect(app.screen[4] == " 1  日本")
  }

  @Test func selectingTagsShowsCooccurringTags() throws {
    var app = try BrowserFixture().app()
    app.press(.character(" "))  // select gpu
    #expect(
      Array(app.screen.prefix(3)) == [" url-notes › Tags: gpu", " 1  gpt-4", " 1  hardware"])
    #expect(app.screen.last?.hasPrefix(" 2 co-occurring tags · 2 notes") == true)
    app.press(.down, .character(" "))  // and hardware
    #expect(
      Array(app.screen.prefix(2)) == [
        " url-notes › Tags: gpu + hardware", " No other tags on these notes.",
      ])
    app.press(.character("v"))
    #expect(app.screen[0] == " url-notes › Tags: gpu + hardware › gpu + hardware")
    #expect(app.screen[1] == "▌ GPU prices fall")
    #expect(app.screen.last?.hasPrefix(" 1/1 note") == true)
    app.press(.escape, .backspace)
    #expect(app.screen[0] == " url-notes › Tags: gpu")
  }

  @Test func emptyStoreShowsHowToAddAndImport() throws {
    let app = try BrowserFixture(notes: []).app()
    let path = app.store.path
    let expected = Expected.screen(
      [
        " url-notes › Tags", "",
        "  No notes yet.", "",
        "  Add one by hand: press a (a form: URL, title, tags, summary).", "",
        "  Or import pages saved from the site (flight .rsc.txt, saved HTML, Markdown):", "",
        "    url-notes import <files or directories>", "",
        "  To try url-notes on sample pages first (a store of its own):", "",
        "    url-notes demo", "",
      ], status: "Empty store", right: "? help · q quit")
    let actual = app.render().lines()
    #expect(Array(actual.prefix(14)) == Array(expected.prefix(14)))
    // The temporary path may be long enough to wrap; its start is on the Store line.
    #expect(actual[14].hasPrefix("  Store: " + path.prefix(20)))
    #expect(actual[23] == expected[23])
  }

  @Test func tooSmallTerminalShowsOnlyAMessage() throws {
    var app = try BrowserFixture().app(width: 30, height: 6)
    #expect(app.screen == ["", "", "      Terminal too small", "       30×6, need 40×8"])
    app.resize(to: Size(width: 80, height: 24))
    #expect(app.screen[1] == " 2  gpu")
  }
}
