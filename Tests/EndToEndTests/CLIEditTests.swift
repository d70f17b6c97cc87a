import Foundation
import NoteStore
import TestSupport
import Testing

/// The built `url-notes` binary's editing commands: add, edit with a real `$EDITOR` process
/// (a shell script written by the test), rm, tag rename/merge, and two processes writing one
/// store at once.
@Suite(.serialized) struct CLIEditTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }
  static let url = "https://example.com/page"
  static let id = NoteID.forURL("https://example.com/page").rawValue

  /// A store with one note made by `add`.
  init() throws {
    let summary = directory.file("summary.txt")
    try "- **CPU:** fast\n  - 16 cores\n- Quiet\n".write(
      toFile: summary, atomically: true, encoding: .utf8)
    let result = try run(
      "add", "--url", Self.url, "--title", "A page", "--tag", "gpu", "--tag", "mini pc",
      "--summary-file", summary)
    #expect(result == CLIResult(status: 0, stdout: "added \(Self.id)  A page\n", stderr: ""))
  }

  @Test func addValidatesWithTheSharedMessages() throws {
    #expect(
      try run("add", "--url", "https://EXAMPLE.com/page/", "--title", "Again")
        == CLIResult(
          status: 1, stdout: "",
          stderr: "url-notes: error: another note already has this URL: \(Self.id) \"A page\""
            + " (url-notes show \(Self.id))\n"))
    #expect(
      try run("add", "--url", "example.com", "--title", "T").stderr
        == "url-notes: error: malformed URL \"example.com\": expected an absolute URL such as"
        + " https://example.com/page\n")
    #expect(
      try run("add", "--title", " ").stderr == "url-notes: error: the title is empty\n")
    #expect(
      try run("add", "--title", "T", "--tag", "GPU", "--tag", "gpu").stderr
        == "url-notes: error: tags \"GPU\" and \"gpu\" are the same tag (tags ignore case)\n")
    let bad = directory.file("bad.txt")
    try "- a\n\t- b\n".write(toFile: bad, atomically: true, encoding: .utf8)
    #expect(
      try run("add", "--title", "T", "--summary-file", bad)
        == CLIResult(
          status: 1, stdout: "",
          stderr: "\(bad):2:1: error: tab in the indentation; indent with 2 spaces per level\n"))
    let added = try run(
      "add", "--title", "From stdin", "--summary-file", "-", "--json",
      stdin: "- one\n  - two\n")
    #expect(added.status == 0)
    #expect(
      added.stdout.contains("\"summary\":[{\"children\":[{\"children\":[],\"markup\":\"two\""))
    #expect(try NoteStore.open(path: storePath).count == 2)
  }

  @Test func editWithASedScriptAsTheEditor() throws {
    let editor = try script(
      "edit.sh",
      """
      sed -i -e 's/^title: .*/title: Edited by sed/' -e 's/^tags: .*/tags: gpu, new tag/' \
        -e 's/^  - 16 cores$/  - 16 cores\\n    - Zen 5/' "$1"
      """)
    let result = try run("edit", Self.url, environment: ["EDITOR": editor])
    #expect(
      result == CLIResult(status: 0, stdout: "updated \(Self.id)  Edited by sed\n", stderr: ""))
    let note = try NoteStore.open(path: storePath).note(NoteID(Self.id))!
    #expect(note.title == "Edited by sed" && note.tags == ["gpu", "new tag"])
    #expect(
      OutlineText.render(note.summary) == "- **CPU:** fast\n  - 16 cores\n    - Zen 5\n- Quiet\n")
    // An editor that changes nothing: "no changes", and the temporary file is gone.
    #expect(
      try run("edit", Self.id, environment: ["EDITOR": "true", "TMPDIR": directory.path])
        == CLIResult(status: 0, stdout: "no changes\n", stderr: ""))
    #expect(try editFiles().isEmpty)
    // An editor command with arguments goes through /bin/sh, like git does it.
    #expect(
      try run("edit", Self.id, environment: ["EDITOR": "sed -i 's/^title: .*/title: Via sh/'"])
        .stdout == "updated \(Self.id)  Via sh\n")
  }

  @Test func editingAnImportedArticleKeepsItsBodyAndProvenance() throws {
    let article = Fixtures.url("markdown/terminal-tools-article.md").path
    #expect(try run("import", article).status == 0)
    let store = try NoteStore.open(path: storePath)
    let before = store.allNotes().first { $0.body != nil }!
    let editor = try script("retitle.sh", "sed -i 's/^title: .*/title: Retitled/' \"$1\"")
    #expect(
      try run("edit", before.id.rawValue, environment: ["EDITOR": editor]).stdout
        == "updated \(before.id)  Retitled\n")
    var expected = before
    expected.title = "Retitled"
    var after = try NoteStore.open(path: storePath).note(before.id)!
    #expect(after.updated >= before.updated)
    after.updated = before.updated
    #expect(after == expected)
  }

  @Test func visualIsTheFallbackAndAMissingEditorIsReported() throws {
    let editor = try script("visual.sh", "sed -i 's/^title: .*/title: From VISUAL/' \"$1\"")
    #expect(
      try run("edit", Self.id, environment: ["EDITOR": "", "VISUAL": editor]).stdout
        == "updated \(Self.id)  From VISUAL\n")
    let missing = try run(
      "edit", Self.id,
      environment: ["EDITOR": "/nonexistent/editor", "TMPDIR": directory.path])
    let file = try editFiles()[0]
    #expect(
      missing
        == CLIResult(
          status: 1, stdout: "",
          stderr: "url-notes: error: cannot start the editor '/nonexistent/editor': No such file"
            + " or directory\nurl-notes: note: the note is unchanged; your text is kept in \(file)\n"
        ))
  }

  @Test func aParseErrorWithoutATerminalKeepsTheTextAndExits1() throws {
    let editor = try script("bad.sh", "sed -i 's/^title: /title /' \"$1\"")
    let before = FileManager.default.bytes(atPath: storePath)
    let result = try run(
      "edit", Self.id, environment: ["EDITOR": editor, "TMPDIR": directory.path])
    let files = try editFiles()
    #expect(files.count == 1)
    let file = files[0]
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let line =
      text.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.hasPrefix("title ") }! + 1
    #expect(
      result
        == CLIResult(
          status: 1, stdout: "",
          stderr: "\(file):\(line):1: error: expected a header field (url:, title: or tags:) or"
            + " a blank line before the summary\n"
            + "url-notes: note: the note is unchanged; your text is kept in \(file)\n"))
    #expect(text.contains("\ntitle A page\n"))
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as! Int
    #expect(mode == 0o600)
    #expect(FileManager.default.bytes(atPath: storePath) == before)
    // A failing editor: nothing saved either.
    #expect(
      try run("edit", Self.id, environment: ["EDITOR": "false"]).stderr.hasPrefix(
        "url-notes: error: the editor exited with status 1\n"))
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  func aParseErrorOnATerminalReopensTheEditorWithTheTextIntact() throws {
    // First run: breaks the title line. Second run: sees its own broken text and fixes it.
    let editor = try script(
      "twice.sh",
      """
      if [ -e "$0.ran" ]; then
        grep -q '^title A page$' "$1" && sed -i 's/^title A page$/title: Fixed/' "$1"
      else
        touch "$0.ran"; sed -i 's/^title: /title /' "$1"
      fi
      """)
    let tmux = try TmuxSession(
      command: [try CLIEditTests.binary(), "edit", "--store", storePath, Self.id],
      width: 200, height: 20, environment: ["EDITOR": editor, "TMPDIR": directory.path])
    let screen = try tmux.waitFor(text: "Re-open the editor to fix it? [Y/n]")
    #expect(
      screen.contains {
        $0.hasSuffix(
          ": error: expected a header field (url:, title: or tags:) or a blank line before the summary"
        )
      })
    try tmux.sendKeys("Enter")
    // Not waiting for the "updated" line: tmux can drop a pane's last output when its process
    // exits at once; the exit status and the store say the same.
    #expect(try tmux.waitForExit() == 0)
    #expect(try NoteStore.open(path: storePath).note(NoteID(Self.id))?.title == "Fixed")
    #expect(try editFiles().isEmpty)
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  func ctrlCWhileTheEditorRunsBelongsToTheEditor() throws {
    // The editor ignores Ctrl-C (as vi does) and waits for the test to let it finish.
    let started = directory.file("started")
    let finish = directory.file("finish")
    let editor = try script(
      "patient.sh",
      """
      trap '' INT QUIT
      touch '\(started)'
      while [ ! -e '\(finish)' ]; do sleep 0.05; done
      sed -i 's/^title: .*/title: After Ctrl-C/' "$1"
      """)
    let tmux = try TmuxSession(
      command: [try CLIEditTests.binary(), "edit", "--store", storePath, Self.id],
      width: 120, height: 10, environment: ["EDITOR": editor])
    let deadline = Date().addingTimeInterval(5)
    while !FileManager.default.fileExists(atPath: started) && Date() < deadline {
      usleep(20_000)
    }
    try #require(FileManager.default.fileExists(atPath: started), "the editor did not start")
    try tmux.sendKeys("C-c")
    try tmux.sendKeys("C-\\")
    usleep(200_000)
    _ = FileManager.default.createFile(atPath: finish, contents: nil)
    // Killed by the Ctrl-C, url-notes would exit with 130 and save nothing.
    #expect(try tmux.waitForExit() == 0)
    #expect(try NoteStore.open(path: storePath).note(NoteID(Self.id))?.title == "After Ctrl-C")
  }

  @Test func anEditConflictingWithAnotherProcessIsRefusedAndKeepsTheText() throws {
    // While "the user" edits, another url-notes process renames a tag on the same note.
    let editor = try script(
      "conflict.sh",
      """
      '\(try Self.binary())' tag rename --store '\(storePath)' gpu graphics >/dev/null
      sed -i 's/^title: .*/title: Mine/' "$1"
      """)
    let result = try run(
      "edit", Self.id, environment: ["EDITOR": editor, "TMPDIR": directory.path])
    let file = try editFiles()[0]
    #expect(
      result
        == CLIResult(
          status: 1, stdout: "",
          stderr: "url-notes: error: note \(Self.id) \"A page\" was changed by another process;"
            + " nothing was saved\nurl-notes: note: the note is unchanged; your text is kept in \(file)\n"
        ))
    let note = try NoteStore.open(path: storePath).note(NoteID(Self.id))!
    #expect(note.title == "A page" && note.tags == ["graphics", "mini pc"])
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\ntitle: Mine\n"))
  }

  @Test func removeAndTagCommands() throws {
    #expect(
      try run(
        "add", "--url", "https://example.com/2", "--title", "Two", "--tag", "GPU", "--tag", "x"
      ).status == 0)
    #expect(
      try run("tag", "rename", "gpu", "x")
        == CLIResult(
          status: 1, stdout: "",
          stderr: "url-notes: error: the tag \"x\" exists already; merge the tags instead\n"))
    #expect(
      try run("tag", "rename", "Gpu", "Graphics")
        == CLIResult(
          status: 0, stdout: "renamed tag \"gpu\" to \"Graphics\" (2 notes)\n", stderr: ""))
    #expect(
      try run("tag", "merge", "x", "graphics")
        == CLIResult(status: 0, stdout: "merged tag \"x\" into \"Graphics\" (1 note)\n", stderr: "")
    )
    #expect(
      try run("tags") == CLIResult(status: 0, stdout: "2  Graphics\n1  mini pc\n", stderr: ""))
    #expect(
      try run("tag", "merge", "nope", "graphics").stderr
        == "url-notes: error: no note has the tag \"nope\"\n")

    #expect(
      try run("rm", Self.url)
        == CLIResult(
          status: 1, stdout: "",
          stderr: "url-notes: error: not deleting without --yes (stdin is not a terminal)\n"))
    #expect(
      try run("rm", "--yes", Self.url)
        == CLIResult(status: 0, stdout: "deleted \(Self.id)  A page\n", stderr: ""))
    #expect(
      try run("rm", "--yes", Self.url).stderr
        == "url-notes: error: \(Self.url): no note has this URL\n")
    #expect(try NoteStore.open(path: storePath).count == 1)
  }

  @Test func twoProcessesAddingAtOnceLoseNoNote() throws {
    let perProcess = 15
    let loop = try script(
      "loop.sh",
      """
      i=1
      while [ $i -le \(perProcess) ]; do
        '\(try Self.binary())' add --store '\(storePath)' --url "https://$1.example/$i" \
          --title "$1 $i" --tag "$1" >/dev/null || exit 1
        i=$((i + 1))
      done
      """)
    let writers = try ["one", "two"].map { name in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: loop)
      process.arguments = [name]
      try process.run()
      return process
    }
    for process in writers {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let store = try NoteStore.open(path: storePath)
    #expect(store.count == 1 + 2 * perProcess)
    #expect(
      store.tagCounts(order: .name).map { "\($0.tag) \($0.count)" }
        == ["gpu 1", "mini pc 1", "one \(perProcess)", "two \(perProcess)"])
    for name in ["one", "two"] {
      for index in 1...perProcess {
        #expect(store.noteID(forURL: "https://\(name).example/\(index)") != nil)
      }
    }
  }

  // MARK: Helpers

  struct CLIResult: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary on this test's store with stdin from `stdin` (else /dev/null: not a
  /// terminal) and the given environment added.
  func run(
    _ arguments: String..., environment: [String: String] = [:], stdin: String? = nil
  ) throws -> CLIResult {
    let result = try ProcessResult.run(
      [try Self.binary()] + arguments,
      environment: environment.merging(["URL_NOTES_STORE": storePath]) { first, _ in first },
      stdin: stdin)
    return CLIResult(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
  }

  /// An executable shell script in the test directory.
  func script(_ name: String, _ body: String) throws -> String {
    try ExecutableScript.write(body, to: directory.file(name))
  }

  /// The edit files `url-notes edit` left in the test directory (its `TMPDIR`).
  func editFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasPrefix("url-notes-") && $0.hasSuffix(".txt") }.sorted()
      .map(directory.file)
  }

  static func binary() throws -> String { try TUIEndToEndTests.binary() }
}
