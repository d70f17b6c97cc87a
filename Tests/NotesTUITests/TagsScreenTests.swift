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

  @Test func slashOnTheFirstScreenSearchesTagsAndNotes() throws {
    var app = try BrowserFixture().app()
    app.press(.character("/"))
    app.type("gp")
    let buffer = app.render()
    let expected = Expected.screen(
      [
        " url-notes › Tags › Search",
        " # gpu  2 notes",
        " # gpt-4  1 note",
        "",
        BrowserFixture.titleRow("  GPU prices fall", "2026-01-03"),
        "  example.com  gpu · hardware",
        "  • Prices: down 20% since May",
        "    • Why: new mining rules",
        "",
        BrowserFixture.titleRow("  GPT-4 on a laptop", "2026-01-02"),
        "  news.example.org  gpt-4 · gpu",
        "  • Runs quantised on a laptop GPU",
      ], status: "/gp", right: "Enter keep · Esc clear")
    #expect(ScreenText.difference(expected: expected, actual: buffer.lines()) == nil)
    // Titles and tags fuzzily, summary lines as written ("GPU"), per tag, never "example".
    let hits = ScreenText.styleMask(buffer) { $0.background == .yellow }
    #expect(
      Array(hits[1...11]) == [
        "   ^^", "   ^^", "", "  ^^", "               ^^", "", "", "", "  ^^",
        "                    ^^      ^^", "                               ^^",
      ])
    // The cursor starts on the best row (a tag), in reverse video.
    let reversed = ScreenText.styleMask(buffer) { $0.attributes.contains(.reverse) }
    #expect(reversed[1] == String(repeating: "^", count: 80))
    // A malformed query: the error with its column, the rows as they were.
    app.type(" \"mini")
    #expect(app.screen[4].hasPrefix("  GPU prices fall"))
    #expect(app.screen.last?.hasSuffix("query:1:4: error: unclosed quote") == true)
    app.press(.ctrl("u"))
    app.type("#hardware !#gpu")
    #expect(
      Array(app.screen[1...7]) == [
        " # hardware  2 notes", "",
        BrowserFixture.titleRow("  日本語のメモ 🍣", "2026-01-01"),
        "  例え.jp  日本 · hardware", "  • 要点: 寿司🍣とラーメン", "", "",
      ])
    // Enter opens the row under the cursor: here the tag, as its previews.
    app.press(.enter)
    #expect(app.screen[0] == " url-notes › Tags › Search › hardware")
    app.press(.escape, .escape)
    #expect(app.screen[0] == " url-notes › Tags")
    // An untagged note is found and opened; Esc leaves the search at once.
    app.press(.character("/"))
    app.type("laptop")
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPT-4 on a laptop", "2026-01-02"))
    app.press(.enter)
    #expect(app.screen[0] == " url-notes › Tags › Search › GPT-4 on a laptop")
  }

  @Test func searchResultsScrollByRowsAndClicksHitTheirItem() throws {
    var app = try BrowserFixture().app(height: 12)  // 10 rows: two tags, a gap, a preview…
    app.press(.character("/"))
    app.type("gp")
    #expect(app.screen[5] == "  example.com  gpu · hardware")
    #expect(app.screen[9] == BrowserFixture.titleRow("  GPT-4 on a laptop", "2026-01-02"))
    app.press(.down, .down)  // the first note: it shows whole where it is
    #expect(app.screen[4] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
    app.press(.down)  // the second: the list scrolls by the items above it, no further
    #expect(
      Array(app.screen[1...10]) == [
        BrowserFixture.titleRow("  GPU prices fall", "2026-01-03"),
        "  example.com  gpu · hardware", "  • Prices: down 20% since May",
        "    • Why: new mining rules", "",
        BrowserFixture.titleRow("▌ GPT-4 on a laptop", "2026-01-02"),
        "▌ news.example.org  gpt-4 · gpu", "▌ • Runs quantised on a laptop GPU", "", "",
      ])
    app.press(.home)
    #expect(app.screen[1] == " # gpu  2 notes")
    #expect(app.screen[4] == BrowserFixture.titleRow("  GPU prices fall", "2026-01-03"))
    // A click on a preview's host line selects that note; on the gap below the tags, nothing.
    app.press(.escape, .character("/"))
    app.type("gp")
    _ = app.handle(.mouse(MouseEvent(.press(button: 1), at: Point(x: 5, y: 6))))
    #expect(app.screen[4] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
    _ = app.handle(.mouse(MouseEvent(.press(button: 1), at: Point(x: 5, y: 3))))
    #expect(app.screen[4] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
    #expect(app.screen[0] == " url-notes › Tags › Search")
  }

  @Test func sortKeyCyclesTheNoteOrder() throws {
    var app = try BrowserFixture().app()
    // Newest first, then by title, site, relevance, updated, and round again.
    app.press(.character("v"), .character("S"))
    #expect(app.screen.last?.hasPrefix(" Notes by title") == true)
    // The cursor stays on its note ("GPU prices fall", now second).
    #expect(app.screen[1] == BrowserFixture.titleRow("  GPT-4 on a laptop", "2026-01-02"))
    app.press(.down)
    #expect(app.screen.last?.hasPrefix(" 3/3 notes · by title") == true)
    app.press(.character("S"))
    #expect(app.screen.last?.hasPrefix(" Notes by site") == true)
    #expect(app.screen[1] == BrowserFixture.titleRow("  GPU prices fall", "2026-01-03"))
    // The first screen's search offers the same orders.
    app.press(.character("q"), .character("/"), .character("S"))
    #expect(app.screen.last?.hasPrefix(" /S") == true)  // typed: the prompt takes text
    app.press(.ctrl("u"), .enter, .escape, .character("/"))
    app.type("prices")
    app.press(.enter)
    #expect(app.screen[0] == " url-notes › Tags › Search › GPU prices fall")
  }

  @Test func tagsAddAsAlternativesAndExclusions() throws {
    var app = try BrowserFixture().app()
    app.press(.character("|"))  // gpu
    app.press(.down, .character("|"))  // | hardware (the co-occurring list follows)
    #expect(app.screen[0] == " url-notes › Tags: (#gpu | #hardware)")
    #expect(app.screen.last?.hasPrefix(" 2 co-occurring tags · 3 notes") == true)
    #expect(Array(app.screen[1...2]) == [" 1  gpt-4", " 1  日本"])
    app.press(.down, .character("!"))  // !日本
    #expect(app.screen[0] == " url-notes › Tags: (#gpu | #hardware) !#日本")
    #expect(Array(app.screen[1...2]) == [" 1  gpt-4", ""])
    app.press(.character("v"))
    #expect(app.screen[0] == " url-notes › Tags: (#gpu | #hardware) !#日本 › (#gpu | #hardware) !#日本")
    #expect(app.screen.last?.hasPrefix(" 1/2 notes") == true)
    app.press(.escape, .backspace)
    #expect(app.screen[0] == " url-notes › Tags: (#gpu | #hardware)")
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
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
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
