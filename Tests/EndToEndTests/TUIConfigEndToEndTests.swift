import Foundation
import TestSupport
import Testing

/// The config file read by the real binary: the browser under tmux (mouse reporting off from
/// `set mouse = no`, a bad line shown in the status line) and `config --check`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TUIConfigEndToEndTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }
  var configHome: String { directory.file("xdg") }

  init() throws {
    let sample = Fixtures.sampleData("tag-gpu.rsc.txt").path
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "import", "--store", storePath, sample])
    #expect(result.status == 0, "\(result.stderrText)")
  }

  func writeConfig(_ text: String) throws {
    try FileManager.default.createDirectory(
      atPath: configHome + "/url-notes", withIntermediateDirectories: true)
    try text.write(toFile: configHome + "/url-notes/config", atomically: true, encoding: .utf8)
  }

  func browser() throws -> TmuxSession {
    try TmuxSession(
      command: [try BuiltProducts.executable("url-notes")],
      environment: [
        "URL_NOTES_STORE": storePath, "XDG_CONFIG_HOME": configHome, "BROWSER": "true",
      ])
  }

  /// Whether the program in the pane asked for mouse reports (tmux tracks the modes it set).
  func mouseReporting(_ tmux: TmuxSession) throws -> Bool {
    try tmux.format("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}") != "000"
  }

  @Test func mouseOffFromTheConfigAndABadLineInTheStatusLine() throws {
    try writeConfig("set mouse = no\ncolor title red blue blink\n")
    let tmux = try browser()
    let screen = try tmux.waitFor(text: "config:2:22: error:")
    #expect(
      screen.last
        == " config:2:22: error: unknown attribute 'blink' (attributes: bold, dim, italic, …")
    #expect(screen[1] == " 3  gpu")
    #expect(try mouseReporting(tmux) == false)
    try tmux.sendKeys("m")
    try tmux.waitFor(text: "Mouse on")
    #expect(try mouseReporting(tmux) == true)
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func withoutAConfigTheMouseIsOn() throws {
    let tmux = try browser()
    try tmux.waitFor(text: "? help · q quit")
    #expect(try mouseReporting(tmux) == true)
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func configCheckPrintsEveryProblemAndCommandsSayThemOnStderr() throws {
    try writeConfig("set mouse = off\nbind note x nothing\nunbind tags z\n")
    let binary = try BuiltProducts.executable("url-notes")
    let environment = ["XDG_CONFIG_HOME": configHome, "URL_NOTES_STORE": storePath]
    let path = configHome + "/url-notes/config"
    let check = try ProcessResult.run([binary, "config", "--check"], environment: environment)
    #expect(check.status == 1)
    #expect(check.stdoutText == "")
    #expect(
      check.stderrText
        == "\(path):2:13: error: unknown command 'nothing' (the help screen, ?, lists them)\n"
        + "\(path):3:13: error: 'z' is not bound on the tags screen\n")
    let tags = try ProcessResult.run([binary, "tags"], environment: environment)
    #expect(tags.status == 0)
    #expect(tags.stdoutText.hasPrefix("3  gpu\n"))
    #expect(tags.stderrText == check.stderrText)
    try writeConfig("set mouse = off\n")
    let good = try ProcessResult.run([binary, "config", "--check"], environment: environment)
    #expect(good.status == 0 && good.stdoutText == "" && good.stderrText == "")
  }

  @Test func previewSortAndDateFormatFromTheConfig() throws {
    let notes = directory.file("dated.json")
    try """
    [{"id": "aaaa00000001", "title": "Zebra notes", "url": "https://a.example/z", "tags": ["t"],
      "created": "2026-03-05T10:00:00Z", "updated": "2026-03-05T10:00:00Z"},
     {"id": "aaaa00000002", "title": "Apple notes", "url": "https://b.example/a", "tags": ["t"],
      "created": "2026-01-02T08:30:00Z", "updated": "2026-04-01T12:15:00Z"}]
    """.write(toFile: notes, atomically: true, encoding: .utf8)
    let store = directory.file("dated-store.json")
    let binary = try BuiltProducts.executable("url-notes")
    #expect(try ProcessResult.run([binary, "import", "--store", store, notes]).status == 0)
    try writeConfig("set preview-sort = title\nset date-format = \"%a %e %b %Y\"\n")
    let tmux = try TmuxSession(
      command: [binary],
      environment: ["URL_NOTES_STORE": store, "XDG_CONFIG_HOME": configHome])
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("v")
    // The whole expected frame: under load a capture can come between the rows' writes.
    let apple = "▌ Apple notes" + String(repeating: " ", count: 52) + "Fri  2 Jan 2026"
    let zebra = "  Zebra notes" + String(repeating: " ", count: 52) + "Thu  5 Mar 2026"
    let screen = try tmux.waitFor(
      rows: [1: apple, 6: zebra], prefixes: [-1: " 1/2 notes · by title"])
    #expect(screen[1] == apple)
    #expect(screen[6] == zebra)
    #expect(screen.last?.hasPrefix(" 1/2 notes · by title") == true)
    try tmux.sendKeys("Enter")
    let created = " Created Fri  2 Jan 2026 08:30 · updated Wed  1 Apr 2026 12:15 UTC"
    let note = try tmux.waitFor(rows: [3: created])
    #expect(note[3] == created)
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }
}
