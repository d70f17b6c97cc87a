import Foundation
import TestSupport
import Testing

/// The built `url-notes` binary in a real terminal (tmux): a store imported from the sample
/// pages by the CLI, then the browser driven by keys and read back from the screen.
///
/// Every step waits for the text it expects (polling), never for a fixed time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TUIEndToEndTests {
  /// The store built from `data/`, in a temporary directory kept for the test's duration.
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  init() throws {
    let samples = ["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt", "tag-hardware.rsc.txt"]
    let result = try Self.run(
      [try Self.binary(), "import", "--store", directory.file("notes.json")]
        + samples.map { Fixtures.sampleData($0).path })
    #expect(result.status == 0, "import failed: \(result.output)")
  }

  func browser(width: Int = 80, height: Int = 24, term: String? = nil) throws -> TmuxSession {
    var environment = ["URL_NOTES_STORE": storePath, "BROWSER": "true"]
    if let term { environment["TERM"] = term }
    return try TmuxSession(
      command: [try Self.binary()], width: width, height: height, environment: environment)
  }

  @Test func browseFoldSearchResizeAndQuit() throws {
    let tmux = try browser()
    var screen = try tmux.waitFor(text: "? help · q quit")
    #expect(screen[0] == " url-notes › Tags")
    #expect(screen[1] == " 3  gpu")
    #expect(screen.contains(" 2  hardware"))

    try tmux.sendKeys("Enter")  // the notes tagged gpu
    screen = try tmux.waitFor(text: "1/3 notes")
    #expect(screen[0] == " url-notes › Tags › gpu")
    #expect(screen[2].hasPrefix("▌ news.ycombinator.com"))

    try tmux.sendKeys("Enter")  // open the first note, folded to its top level
    screen = try tmux.waitFor(text: "▸ Batching & Parallelism:")
    #expect(screen[2] == " https://news.ycombinator.com/item?id=44840728")
    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor(text: "▾ Batching & Parallelism:")
    #expect(screen.contains { $0.hasPrefix("   • Large-scale inference relies on batching") })
    try tmux.sendKeys("Space")
    try tmux.waitFor(text: "▸ Batching & Parallelism:")

    try tmux.sendKeys("/")
    try tmux.sendText("sharded")  // only in a folded branch: search unfolds it
    screen = try tmux.waitFor(text: "/sharded")
    #expect(screen.contains { $0.contains("▾ Hardware & Infrastructure:") })
    #expect(screen.contains { $0.contains("Models are sharded") })
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "1/1 hit for sharded")

    try tmux.resize(width: 60, height: 16)
    screen = try tmux.waitFor(timeout: 5, "a 60×16 frame") {
      $0.count == 16 && $0[15].hasSuffix("? help · q back") && $0[15].count <= 60
    }
    #expect(screen[15].hasSuffix("? help · q back"))
    try tmux.resize(width: 30, height: 6)
    try tmux.waitFor(text: "Terminal too small")
    try tmux.resize(width: 80, height: 24)
    try tmux.waitFor(text: "1/1 hit for sharded")

    try tmux.sendKeys("q")
    try tmux.waitFor(text: "1/3 notes")
    try tmux.sendKeys("q")
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
    // The alternate screen is gone: nothing of the browser is left on the pane.
    let after = try tmux.capture(history: true)
    #expect(!after.contains { $0.contains("url-notes ›") || $0.contains("? help") })
  }

  @Test func tagFilterAndHelp() throws {
    let tmux = try browser()
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("/")
    try tmux.sendText("hard")
    let screen = try tmux.waitFor(text: "/hard")
    #expect(screen[1] == " 2  hardware")
    try tmux.sendKeys("Escape", "?")
    try tmux.waitFor(text: "Filter as you type")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func refusesATerminalThatCannotAddressTheCursor() throws {
    let tmux = try browser(term: "dumb")
    #expect(try tmux.waitForExit() == 2)
    let screen = try tmux.capture(history: true)
    #expect(screen.contains { $0.contains("url-notes: error: terminal type 'dumb' cannot") })
  }

  @Test func refusesWhenOutputIsNotATerminal() throws {
    let result = try Self.run([try Self.binary(), "browse", "--store", storePath])
    #expect(result.status == 2)
    #expect(result.output.contains("is not a terminal"))
  }

  // MARK: Helpers

  /// The `url-notes` binary of this build.
  static func binary() throws -> String { try BuiltProducts.executable("url-notes") }

  /// Runs a short-lived command with stdin from /dev/null and stdout+stderr piped (so it is not
  /// a terminal); returns its status and combined output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
