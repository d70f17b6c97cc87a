import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// An import into an empty store tells which ids are taken from the notes it wrote itself
/// (`PendingNotes.writtenIDs`), not by asking the store: the ids it gives must be those an
/// import into a store already holding the earlier notes gives.
@Suite struct ImportIDTests {
  let directory = TemporaryDirectory()

  /// A JSON backup of `notes`, written to `name`.
  func backup(_ notes: [Note], named name: String) throws -> String {
    var bytes: [UInt8] = []
    JSONExporter.writeNotes(notes) { bytes += $0 }
    let path = directory.file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The first backup fills one write (`NoteImporter.notesPerWrite` notes), so its notes are
  /// in the store, and no longer pending, when the second is merged; the second holds a note
  /// with the id of the first backup's first note at another address, which therefore gets the
  /// id of its own URL.
  @Test func anIDWrittenEarlierInTheImportIsTaken() throws {
    let first = (0..<NoteImporter.notesPerWrite).map { number in
      SampleNotes.note(
        String(format: "%012x", number), url: "https://a.example/note/\(number)",
        title: "Note \(number)")
    }
    let other = SampleNotes.note(
      String(format: "%012x", 0), url: "https://b.example/elsewhere", title: "Elsewhere")
    let paths = [
      try backup(first, named: "backup-1.json"), try backup([other], named: "backup-2.json"),
    ]
    let now = Timestamp(iso8601: "2026-12-07T21:00:00Z")!

    let together = try NoteStore.open(path: directory.file("together.json"))
    let report = try NoteImporter(now: now).importPaths(paths, into: together)
    let expectedID = NoteID.forURL(NormalizedURL.normalize("https://b.example/elsewhere")!)
    #expect(report.files.map(\.added.count) == [NoteImporter.notesPerWrite, 1])
    #expect(report.files[1].added == [expectedID])
    #expect(together.count == NoteImporter.notesPerWrite + 1)
    #expect(together.note(NoteID("000000000000"))?.url == "https://a.example/note/0")
    #expect(together.note(expectedID)?.title == "Elsewhere")

    // The same files imported one by one: the second import starts with a store that holds
    // the first's notes and asks it.
    let oneByOne = try NoteStore.open(path: directory.file("one-by-one.json"))
    _ = try NoteImporter(now: now).importPaths([paths[0]], into: oneByOne)
    let second = try NoteImporter(now: now).importPaths([paths[1]], into: oneByOne)
    #expect(second.files[0].added == [expectedID])
    let ids = { (store: NoteStore) in Set(store.notes(matching: NoteFilter()).map(\.id)) }
    #expect(oneByOne.count == together.count)
    #expect(ids(together).symmetricDifference(ids(oneByOne)) == [])
  }
}
