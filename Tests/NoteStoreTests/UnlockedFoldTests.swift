import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// A fold writes its snapshot without the write lock and takes the lock only to swap it in:
/// records another writer appended meanwhile move into the new journal, and a fold that lost
/// the race to another fold changes nothing.
@Suite struct UnlockedFoldTests {
  let directory = TemporaryDirectory()

  func note(_ number: Int, title: String? = nil) -> Note {
    SampleNotes.note(
      String(format: "%012x", 0xA000 + number * 7), url: "https://unlocked.example/\(number)",
      title: title ?? "Unlocked \(number)", tags: ["fold", "n\(number % 3)"])
  }

  func journalLines(_ path: String) -> [String] {
    String(decoding: FileManager.default.bytes(atPath: path + ".journal"), as: UTF8.self)
      .split(separator: "\n").map(String.init)
  }

  @Test func recordsAppendedDuringAFoldMoveIntoTheNewJournal() throws {
    let path = directory.file("during/notes.json")
    let ours = try NoteStore.open(path: path)
    try ours.apply((0..<20).map { .put(note($0)) })  // the first save writes a snapshot
    try ours.apply([.put(note(3, title: "Edited")), .delete(note(4).id)])
    let folded = ours.state  // what the fold writes, read before the other writer appends
    let theirs = try NoteStore.open(path: path)
    try theirs.apply([.put(note(30))])
    try theirs.apply([.put(note(3, title: "Theirs")), .delete(note(5).id)])

    try ours.fold(folded)

    #expect(journalLines(path).count == 2, "only their two records are left to replay")
    var expected = (0..<20).filter { $0 != 4 && $0 != 5 }.map { note($0) } + [note(30)]
    expected[3] = note(3, title: "Theirs")
    let reopened = try NoteStore.open(path: path)
    try reopened.checkInvariants()
    #expect(reopened.allNotes().sorted { $0.id < $1.id } == expected.sorted { $0.id < $1.id })
    #expect(ours.allNotes().sorted { $0.id < $1.id } == expected.sorted { $0.id < $1.id })
    try ours.checkInvariants()
    try theirs.refresh()
    #expect(theirs.allNotes().sorted { $0.id < $1.id } == expected.sorted { $0.id < $1.id })
  }

  @Test func aFoldThatLostTheRaceChangesNothing() throws {
    let path = directory.file("race/notes.json")
    let ours = try NoteStore.open(path: path)
    try ours.apply((0..<10).map { .put(note($0)) })
    try ours.apply([.put(note(11))])
    let folded = ours.state
    let theirs = try NoteStore.open(path: path)
    try theirs.apply([.put(note(12))])
    try theirs.compact()
    let snapshot = FileManager.default.bytes(atPath: path)
    let journal = FileManager.default.bytes(atPath: path + ".journal")

    try ours.fold(folded)

    #expect(FileManager.default.bytes(atPath: path) == snapshot)
    #expect(FileManager.default.bytes(atPath: path + ".journal") == journal)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.file("race"))
      .filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.count == 12)
    try reopened.checkInvariants()
  }
}
