import Foundation
import TerminalCore
import TestSupport
import Testing

/// Emoji sequences in the real browser under tmux 3.3a: every cluster takes the two columns
/// TerminalCore gives it, so what follows stays in its column; a ZWJ sequence, which tmux
/// joins into one glyph, arrives whole. tmux 3.3a gives a skin-tone modifier two columns of
/// its own, so there `👍🏽` can only keep its layout as `👍` (a terminal that draws it in two
/// columns gets it whole: `CursesTerminalSmokeTests`); `show` prints every sequence as it is.
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TUIGraphemeEndToEndTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }
  static let title = "Family 👨‍👩‍👧 thumbs 👍🏽 end"

  init() throws {
    let notes = directory.file("emoji.json")
    try """
    [{"id": "aaaa0000e001", "title": "\(Self.title)", "url": "https://e.example/x",
      "tags": ["👨‍👩‍👧 family", "👍🏽 ok"], "summary": [{"markup": "👨‍👩‍👧 at 👍🏽 the start", "children": []}],
      "created": "2026-03-05T10:00:00Z", "updated": "2026-03-05T10:00:00Z"}]
    """.write(toFile: notes, atomically: true, encoding: .utf8)
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "import", "--store", storePath, notes])
    #expect(result.status == 0, "\(result.stderrText)")
  }

  /// `left` and `right` on one row of `width` columns, as our own width table lays them out.
  func row(_ left: String, _ right: String, width: Int = 80) -> String {
    let gap = width - DisplayWidth.width(of: left) - DisplayWidth.width(of: right)
    return left + String(repeating: " ", count: gap) + right
  }

  @Test func sequencesKeepTheirTwoColumnsInTheBrowser() throws {
    let tmux = try TmuxSession(
      command: [try BuiltProducts.executable("url-notes")],
      environment: ["URL_NOTES_STORE": storePath])
    let tags = try tmux.waitFor(text: "family")
    #expect(Array(tags[1...2]) == [" 1  👍 ok", " 1  👨‍👩‍👧 family"])
    try tmux.sendKeys("v")
    let previews = try tmux.waitFor(text: "e.example")
    #expect(previews[1] == row("▌ Family 👨‍👩‍👧 thumbs 👍 end", "2026-03-05"))
    #expect(previews[2] == "▌ e.example  👨‍👩‍👧 family · 👍 ok")
    #expect(previews[3] == "▌ • 👨‍👩‍👧 at 👍 the start")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
    let show = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "show", "--store", storePath, "aaaa0000e001"])
    #expect(show.stdoutText.hasPrefix("\(Self.title)\nhttps://e.example/x\n"))
  }
}
