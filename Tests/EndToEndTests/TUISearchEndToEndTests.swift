import Foundation
import TerminalCore
import TestSupport
import Testing

/// The first screen's search and the tag list's OR/NOT selection, in the built binary under
/// tmux, on a store of the three sample pages plus two notes added by the CLI (one without
/// tags, one with a Japanese title).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TUISearchEndToEndTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  static let gptOSS = "From GPT-2 to gpt-oss: Analyzing the Architectural Advances"
  /// The day the notes were imported (UTC): the previews' date column.
  var day = ""

  init() throws {
    let samples = ["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt", "tag-hardware.rsc.txt"]
    let binary = try BuiltProducts.executable("url-notes")
    for arguments in [
      ["import"] + samples.map { Fixtures.sampleData($0).path },
      ["add", "--title", "Untagged thoughts on terminals"],
      ["add", "--title", "東京の夜景", "--url", "https://example.jp/tokyo", "--tag", "travel"],
    ] {
      let result = try ProcessResult.run([binary] + arguments + ["--store", storePath])
      #expect(result.status == 0, "\(arguments[0]) failed: \(result.stderrText)")
    }
    let list = try ProcessResult.run([binary, "list", "--json", "--store", storePath])
    let created = try #require(list.stdoutText.range(of: "\"created\":\""))
    day = String(list.stdoutText[created.upperBound...].prefix(10))
  }

  /// A preview's title row at 80 columns: the title, then the day at the right.
  func titleRow(_ title: String) -> String {
    title + String(repeating: " ", count: 80 - DisplayWidth.width(of: title) - 10) + day
  }

  /// `screen` is `rows` from the top, then empty rows, then `status` (the whole screen).
  func expectScreen(
    _ screen: [String], _ rows: [String], status: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let expected =
      rows + Array(repeating: "", count: screen.count - 1 - rows.count)
      + [
        status + String(repeating: " ", count: 57 - DisplayWidth.width(of: status))
          + "Enter keep · Esc clear"
      ]
    #expect(
      ScreenText.difference(expected: expected, actual: screen) == nil,
      sourceLocation: sourceLocation)
  }

  func browser() throws -> TmuxSession {
    let tmux = try TmuxSession(
      command: [try BuiltProducts.executable("url-notes")], width: 80, height: 24,
      environment: ["URL_NOTES_STORE": storePath, "BROWSER": "true"])
    try tmux.waitFor(text: "? help · q quit")
    return tmux
  }

  @Test func fuzzyQueryShowsTheBestNoteFirst() throws {
    let tmux = try browser()
    try tmux.sendKeys("/")
    try tmux.sendText("frmwk dsktp")
    let screen = try tmux.waitFor(text: "/frmwk dsktp")
    expectScreen(
      screen,
      [
        " url-notes › Tags › Search",
        " # framework desktop  1 note",
        "",
        titleRow("  The Framework Desktop is a beast"),
        "  world.hey.com  hardware · desktop computer · mini pc · framework · framework …",
        "  • CPU: AMD Ryzen AI Max 395+ (16 Zen5 cores @ 5.1GHz), a laptop-class process…",
        "  • Form Factor: 4.5L volume, noted for being quiet even under full load.",
      ], status: " /frmwk dsktp")
    try tmux.sendKeys("Down", "Enter")
    try tmux.waitFor(text: " url-notes › Tags › Search › The Framework Desktop is a beast")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func theSearchScreenOpensCopiesTagsAndEditsTheSelectedNote() throws {
    let tmux = try browser()
    let title = "The Framework Desktop is a beast"
    try tmux.sendKeys("/")
    try tmux.sendText("frmwk dsktp")
    try tmux.waitFor(text: "/frmwk dsktp")
    try tmux.sendKeys("Down", "Enter")
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search › \(title)"])
    // Back on the results, the prompt closed: the previews' keys act on the selected note.
    try tmux.sendKeys("q")
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search"], prefixes: [-1: " 1 tag · 1 note"])
    try tmux.sendKeys("y")
    try tmux.waitFor(rows: [:], prefixes: [-1: " Copied https://world.hey.com/"])
    try tmux.sendKeys("o")
    try tmux.waitFor(rows: [:], prefixes: [-1: " Opening https://world.hey.com/"])
    try tmux.sendKeys("t")
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search › Tags of \(title)"])
    try tmux.sendKeys("q")
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search"])
    try tmux.sendKeys("e")
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search › Edit \(title)"])
    try tmux.sendKeys("Escape")  // nothing typed: the form closes without asking
    try tmux.waitFor(rows: [0: " url-notes › Tags › Search"])
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func tagTermsLeaveOneNote() throws {
    let tmux = try browser()
    try tmux.sendKeys("/")
    try tmux.sendText("#gpu !#hardware")
    let screen = try tmux.waitFor("the query's one note") {
      $0.last!.hasPrefix(" /#gpu !#hardware") && $0[3].hasPrefix("  From")
    }
    expectScreen(
      screen,
      [
        " url-notes › Tags › Search",
        " # gpu  3 notes",
        "",
        titleRow("  \(Self.gptOSS)"),
        "  magazine.sebastianraschka.com  large language model · llm · model architectur…",
        "  • Architectural Evolution from GPT-2:",
        "    • Normalization: Replaced LayerNorm with the computationally simpler RMSNor…",
      ], status: " /#gpu !#hardware")
    try tmux.sendKeys("Enter")  // opens the tag row: its previews
    let previews = try tmux.waitFor(text: "1/3 notes")
    #expect(previews[0] == " url-notes › Tags › Search › gpu")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func anUntaggedNoteIsFoundAndOpened() throws {
    let tmux = try browser()
    try tmux.sendKeys("/")
    try tmux.sendText("untagd")
    let screen = try tmux.waitFor("the untagged note") {
      $0.last!.hasPrefix(" /untagd") && $0[1].hasPrefix("▌ Untagged")
    }
    expectScreen(
      screen,
      [" url-notes › Tags › Search", titleRow("▌ Untagged thoughts on terminals"), "▌"],
      status: " /untagd")
    try tmux.sendKeys("Enter")
    let note = try tmux.waitFor(text: "Created ")
    #expect(note[1] == " Untagged thoughts on terminals")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func cjkQueryFindsItsNote() throws {
    let tmux = try browser()
    try tmux.sendKeys("/")
    try tmux.sendText("東京")
    let screen = try tmux.waitFor("the Tokyo note") {
      $0.last!.hasPrefix(" /東京") && $0[1].hasPrefix("▌ 東京の夜景")
    }
    expectScreen(
      screen,
      [" url-notes › Tags › Search", titleRow("▌ 東京の夜景"), "▌ example.jp  travel"],
      status: " /東京")
    try tmux.sendKeys("Escape", "Q")  // Esc leaves the search; Q typed now would be text
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func orAndNotInTheTagList() throws {
    let tmux = try browser()
    var screen = try tmux.capture()
    #expect(screen[1] == " 3  gpu")
    try tmux.sendKeys("Space")  // gpu
    screen = try tmux.waitFor("gpu selected") {
      $0[0] == " url-notes › Tags: gpu" && $0.last!.contains("· 3 notes")
    }
    try moveTo("llm", in: screen, tmux)
    try tmux.sendKeys("Space")  // and llm
    screen = try tmux.waitFor("gpu + llm") {
      $0[0] == " url-notes › Tags: gpu + llm" && $0.last!.contains("· 3 notes")
    }
    try moveTo("ai", in: screen, tmux)
    try tmux.sendText("|")  // or ai
    screen = try tmux.waitFor("the OR group") {
      $0[0] == " url-notes › Tags: #gpu (#llm | #ai)" && $0.last!.contains("· 3 notes")
    }
    try moveTo("hardware", in: screen, tmux)
    try tmux.sendText("!")  // not hardware
    screen = try tmux.waitFor("the exclusion") {
      $0[0] == " url-notes › Tags: #gpu (#llm | #ai) !#hardware" && $0.last!.contains("· 1 note")
    }
    try tmux.sendText("v")
    screen = try tmux.waitFor(text: "1/1 note")
    #expect(screen[1].hasPrefix("▌ \(Self.gptOSS)"))
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  /// Moves the cursor (from the top row) down to the tag row ending in `tag`.
  func moveTo(_ tag: String, in screen: [String], _ tmux: TmuxSession) throws {
    let row = try #require(screen.firstIndex { $0.hasSuffix("  " + tag) })
    for _ in 1..<row { try tmux.sendKeys("Down") }
  }
}
