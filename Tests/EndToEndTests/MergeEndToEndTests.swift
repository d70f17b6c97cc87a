import Foundation
import NoteStore
import TestSupport
import Testing

/// `url-notes merge OTHER` through the real binary: a synced folder's conflict copy (noticed
/// beside the store), a JSON export, and stores that deleted or changed a note the other has.
@Suite(.serialized) struct MergeEndToEndTests {
  let sandbox: SyncSandbox
  var dir: String { sandbox.directory.file("s") }
  var store: String { dir + "/notes.json" }

  init() throws {
    sandbox = try SyncSandbox()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try ok("add", "--title", "Alpha", "--url", "https://alpha.example/")
    try ok("add", "--title", "Beta", "--tag", "b")
  }

  @discardableResult
  func ok(_ arguments: String...) throws -> String {
    let result = try sandbox.run(arguments, store: store)
    #expect(result.status == 0, "url-notes \(arguments) failed: \(result.stderr)")
    return result.stdout
  }

  func id(_ title: String) throws -> NoteID {
    try #require(try NoteStore.open(path: store).headers.first { $0.title == title }).id
  }

  /// Our store as another copy of it, changed by `change`, written to `path`.
  func copy(to path: String, _ change: (inout [Note]) throws -> Void) throws {
    var notes = try NoteStore.open(path: store).allNotes()
    try change(&notes)
    try Data(StoreSnapshot(notes: notes).encoded()).write(to: URL(fileURLWithPath: path))
  }

  @Test func aConflictCopyIsNoticedListedAndMerged() throws {
    let copyPath = dir + "/notes.sync-conflict-20260101-120000-ABCDEFG.json"
    let beta = try id("Beta")
    try copy(to: copyPath) { notes in
      let index = try #require(notes.firstIndex { $0.title == "Beta" })
      notes[index].title = "Beta (other machine)"
      notes[index].updated = Timestamp(secondsSince1970: notes[index].updated.secondsSince1970 + 60)
      notes.append(SampleNotes.note("00000000abcd", title: "Gamma"))
    }
    let listed = try sandbox.run(["tags"], store: store)
    #expect(
      listed.stderr
        == "\(copyPath):1:1: warning: a conflict copy of the store; merge it with url-notes merge "
        + "\(copyPath)\n")
    let lines =
      "+ 00000000abcd  Gamma\n~ \(beta)  Beta (other machine)\n1 added, 1 changed, 0 deleted\n"
    #expect(try ok("merge", "--dry-run", copyPath) == lines)
    #expect(try NoteStore.open(path: store).count == 2)
    #expect(
      try ok("merge", copyPath) == lines + "merged; delete \(copyPath) once you no longer need it\n"
    )
    #expect(
      try sandbox.contents(at: store).sorted() == [
        "Alpha []", "Beta (other machine) [b]", "Gamma []",
      ])
    #expect(try ok("merge", copyPath).hasPrefix("0 added, 0 changed, 0 deleted\n"))
  }

  @Test func aJSONExportMergesIn() throws {
    let other = sandbox.directory.file("o/notes.json")
    let added = try sandbox.run(["add", "--title", "Exported", "--tag", "e"], store: other)
    #expect(added.status == 0)
    let export = try sandbox.run(["export", "--format", "json"], store: other)
    let exportPath = sandbox.directory.file("export.json")
    try export.stdout.write(toFile: exportPath, atomically: true, encoding: .utf8)
    let exported = try #require(try NoteStore.open(path: other).headers.first).id
    #expect(
      try ok("merge", exportPath) == "+ \(exported)  Exported\n1 added, 0 changed, 0 deleted\n")
    #expect(try Set(sandbox.contents(at: store)) == ["Alpha []", "Beta [b]", "Exported [e]"])
  }

  @Test func deletesWinOverOlderCopiesAndLoseToNewerChanges() throws {
    let beta = try id("Beta")
    let older = sandbox.directory.file("older.json")
    let newer = sandbox.directory.file("newer.json")
    try copy(to: older) { _ in }
    try copy(to: newer) { notes in
      let index = try #require(notes.firstIndex { $0.title == "Beta" })
      notes[index].title = "Beta changed later"
      notes[index].updated = Timestamp(secondsSince1970: Timestamp.now().secondsSince1970 + 3600)
    }
    try ok("rm", "--yes", beta.rawValue)
    // The copy still has Beta, older than our delete: it stays deleted.
    #expect(try ok("merge", older) == "0 added, 0 changed, 0 deleted\n")
    #expect(try sandbox.contents(at: store) == ["Alpha []"])
    // A copy that changed Beta after our delete brings it back, reported.
    #expect(
      try ok("merge", newer)
        == "+ \(beta)  Beta changed later\nconflict: \(beta) \"Beta changed later\" was deleted "
        + "on our side and changed on theirs; the changed note is kept\n"
        + "1 added, 0 changed, 0 deleted, 1 conflict\n")
    #expect(try Set(sandbox.contents(at: store)) == ["Alpha []", "Beta changed later [b]"])

    // The other way round: a store that deleted a note we still have (older than its delete).
    let deleter = sandbox.directory.file("d/notes.json")
    try FileManager.default.createDirectory(
      atPath: sandbox.directory.file("d"), withIntermediateDirectories: true)
    let alpha = try id("Alpha")
    try Data(StoreSnapshot(notes: try NoteStore.open(path: store).allNotes()).encoded())
      .write(to: URL(fileURLWithPath: deleter))
    #expect(try sandbox.run(["rm", "--yes", alpha.rawValue], store: deleter).status == 0)
    #expect(try ok("merge", deleter) == "- \(alpha)  Alpha\n0 added, 0 changed, 1 deleted\n")
    #expect(try sandbox.contents(at: store) == ["Beta changed later [b]"])
  }
}
