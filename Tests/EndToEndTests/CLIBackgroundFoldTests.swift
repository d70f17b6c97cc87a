import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// A command-line write whose append makes a fold due returns without folding: a detached
/// `url-notes compact` folds the journal afterwards, and nobody waits for it.
@Suite struct CLIBackgroundFoldTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  func note(_ number: Int, bodyBytes: Int = 0) -> Note {
    SampleNotes.note(
      String(format: "%012x", 0xB000 + number), url: "https://fold.example/\(number)",
      title: "Note \(number)", tags: ["fold"],
      body: bodyBytes > 0 ? String(repeating: "b", count: bodyBytes) : nil)
  }

  /// A store whose journal is just past the fold threshold, left unfolded.
  func storeWithADueFold() throws -> NoteStore {
    let store = try NoteStore.open(path: storePath)
    try store.apply([.put(note(0))])  // the first save writes the snapshot
    store.foldElsewhere = { _ in true }  // "started elsewhere": nothing folds here
    try store.apply([.put(note(1, bodyBytes: NoteStore.compactionThresholdBytes))])
    #expect(store.isFoldDue)
    return store
  }

  func journalSize() -> Int { FileManager.default.bytes(atPath: storePath + ".journal").count }

  @Test func aDueFoldIsHandedElsewhereAndTheWriteReturns() throws {
    let store = try NoteStore.open(path: storePath)
    try store.apply([.put(note(0))])
    var handed: [String] = []
    store.foldElsewhere = { path in
      handed.append(path)
      return true
    }
    try store.apply([.put(note(1, bodyBytes: NoteStore.compactionThresholdBytes))])
    #expect(handed == [storePath])
    #expect(journalSize() > NoteStore.compactionThresholdBytes, "not folded in this process")
    try store.foldUnlessFolding()
    #expect(journalSize() == 0)
    #expect(try NoteStore.open(path: storePath).allNotes().map(\.id) == [note(0).id, note(1).id])
  }

  @Test func compactFoldsTheJournal() throws {
    _ = try storeWithADueFold()
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "compact", "--store", storePath])
    #expect(result.status == 0 && result.stdoutText.isEmpty && result.stderrText.isEmpty)
    #expect(journalSize() == 0)
    let reopened = try NoteStore.open(path: storePath)
    try reopened.checkInvariants()
    #expect(reopened.count == 2)
  }

  @Test func anAddThatMakesAFoldDueIsFoldedByADetachedProcess() throws {
    _ = try storeWithADueFold()
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "add", "--store", storePath, "--title", "Last"])
    #expect(result.status == 0)
    // The detached fold finishes on its own; wait for it (a few seconds at most here).
    let deadline = Date().addingTimeInterval(20)
    while journalSize() > 0 && Date() < deadline { usleep(50_000) }
    #expect(journalSize() == 0)
    let reopened = try NoteStore.open(path: storePath)
    try reopened.checkInvariants()
    #expect(reopened.count == 3)
  }
}
