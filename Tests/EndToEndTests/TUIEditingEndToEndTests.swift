import Foundation
import NoteStore
import TestSupport
import Testing

/// Editing in the built `url-notes` browser under tmux: the add/edit form, delete, undo and
/// redo, `E` with a real `$EDITOR` script (including the error-and-reopen path), a tag rename
/// in the tag list, and a second process writing the same store while the browser runs.
///
/// Every step waits for the text it expects; results are checked in the store on disk too.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TUIEditingEndToEndTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  /// A store imported from `samples` by the CLI.
  func importSamples(_ samples: [String]) throws {
    let result = try TUIEndToEndTests.run(
      [try TUIEndToEndTests.binary(), "import", "--store", storePath]
        + samples.map { Fixtures.sampleData($0).path })
    #expect(result.status == 0, "import failed: \(result.output)")
  }

  func browser(editor: String? = nil) throws -> TmuxSession {
    var environment = ["URL_NOTES_STORE": storePath, "BROWSER": "true"]
    if let editor { environment["EDITOR"] = editor }
    return try TmuxSession(
      command: [try TUIEndToEndTests.binary()], width: 80, height: 24, environment: environment)
  }

  func storedNote(titled title: String) throws -> Note? {
    let store = try NoteStore.open(path: storePath)
    return store.allNotes().first { $0.title == title }
  }

  @Test func addEditDeleteUndoAndRedo() throws {
    try importSamples(["tag-gpt-4.rsc.txt"])
    let tmux = try browser()
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("a")
    try tmux.waitFor(text: "C-s save · Esc cancel")
    try tmux.sendText("https://example.com/typed")
    try tmux.sendKeys("Tab")
    try tmux.sendText("Typed in the form")
    try tmux.sendKeys("Tab")
    try tmux.sendText("gpt")
    // The candidates row with the field: under load a capture can show "gpt" typed and the
    // candidates of "gp" (gpt-4, gpu) not yet redrawn.
    var screen = try tmux.waitFor(rows: [5: "          Tab: gpt-4"])
    #expect(screen[5] == "          Tab: gpt-4")
    #expect(screen.contains { $0.contains(" Tags     gpt") })
    try tmux.sendKeys("Tab")  // the one candidate, completed
    try tmux.waitFor(text: " Tags     gpt-4,")
    try tmux.sendText("handmade")
    try tmux.sendKeys("Tab")
    try tmux.sendText("**Point:** first")
    try tmux.sendKeys("Enter", "Tab")
    try tmux.sendText("nested")
    screen = try tmux.waitFor(text: "     nested")
    #expect(screen[7] == "   **Point:** first")
    try tmux.sendKeys("C-s")
    try tmux.waitFor(text: "Added “Typed in the form” (u undoes)")
    var note = try #require(try storedNote(titled: "Typed in the form"))
    #expect(note.url == "https://example.com/typed")
    #expect(note.tags == ["gpt-4", "handmade"])
    #expect(
      note.summary == [
        SummaryNode(markup: "**Point:** first", children: [SummaryNode(markup: "nested")])
      ])

    // Find its new tag from the first screen's search (Enter opens the tag row) and edit the
    // title in the form.
    try tmux.sendKeys("/")
    try tmux.sendText("handmade")
    try tmux.waitFor(text: "# handmade  1 note")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "1/1 note")
    try tmux.sendKeys("e")
    try tmux.waitFor(text: "Edit Typed in the form")
    try tmux.sendKeys("C-u")
    try tmux.sendText("Edited in the form")
    try tmux.sendKeys("C-s")
    try tmux.waitFor(text: "Saved “Edited in the form” (u undoes)")
    note = try #require(try storedNote(titled: "Edited in the form"))
    #expect(note.tags == ["gpt-4", "handmade"])

    try tmux.sendKeys("d")
    try tmux.waitFor(text: "Delete “Edited in the form”? (y/n)")
    try tmux.sendKeys("y")
    try tmux.waitFor(text: "Deleted “Edited in the form” (u undoes)")
    #expect(try storedNote(titled: "Edited in the form") == nil)
    try tmux.sendKeys("u")
    try tmux.waitFor(text: "Undone: deleted \"Edited in the form\"")
    #expect(try storedNote(titled: "Edited in the form") != nil)
    try tmux.sendKeys("u")
    try tmux.waitFor(text: "Undone: edited \"Edited in the form\"")
    #expect(try storedNote(titled: "Typed in the form") != nil)
    try tmux.sendKeys("C-r")
    try tmux.waitFor(text: "Redone: edited \"Edited in the form\"")
    #expect(try storedNote(titled: "Edited in the form") != nil)
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func externalEditorErrorThenReopenWithTheTextKept() throws {
    try importSamples(["tag-gpt-4.rsc.txt"])
    // First run: retitle and break the outline (the first bullet indented). Second run: log
    // whether the broken text came back, then repair it.
    let counter = directory.file("runs")
    let log = directory.file("editor.log")
    let script = directory.file("editor.sh")
    try """
    #!/bin/sh
    runs=$(cat '\(counter)' 2>/dev/null || echo 0)
    runs=$((runs + 1))
    echo $runs > '\(counter)'
    if [ $runs = 1 ]; then
      sed -i -e 's/^title: .*/title: Retitled in the editor/' -e '0,/^- /s/^- /      - /' "$1"
    else
      grep -q '^title: Retitled in the editor' "$1" && grep -q '^      - ' "$1" && echo kept >> '\(log)'
      sed -i 's/^      - /- /' "$1"
    fi
    """.write(toFile: script, atomically: true, encoding: .utf8)
    // Run through sh, not exec'd: a file just written can be "busy" while another test's fork
    // still holds a copy of its descriptor (ETXTBSY).
    let tmux = try browser(editor: "sh " + script)
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "1/")
    try tmux.sendKeys("E")
    let screen = try tmux.waitFor(text: "Not saved, E re-opens your text: ")
    #expect(screen[23].contains(": error: the first bullet is indented"))
    #expect(try storedNote(titled: "Retitled in the editor") == nil)
    try tmux.sendKeys("E")
    try tmux.waitFor(text: "Saved “Retitled in the editor” (u undoes)")
    #expect(try String(contentsOfFile: log, encoding: .utf8) == "kept\n")
    #expect(try storedNote(titled: "Retitled in the editor") != nil)
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func ctrlCInTheEditorDoesNotEndTheBrowser() throws {
    try importSamples(["tag-gpt-4.rsc.txt"])
    let started = directory.file("started")
    let script = directory.file("slow-editor.sh")
    // The editor runs until Ctrl-C ends it. (It slept 5 s: under load the Ctrl-C could come
    // after the editor had ended, when it is the browser's own quit key.)
    try "touch '\(started)'\nsleep 120\n".write(toFile: script, atomically: true, encoding: .utf8)
    let tmux = try browser(editor: "sh " + script)
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "1/")
    try tmux.sendKeys("E")
    let deadline = Date().addingTimeInterval(5)
    while !FileManager.default.fileExists(atPath: started), Date() < deadline {
      usleep(20_000)
    }
    try #require(FileManager.default.fileExists(atPath: started), "the editor did not start")
    // Ctrl-C typed while the editor owns the terminal: a SIGINT to the foreground process
    // group, which holds the browser too. It ends the editor, not the browser (ExternalEditor
    // catches it with a no-op handler while the editor runs).
    try tmux.sendKeys("C-c")
    // The title row and the status row together: after the editor the whole screen is
    // redrawn, and under load a capture can come between the two rows' writes.
    let screen = try tmux.waitFor(
      rows: [0: " url-notes › Tags › batching"],
      prefixes: [-1: " Not saved: the editor was killed by signal 2"], timeout: 20)
    #expect(screen[0] == " url-notes › Tags › batching")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func aStoreEditedIntoBrokenJSONIsNeverWritten() throws {
    try importSamples(["tag-gpt-4.rsc.txt"])
    let good = try Data(contentsOf: URL(fileURLWithPath: storePath))
    let tmux = try browser()
    try tmux.waitFor(text: "? help · q quit")
    let broken = Data("{\"format\":\"url-notes\",\"notes\":[".utf8)
    try broken.write(to: URL(fileURLWithPath: storePath))
    try tmux.waitFor(text: "Store unreadable, not writing to it:")
    try tmux.sendKeys("a")
    try tmux.waitFor(text: "url-notes › Tags › Add a note")
    try tmux.sendText("https://example.com/broken")
    try tmux.sendKeys("Down")
    try tmux.sendText("Typed while the store was broken")
    try tmux.sendKeys("C-s")
    try tmux.waitFor(text: "Store unreadable, not writing to it:")
    #expect(try Data(contentsOf: URL(fileURLWithPath: storePath)) == broken)
    // Once it parses again, the form (still holding what was typed) saves.
    try good.write(to: URL(fileURLWithPath: storePath))
    try tmux.waitFor(text: "The store reads again")
    try tmux.sendKeys("C-s")
    try tmux.waitFor(text: "Added “Typed while the store was broken” (u undoes)")
    #expect(
      try storedNote(titled: "Typed while the store was broken")?.url
        == "https://example.com/broken")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func tagRenameInTheTagList() throws {
    try importSamples(["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt"])
    let tmux = try browser()
    var screen = try tmux.waitFor(text: "? help · q quit")
    let gpuRow = try #require(screen.firstIndex { $0.hasSuffix("  gpu") })
    let count = screen[gpuRow].dropLast("  gpu".count)
    for _ in 1..<gpuRow { try tmux.sendKeys("Down") }
    try tmux.sendKeys("r")
    try tmux.waitFor(text: "Rename tag gpu to: gpu")
    try tmux.sendKeys("C-u")
    try tmux.sendText("graphics-cards")
    try tmux.sendKeys("Enter")
    screen = try tmux.waitFor(text: "Done: renamed tag \"gpu\" to \"graphics-cards\"")
    // The cursor is on the renamed tag, with the same count.
    #expect(screen.contains { $0 == count + "  graphics-cards" })
    #expect(!screen.contains { $0.hasSuffix("  gpu") })
    let store = try NoteStore.open(path: storePath)
    #expect(store.tagCounts().contains { $0.tag == "graphics-cards" })
    #expect(!store.tagCounts().contains { $0.tag == "gpu" })
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func anImportByAnotherProcessAppearsOnScreen() throws {
    try importSamples(["tag-gpt-4.rsc.txt"])
    let tmux = try browser()
    let before = try tmux.waitFor(text: "? help · q quit")
    #expect(!before.contains { $0.hasSuffix("  desktop computer") })
    try importSamples(["tag-hardware.rsc.txt"])
    let after = try tmux.waitFor(text: "  desktop computer")
    #expect(after[0] == " url-notes › Tags")
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
  }

  @Test func demoOpensTheBrowserOnTheSamples() throws {
    let tmux = try TmuxSession(
      command: [try TUIEndToEndTests.binary(), "demo"], width: 80, height: 24,
      environment: ["TMPDIR": directory.path, "BROWSER": "true"],
      // Another directory than the checkout: the samples are compiled into the program.
      workingDirectory: directory.path)
    let screen = try tmux.waitFor(text: "? help · q quit", timeout: 10)
    #expect(screen[0] == " url-notes › Tags")
    #expect(screen[1].hasSuffix("  gpu"))
    try tmux.sendKeys("q")
    #expect(try tmux.waitForExit() == 0)
    // The line is wider than the pane: join the rows back.
    let after = try tmux.capture(history: true).joined()
    let start = try #require(after.range(of: "demo store: "))
    let line = String(after[start.lowerBound...].prefix { $0 != ")" }) + ")"
    #expect(line.hasPrefix("demo store: \(directory.path)/url-notes-demo-"))
    #expect(line.hasSuffix("/notes.json (\(try demoNoteCount()) notes)"))
  }

  /// The number of notes the demo's samples make, counted by importing them here.
  func demoNoteCount() throws -> Int {
    let samples = try FileManager.default.contentsOfDirectory(
      atPath: Fixtures.sampleData().path)
    try importSamples(samples)
    return try NoteStore.open(path: storePath).count
  }
}
