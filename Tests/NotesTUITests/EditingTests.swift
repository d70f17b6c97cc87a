import Foundation
import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// Deleting, undo and redo, tag clean-up, `$EDITOR` results, and a store changed by another
/// process: all on the fixture store, checked on screen and on disk.
@Suite struct EditingTests {
  @Test func deleteAsksThenUndoAndRedo() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter, .enter)  // gpu → "GPU prices fall"
    app.press(.character("d"))
    #expect(
      app.screen.last
        == Expected.screen([], status: "Delete “GPU prices fall”? (y/n)", right: "y yes · n no")
        .last)
    app.press(.character("n"))
    #expect(app.screen.last?.hasPrefix(" Not deleted") == true)
    app.press(.character("d"), .character("y"))
    #expect(app.screen[0] == " url-notes › Tags › gpu")
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPT-4 on a laptop", "2026-01-02"))
    #expect(app.screen.last?.hasPrefix(" Deleted “GPU prices fall” (u undoes)") == true)
    #expect(fixture.store.note(NoteID("aaaa00000001")) == nil)

    app.press(.character("u"))
    #expect(
      app.screen.last?.hasPrefix(" Undone: deleted \"GPU prices fall\" (C-r redoes)") == true)
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
    #expect(fixture.store.note(NoteID("aaaa00000001")) == BrowserFixture.notes[0])
    app.press(.ctrl("r"))
    #expect(app.screen.last?.hasPrefix(" Redone: deleted \"GPU prices fall\"") == true)
    #expect(fixture.store.count == 2)
    app.press(.ctrl("r"))
    #expect(app.screen.last?.hasPrefix(" Nothing to redo") == true)
    app.press(.character("u"), .character("u"))
    #expect(app.screen.last?.hasPrefix(" Nothing to undo") == true)
    // Undo is durable: a fresh reader of the file sees the note back.
    #expect(try NoteStore.open(path: fixture.store.path).count == 3)
  }

  @Test func renameMergeAndSingleNoteTags() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    // Tags by count: gpu 2, hardware 2, gpt-4 1, 日本 1.
    app.press(.character("1"))
    #expect(
      Array(app.screen[1...2]) == [" 1  gpt-4  · GPT-4 on a laptop", " 1  日本  · 日本語のメモ 🍣"])
    #expect(app.screen.last?.hasPrefix(" Only tags used by one note (1: all tags)") == true)
    app.press(.character("r"))
    #expect(app.screen.last?.hasPrefix(" Rename tag gpt-4 to: gpt-4 ") == true)
    app.press(.ctrl("u"))
    app.type("gpt4")
    app.press(.enter)
    #expect(app.screen.last?.hasPrefix(" Done: renamed tag \"gpt-4\" to \"gpt4\" (1 note)") == true)
    #expect(
      Array(app.screen[1...2]) == [" 1  gpt4  · GPT-4 on a laptop", " 1  日本  · 日本語のメモ 🍣"])
    #expect(fixture.store.note(NoteID("aaaa00000002"))?.tags == ["gpt4", "gpu"])

    app.press(.character("M"))
    app.type("gp")
    app.press(.tab)  // completes to the most used tag starting with "gp"
    #expect(app.screen.last?.hasPrefix(" Merge tag gpt4 into: gpu ") == true)
    app.press(.enter)
    #expect(app.screen.last?.hasPrefix(" Done: merged tag \"gpt4\" into \"gpu\" (1 note)") == true)
    #expect(fixture.store.note(NoteID("aaaa00000002"))?.tags == ["gpu"])
    #expect(app.screen[1] == " 1  日本  · 日本語のメモ 🍣")

    // Renaming onto an existing tag offers a merge (the cursor stayed on 日本).
    app.press(.character("1"), .character("r"), .ctrl("u"))
    app.type("HARDWARE")
    app.press(.enter)
    #expect(
      app.screen.last?.hasPrefix(" Tag “hardware” exists already. Merge “日本” into it? (y/n)")
        == true)
    app.press(.escape)
    #expect(app.screen.last?.hasPrefix(" Not merged") == true)

    app.press(.character("u"))
    #expect(
      app.screen.last?.hasPrefix(" Undone: merged tag \"gpt4\" into \"gpu\" (1 note)") == true)
    app.press(.character("u"))
    #expect(fixture.store.note(NoteID("aaaa00000002"))?.tags == ["gpt-4", "gpu"])
  }

  @Test func renamingOnANotesTagsPageShowsTheNewName() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter, .character("j"), .enter, .character("t"))  // gpu → "GPT-4 on a laptop" → t
    #expect(
      Array(app.screen[0...2]) == [
        " url-notes › Tags › gpu › GPT-4 on a laptop › Tags of GPT-4 on a laptop", " 2  gpu",
        " 1  gpt-4",
      ])
    app.press(.character("r"), .ctrl("u"))
    app.type("graphics")
    app.press(.enter)
    #expect(
      Array(app.screen[0...2]) == [
        " url-notes › Tags › gpu › GPT-4 on a laptop › Tags of GPT-4 on a laptop", " 2  graphics",
        " 1  gpt-4",
      ])
  }

  @Test func externalEditErrorsKeepTheTextForTheNextTry() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter)
    let effects = app.handle(.character("E"))
    guard case .runEditor(let session) = effects.first else {
      Issue.record("expected an editor run, got \(effects)")
      return
    }
    #expect(session.text.contains("title: GPU prices fall\n"))
    let broken = session.text.replacingOccurrences(
      of: "- **Prices:**", with: "      - **Prices:**")
    app.finishExternalEdit(session, edited: broken)
    let message = try #require(app.message)
    #expect(message.hasPrefix("Not saved, E re-opens your text: 11:7: error: "))
    #expect(fixture.store.note(NoteID("aaaa00000001")) == BrowserFixture.notes[0])
    // E again opens the broken text, not the stored note.
    guard case .runEditor(let retry) = app.handle(.character("E")).first else {
      Issue.record("expected a second editor run")
      return
    }
    #expect(retry.text == broken)
    let fixed = broken.replacingOccurrences(of: "      - **Prices:**", with: "- **Prices:**")
      .replacingOccurrences(of: "title: GPU prices fall", with: "title: GPU prices fell")
    app.finishExternalEdit(retry, edited: fixed)
    #expect(app.message == "Saved “GPU prices fell” (u undoes)")
    #expect(app.pendingEditorSession == nil)
    #expect(fixture.store.note(NoteID("aaaa00000001"))?.title == "GPU prices fell")
  }

  @Test func externalEditorRunsThroughTheMainLoop() throws {
    let fixture = try BrowserFixture()
    let script = fixture.directory.file("editor.sh")
    try "#!/bin/sh\nsed -i 's/^title: .*/title: Edited by a script/' \"$1\"\n".write(
      toFile: script, atomically: true, encoding: .utf8)
    let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
    terminal.enqueue(.enter, .character("E"))
    let app = NotesBrowser.run(
      store: fixture.store, on: terminal, launcher: URLLauncher(browser: nil),
      // Run through sh, not exec'd: a file just written can be "busy" while another test's
      // fork still holds a copy of its descriptor (ETXTBSY).
      pollMilliseconds: nil, editor: ExternalEditor(command: "sh " + script))
    #expect(terminal.isSuspended == false)
    #expect(app.message == "Saved “Edited by a script” (u undoes)")
    #expect(
      terminal.lastFrame?.lines()[1]
        == BrowserFixture.titleRow("▌ Edited by a script", "2026-01-03"))
    #expect(fixture.store.note(NoteID("aaaa00000001"))?.title == "Edited by a script")
  }

  @Test func changesByAnotherProcessAppearAndConflictsAsk() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    #expect(app.pollStore() == false)
    // Another writer (a second store instance on the same file) adds a note.
    let other = try NoteStore.open(path: fixture.store.path)
    var otherEditor = NoteEditor(store: other)
    try otherEditor.add(
      NoteDraft(url: "https://example.com/b", title: "From elsewhere", tags: ["gpu"]))
    #expect(app.pollStore() == true)
    #expect(app.screen[1] == " 3  gpu")
    #expect(app.pollStore() == false)

    // The same note edited in both: saving asks, and "yes" keeps this side's version.
    app.press(.enter)  // gpu: "From elsewhere" (newest) first
    #expect(app.screen[6] == BrowserFixture.titleRow("  GPU prices fall", "2026-01-03"))
    app.press(.down, .character("e"))
    try otherEditor.update(
      NoteID("aaaa00000001"),
      to: NoteDraft(url: "https://example.com/gpu-prices", title: "Theirs", tags: ["gpu"]),
      base: BrowserFixture.notes[0])
    app.press(.ctrl("u"))
    app.type("Mine")
    app.press(.ctrl("s"))
    #expect(
      app.screen.last
        == " Not saved: “Theirs” was changed elsewhere. Overwrite it with yours? (y/n)")
    app.press(.character("n"))
    #expect(fixture.store.note(NoteID("aaaa00000001"))?.title == "Theirs")
    #expect(app.screen[3] == " Title    Mine")
    app.press(.ctrl("s"), .character("y"))
    #expect(app.screen.last?.hasPrefix(" Saved your version of “Mine” (u undoes)") == true)
    #expect(
      try NoteStore.open(path: fixture.store.path).note(NoteID("aaaa00000001"))?.title == "Mine")
  }

  @Test func aStoreThatStopsParsingIsNeverWritten() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    let path = fixture.store.path
    let good = FileManager.default.bytes(atPath: path)
    try Data("{\"format\":\"url-notes\",".utf8).write(to: URL(fileURLWithPath: path))
    #expect(app.pollStore() == true)
    let problem = try #require(app.storeProblemText)
    #expect(problem.hasPrefix("Store unreadable, not writing to it: \(path):"))
    #expect(app.screen.last?.hasPrefix(" Store unreadable, not writing to it:") == true)
    #expect(app.screen[1] == " 2  gpu")  // the last good state stays on screen
    app.press(.enter, .character("d"), .character("y"))
    #expect(app.message == problem)
    app.press(.character("u"))
    #expect(FileManager.default.bytes(atPath: path) == Array("{\"format\":\"url-notes\",".utf8))
    try Data(good).write(to: URL(fileURLWithPath: path))
    #expect(app.pollStore() == true)
    #expect(app.storeProblem == nil)
    #expect(app.message == "The store reads again")
  }

  @Test func storeWarningsShowAtStartUp() throws {
    let fixture = try BrowserFixture()
    var editor = NoteEditor(store: fixture.store)
    try editor.delete(NoteID("aaaa00000003"), base: BrowserFixture.notes[2])
    let journal = fixture.store.path + ".journal"
    let handle = try #require(FileHandle(forWritingAtPath: journal))
    handle.seekToEndOfFile()
    handle.write(Data("{\"put\":{\"id\":".utf8))
    handle.closeFile()
    let store = try NoteStore.open(path: fixture.store.path)
    let app = App(store: store, size: Size(width: 80, height: 24), colorMode: .color)
    #expect(
      app.message
        == "\(journal):2:1: warning: ignored an incomplete last record (an interrupted save)")
  }
}

@Suite struct RefusedWriteTests {
  @Test func aConflictShowsTheOtherVersionAtOnce() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter)  // gpu: "GPU prices fall", "GPT-4 on a laptop"
    // Another process renames the first note; the delete here then conflicts, and the list
    // shows the other version right away (the editor's refresh left nothing for the poll).
    var other = NoteEditor(store: try NoteStore.open(path: fixture.store.path))
    try other.update(
      NoteID("aaaa00000001"),
      to: NoteDraft(
        url: "https://example.com/gpu-prices", title: "Renamed elsewhere", tags: ["gpu"]),
      base: BrowserFixture.notes[0])
    app.press(.character("d"), .character("y"))
    #expect(
      app.message
        == "Not deleted: note aaaa00000001 \"Renamed elsewhere\" was changed by another process; nothing was saved"
    )
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ Renamed elsewhere", "2026-01-03"))
    #expect(fixture.store.note(NoteID("aaaa00000001"))?.title == "Renamed elsewhere")
  }

  @Test func aStoreFileMovedAwayWhileBrowsingIsNeitherWrittenNorRecreated() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app()
    app.press(.enter)  // gpu: "GPU prices fall", "GPT-4 on a laptop"
    let path = fixture.store.path
    try FileManager.default.moveItem(atPath: path, toPath: path + ".moved")
    let changed = app.pollStore()
    #expect(changed)
    let problem =
      "Store unreadable, not writing to it: \(path):1:1: error: the store file was removed or moved"
      + " away since it was opened; nothing was written"
    #expect(app.storeProblemText == problem)
    // The last good state stays on screen.
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPU prices fall", "2026-01-03"))
    app.press(.character("d"), .character("y"))
    #expect(fixture.store.count == 3)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(!FileManager.default.fileExists(atPath: path + ".journal"))
  }
}
