import Foundation
import TestSupport
import Testing

/// The hostile pages in the running browser (built `url-notes` under tmux): the screen shows
/// visible stand-ins, the raw capture (`capture-pane -e`) holds no sequence from the pages,
/// and opening URLs runs `$BROWSER` with the URL as one argument — never a shell — and
/// refuses a URL with control characters.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TerminalInjectionScreenTests {
  let directory = TemporaryDirectory()
  var store: String { directory.file("notes.json") }
  /// Files the page's URL tries to create through a shell.
  static let pwned = ["/tmp/url-notes-pwned", "/tmp/url-notes-pwned2"]

  init() throws {
    let result = try ProcessResult.run([
      try BuiltProducts.executable("url-notes"), "import", "--store", directory.file("notes.json"),
      Fixtures.url("hostile/hostile-page.rsc.txt").path,
      Fixtures.url("hostile/hostile-notes.md").path, Fixtures.url("hostile/shell-url.md").path,
    ])
    #expect(result.status == 0, "\(result.stderrText)")
    // A stand-in browser that records its arguments, one per line.
    let recorder = directory.file("browser.sh")
    try ExecutableScript.write(
      "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \(directory.file("opened")); done",
      to: recorder)
  }

  func browser() throws -> TmuxSession {
    try TmuxSession(
      command: [try BuiltProducts.executable("url-notes")], width: 120, height: 30,
      environment: ["URL_NOTES_STORE": store, "BROWSER": directory.file("browser.sh")])
  }

  /// Escape sequences in a raw capture that did not come from tmux's own styling (SGR).
  static func foreignSequences(_ lines: [String]) -> [String] {
    lines.flatMap { line in
      line.split(separator: "\u{1B}", omittingEmptySubsequences: true).dropFirst(
        line.hasPrefix("\u{1B}") ? 0 : 1
      ).compactMap { sequence -> String? in
        // tmux writes SGR only: ESC [ digits/semicolons m.
        let isSGR =
          sequence.first == "["
          && sequence.dropFirst().prefix { $0.isNumber || $0 == ";" }.count + 1 < sequence.count
          && sequence.dropFirst().drop { $0.isNumber || $0 == ";" }.first == "m"
        return isSGR ? nil : String(sequence.prefix(12))
      }
    }
  }

  @Test func hostileTextIsShownAsStandIns() throws {
    let tmux = try browser()
    var screen = try tmux.waitFor(text: "? help · q quit")
    #expect(screen.contains { $0.hasSuffix("  ␛[31mred␛[0m") }, "\(screen)")
    try tmux.sendKeys("/")
    try tmux.sendText("#plain")
    try tmux.waitFor(text: "/#plain")
    try tmux.sendKeys("Enter")  // the first screen's search: Enter opens the tag row
    // Both rows of the preview: a capture can fall between the rows of one frame.
    screen = try tmux.waitFor("the hostile preview") { screen in
      screen.contains { $0.contains("Hostile ␛[2J␛]0;owned␇ title �evil�") }
        && screen.contains { $0.hasSuffix("plain · ␛[31mred␛[0m · rtl�ltr · zero�width · c1�x") }
    }
    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor(text: "␛]52;c;SGVsbG8=␇ sets the clipboard")
    #expect(Self.foreignSequences(try tmux.capture(escapes: true)).isEmpty)
    try tmux.sendKeys("q", "q", "q")  // note, previews, search results
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("/")
    try tmux.sendText("#ryzen")
    try tmux.waitFor(text: "/#ryzen")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "Beast ␛[2J␛]0;pwned␇ �evil� zero�width �31m C1 ␈back")
    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor(text: "AMD ␛[5mRyzen� AI� Max␇ 395+")
    #expect(Self.foreignSequences(try tmux.capture(escapes: true)).isEmpty)
    // Its URL carries ESC: refused, and the refusal is shown with stand-ins too.
    try tmux.sendKeys("o")
    screen = try tmux.waitFor(text: "Not an http(s) URL")
    #expect(Self.foreignSequences(try tmux.capture(escapes: true)).isEmpty)
    try tmux.sendKeys("q", "q", "q", "q")
    #expect(try tmux.waitForExit() == 0)
    #expect(!FileManager.default.fileExists(atPath: directory.file("opened")))
  }

  @Test func urlsAreOpenedWithoutAShell() throws {
    for file in Self.pwned { try? FileManager.default.removeItem(atPath: file) }
    let tmux = try browser()
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("/")
    try tmux.sendText("#shell")
    try tmux.waitFor(text: "/#shell")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "Shell test page")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "A page whose URL tries shell injection")
    try tmux.sendKeys("o")
    let opened = directory.file("opened")
    let deadline = Date().addingTimeInterval(5)
    // The recorder writes one line per argument: wait for the file's last newline.
    func recorded() -> String { (try? String(contentsOfFile: opened, encoding: .utf8)) ?? "" }
    while !recorded().hasSuffix("\n") && Date() < deadline { usleep(20_000) }
    let arguments = recorded()
    #expect(
      arguments
        == "https://shell.example/?q=$(touch${IFS}/tmp/url-notes-pwned)&r=;touch${IFS}/tmp/url-notes-pwned2\n"
    )
    #expect(Self.pwned.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    try tmux.sendKeys("q", "q", "q", "q")
    #expect(try tmux.waitForExit() == 0)
  }
}
