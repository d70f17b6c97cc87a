import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

@Suite struct PreviewsAndNoteTests {
  @Test func previewsShowTitleHostTagsAndFirstBullets() throws {
    var app = try BrowserFixture().app()
    app.press(.enter)  // gpu
    let expected = Expected.screen(
      [
        " url-notes › Tags › gpu",
        BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"),
        "▌ example.com  gpu · hardware",
        "▌ • Prices: down 20% since May",
        "▌   • Why: new mining rules",
        "",
        BrowserFixture.titleRow("  GPT-4 on a laptop", "2026-01-02"),
        "  news.example.org  gpt-4 · gpu",
        "  • Runs quantised on a laptop GPU",
      ], status: "1/2 notes", right: "? help · q back")
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
    let reversed = ScreenText.styleMask(app.render()) { $0.attributes.contains(.reverse) }
    #expect(reversed[1] == "  " + String(repeating: "^", count: 78))
    app.press(.character("j"))
    #expect(app.screen.last?.hasPrefix(" 2/2 notes") == true)
    #expect(app.screen[6] == BrowserFixture.titleRow("▌ GPT-4 on a laptop", "2026-01-02"))
  }

  @Test func previewFilterSearchesSummaries() throws {
    var app = try BrowserFixture().app()
    app.press(.character("v"), .character("/"))
    app.type("ramen")
    #expect(app.screen[1] == " No note matches “ramen”.")
    app.press(.ctrl("u"))
    app.type("ラーメン")
    #expect(
      Array(app.screen[1...3]) == [
        BrowserFixture.titleRow("▌ 日本語のメモ 🍣", "2026-01-01"), "▌ 例え.jp  日本 · hardware",
        "▌ • 要点: 寿司🍣とラーメン",
      ])
    #expect(app.screen.last?.hasPrefix(" /ラーメン") == true)
  }

  static let folded = [
    " url-notes › Tags › gpu › GPU prices fall",
    " GPU prices fall",
    " https://example.com/gpu-prices",
    " Created 2026-01-03 00:00 · updated 2026-01-03 00:00 UTC",
    " Tags: gpu · hardware",
    "",
    " ▸ Prices: down 20% since May",
    " • Vendors cut MSRP again",
    "",
    " Body",
    " First paragraph of the article.",
    " Second paragraph.",
  ]

  @Test func noteOpensFoldedToTheTopLevel() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .enter)
    let expected = Expected.screen(Self.folded, status: "line 6/11", right: "? help · q back")
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
    let bold = ScreenText.styleMask(app.render()) { $0.attributes.contains(.bold) }
    #expect(bold[6] == "   ^^^^^^^")  // the label "Prices:" is bold
  }

  @Test func foldAndUnfold() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .enter, .enter)  // Enter on the folded node unfolds it
    let unfolded = [
      " ▾ Prices: down 20% since May",
      "   • Why: new mining rules",
      "   • Used cards flood the market",
      " • Vendors cut MSRP again",
    ]
    #expect(Array(app.screen[6...9]) == unfolded)
    app.press(.character(" "))
    #expect(Array(app.screen.prefix(12)) == Self.folded)
    app.press(.character("*"))
    #expect(Array(app.screen[6...9]) == unfolded)
    app.press(.character("1"))
    #expect(Array(app.screen.prefix(12)) == Self.folded)
    app.press(.character("2"))
    #expect(Array(app.screen[6...9]) == unfolded)
    app.press(.character("F"))
    #expect(Array(app.screen.prefix(12)) == Self.folded)
    app.press(.character("q"))
    #expect(app.screen[0] == " url-notes › Tags › gpu")
  }

  @Test func searchInNoteUnfoldsHitsAndSteps() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .enter, .character("/"))
    app.type("mining")
    #expect(app.screen[7] == "   • Why: new mining rules")
    #expect(app.screen.last?.hasPrefix(" /mining") == true)
    let buffer = app.render()
    let hits = ScreenText.styleMask(buffer) { $0.background == .yellow }
    #expect(hits[7] == "              ^^^^^^")
    app.press(.enter)
    #expect(app.screen.last?.hasPrefix(" 1/1 hit for mining") == true)
    // A second search term with two hits: n and N step and wrap.
    app.press(.character("/"), .ctrl("u"))
    app.type("paragraph")
    app.press(.enter)
    if case .note(let state) = app.page {
      #expect(state.hits == [11, 12])
      #expect(state.list.selection == 11)
    } else {
      Issue.record("expected the note page")
    }
    app.press(.character("n"))
    #expect(app.screen.last?.hasPrefix(" 2/2 hits for paragraph") == true)
    app.press(.character("n"))
    #expect(app.screen.last?.hasPrefix(" 1/2 hits for paragraph") == true)
    app.press(.character("N"))
    #expect(app.screen.last?.hasPrefix(" 2/2 hits for paragraph") == true)
  }

  @Test func cjkAndEmojiNoteKeepsColumns() throws {
    var app = try BrowserFixture().app(width: 40, height: 12)
    app.press(.down, .down, .down, .enter, .enter)
    let expected = Expected.screen(
      [
        " url-notes › Tags › 日本 › 日本語のメモ…",
        " 日本語のメモ 🍣",
        " https://例え.jp/メモ",
        " Created 2026-01-01 00:00 · updated",
        " 2026-01-01 00:00 UTC",
        " Tags: 日本 · hardware",
        "",
        " • 要点: 寿司🍣とラーメン",
      ], status: "line 7/7", right: "? help · q back", width: 40, height: 12)
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
    for line in app.render().lines() { #expect(DisplayWidth.width(of: line) <= 40) }
  }

  @Test func wideTextWrapsWithoutSplittingGlyphs() {
    let line = StyledLine("寿司🍣とラーメン and more")
    #expect(line.wrapped(width: 7).map(\.text) == ["寿司🍣", "とラー", "メン", "and", "more"])
  }

  @Test func escapeSequencesInTitlesAreShownNotSent() throws {
    let evil = SampleNotes.note(
      "bbbb00000001", url: "https://evil.example/",
      title: "Evil \u{1B}[2J\u{1B}]52;c;x\u{07} title",
      tags: ["x\u{1B}[31m"])
    var app = try BrowserFixture(notes: [evil]).app()
    #expect(app.screen[1] == " 1  x␛[31m")
    app.press(.enter)
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ Evil ␛[2J␛]52;c;x␇ title", "2026-01-02"))
    for cell in app.render().cells {
      #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 })
    }
  }

  @Test func monochromeDrawsNoColours() throws {
    var app = try BrowserFixture().app(mode: .monochrome)
    app.press(.enter, .character("/"))
    app.type("gpu")
    let buffer = app.render()
    #expect(
      buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default }
    )
    // The selection and the hits stay visible through attributes.
    let reversed = ScreenText.styleMask(buffer) { $0.attributes.contains(.reverse) }
    #expect(reversed[1].contains("^"))
  }
}

@Suite struct NoteTagJumpTests {
  @Test func tJumpsToOneOfTheNotesTags() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .character("t"))
    #expect(
      Array(app.screen.prefix(3)) == [
        " url-notes › Tags › gpu › Tags of GPU prices fall", " 2  gpu", " 2  hardware",
      ])
    app.press(.down, .enter)
    #expect(app.screen[0] == " url-notes › Tags › gpu › Tags of GPU prices fall › hardware")
    #expect(app.screen[6] == BrowserFixture.titleRow("  日本語のメモ 🍣", "2026-01-01"))
  }

  @Test func theJumpListFiltersInTheQueryLanguage() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .character("t"), .character("/"))
    // Fuzzy, as the first screen's search: "hrdw" is no substring of "hardware".
    app.type("hrdw")
    #expect(
      Array(app.screen.prefix(3)) == [
        " url-notes › Tags › gpu › Tags of GPU prices fall", " 2  hardware", "",
      ])
    let marks = ScreenText.styleMask(app.render()) { $0.background == .yellow }
    #expect(marks[1] == "    ^ ^^^")
    // Smart case: an upper-case letter asks for it.
    app.press(.ctrl("u"))
    app.type("GPU")
    #expect(app.screen[1] == " No tag matches “GPU”.")
  }

  @Test func theJumpListReadsNegationTagTermsAndOrAsTheSearchDoes() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .character("t"), .character("/"))
    let header = " url-notes › Tags › gpu › Tags of GPU prices fall"
    app.type("!gpu")
    #expect(Array(app.screen.prefix(3)) == [header, " 2  hardware", ""])
    app.press(.ctrl("u"))
    app.type("#gpu")
    #expect(Array(app.screen.prefix(3)) == [header, " 2  gpu", ""])
    app.press(.ctrl("u"))
    app.type("!#gpu")
    #expect(Array(app.screen.prefix(3)) == [header, " 2  hardware", ""])
    app.press(.ctrl("u"))
    app.type("hrdw | gp")
    #expect(Array(app.screen.prefix(4)) == [header, " 2  gpu", " 2  hardware", ""])
    app.press(.ctrl("u"))
    app.type("title:gpu")
    #expect(app.screen[1] == " No tag matches “title:gpu”.")
  }
}
