import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// The add/edit form: fields, tag completion, the outline editor, validation messages and
/// saving through the editing core into the fixture store.
@Suite struct FormScreenTests {
  @Test func addFormCompletesTagsAndEditsTheOutline() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.character("a"))
    app.type("https://example.com/new")
    app.press(.tab)
    app.type("A new note")
    app.press(.tab)
    app.type("ha")
    #expect(
      app.screen
        == Expected.screen(
          [
            " url-notes › Tags › Add a note",
            "",
            " URL      https://example.com/new",
            " Title    A new note",
            " Tags     ha",
            "          Tab: hardware",
            " Summary  one node per line · indent = depth · **Label:** bold",
          ], status: "Tags, separated by commas (Tab completes)", right: "C-s save · Esc cancel"))
    app.press(.tab)  // one candidate: completed in full
    app.type("gp")
    #expect(app.screen[4] == " Tags     hardware, gp")
    #expect(app.screen[5] == "          Tab: gpu  gpt-4")
    app.press(.tab)  // two candidates sharing only "gp": stays, says so
    #expect(app.screen.last?.hasPrefix(" 2 tags start with “gp”: type more") == true)
    app.type("u")
    app.press(.tab)  // "gpu" is a whole tag already: Tab moves on to the summary
    #expect(app.screen[4] == " Tags     hardware, gpu")
    app.type("**Point:** one")
    app.press(.enter, .tab)
    app.type("child")
    app.press(.enter, .backTab)
    app.type("two")
    #expect(
      Array(app.screen[7...9]) == ["   **Point:** one", "     child", "   two"])
    // The cursor is a reverse cell after "two"; the label is bold.
    let buffer = app.render()
    #expect(ScreenText.styleMask(buffer) { $0.attributes.contains(.reverse) }[9] == "      ^")
    #expect(
      ScreenText.styleMask(buffer) { $0.attributes.contains(.bold) }[7]
        == "   ^^^^^^^^^^")
    app.press(.ctrl("s"))
    #expect(app.screen[0] == " url-notes › Tags")
    #expect(app.screen.last?.hasPrefix(" Added “A new note” (u undoes)") == true)
    let id = try #require(fixture.store.noteID(forURL: "https://example.com/new"))
    let note = try #require(fixture.store.note(id))
    #expect(note.title == "A new note")
    #expect(note.tags == ["hardware", "gpu"])
    #expect(
      note.summary == [
        SummaryNode(markup: "**Point:** one", children: [SummaryNode(markup: "child")]),
        SummaryNode(markup: "two"),
      ])
  }

  @Test func validationKeepsTheFormAndSaysWhy() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.character("a"))
    app.type("example.com/x")
    app.press(.ctrl("s"))
    #expect(app.screen.last?.hasPrefix(" Not saved: malformed URL \"example.com/x\"") == true)
    if case .form(let form) = app.page { #expect(form.focus == .url) }
    app.press(.ctrl("u"))
    app.type("https://example.com/y")
    app.press(.ctrl("s"))
    #expect(app.screen.last?.hasPrefix(" Not saved: the title is empty") == true)
    if case .form(let form) = app.page { #expect(form.focus == .title) }
    app.press(.up, .ctrl("u"))
    app.type("https://example.com/gpu-prices")
    app.press(.down)
    app.type("Same page")
    app.press(.tab, .tab)
    app.type("  - indented first")
    app.press(.ctrl("s"))
    #expect(app.screen.last?.hasPrefix(" Not saved: summary:1:") == true)
    app.press(.home, .delete, .delete, .ctrl("s"))
    // Too long for the key hints too: the question alone, which ends in what to press.
    #expect(app.screen.last == " Not saved: “GPU prices fall” has this URL. Open it instead? (y/n)")
    app.press(.character("x"))  // any other key leaves the question open
    #expect(app.confirmation != nil)
    app.press(.character("y"))
    #expect(app.screen[0] == " url-notes › Tags › GPU prices fall")
    #expect(fixture.store.count == 3)
  }

  @Test func escapeAsksBeforeDroppingTypedText() throws {
    var app = try BrowserFixture().app()
    app.press(.character("a"), .escape)
    #expect(app.screen[0] == " url-notes › Tags")  // nothing typed: no question
    app.press(.character("a"))
    app.type("x")
    app.press(.escape)
    #expect(
      app.screen.last
        == Expected.screen([], status: "Discard what you typed? (y/n)", right: "y yes · n no").last)
    app.press(.character("n"))
    #expect(app.screen.last?.hasPrefix(" Still editing") == true)
    #expect(app.screen[2] == " URL      x")
    app.press(.ctrl("c"), .character("y"))  // Ctrl-C cancels like Esc: it asks too
    #expect(app.screen[0] == " url-notes › Tags")
    #expect(app.screen.last?.hasPrefix(" Discarded") == true)
  }

  @Test func editFormStartsFromTheNoteAndSavesChanges() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter, .character("e"))  // the gpu previews, then the first note in the form
    #expect(
      Array(app.screen.prefix(11)) == [
        " url-notes › Tags › gpu › Edit GPU prices fall",
        "",
        " URL      https://example.com/gpu-prices",
        " Title    GPU prices fall",
        " Tags     gpu, hardware",
        "",
        " Summary  one node per line · indent = depth · **Label:** bold",
        "   - **Prices:** down 20% since May",
        "     - **Why:** new *mining* rules",
        "     - Used cards flood the market",
        "   - Vendors cut `MSRP` again",
      ])
    // Bold labels after the bullet; the focused label ("Title") is bold too.
    let bold = ScreenText.styleMask(app.render()) { $0.attributes.contains(.bold) }
    #expect(bold[7] == "     " + String(repeating: "^", count: 11))
    #expect(bold[8] == "       " + String(repeating: "^", count: 8))
    app.press(.ctrl("u"))
    app.type("GPU prices fall again")
    app.press(.ctrl("s"))
    #expect(app.screen[0] == " url-notes › Tags › gpu")
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPU prices fall again", "2026-01-03"))
    #expect(app.screen.last?.hasPrefix(" Saved “GPU prices fall again” (u undoes)") == true)
    let note = try #require(fixture.store.note(NoteID("aaaa00000001")))
    #expect(note.title == "GPU prices fall again")
    #expect(note.body == "First paragraph of the article.\nSecond paragraph.")
    #expect(note.summary == BrowserFixture.notes[0].summary)
  }

  @Test func longFieldsScrollToKeepTheCursorVisible() throws {
    var app = try BrowserFixture().app(width: 40, height: 12)
    app.press(.character("a"))
    app.type("https://example.com/a-rather-long-path-name")
    // 29 columns for the text (40 - label - margin): the tail, and the cursor cell after it
    // (the focused field's label is reverse video too).
    #expect(app.screen[2] == " URL      .com/a-rather-long-path-name")
    #expect(
      ScreenText.styleMask(app.render()) { $0.attributes.contains(.reverse) }[2]
        == "^^^^^^^^^" + String(repeating: " ", count: 29) + "^")
    app.press(.home)
    #expect(app.screen[2] == " URL      https://example.com/a-rather-")
    app.press(.down)
    app.type("日本語のメモ🍣とラーメンの長いタイトル")  // 19 wide characters: 38 columns
    // Scrolled by whole characters: 5 (10 columns) leave 28 columns and the cursor cell.
    #expect(app.screen[3] == " Title    モ🍣とラーメンの長いタイトル")
  }
}
