import ByteJSON
import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// A fold copies the notes this instance appended to the journal instead of encoding them
/// again: the snapshot must be byte for byte what encoding gives, and a note another process
/// put since must never be replaced by our older bytes.
@Suite struct JournalFoldTests {
  let directory = TemporaryDirectory()

  func note(_ number: Int, title: String? = nil) -> Note {
    var note = SampleNotes.note(
      String(format: "%012x", 0xF000 + number * 13),
      url: "https://fold.example/\(number)", title: title ?? "Fold note \(number) «é»",
      tags: ["fold", "n\(number % 5)", "Two Words"],
      summary: [
        SummaryNode(
          markup: "**Point \(number):** \"quoted\" \\ text\u{7}",
          children: [SummaryNode(markup: "child \(number) 東京")])
      ], body: number % 3 == 0 ? "body \(number)\nline two" : nil)
    note.provenance = [
      Provenance(
        file: "/tmp/dump \(number).rsc", format: "flight",
        imported: Timestamp(secondsSince1970: 1_763_000_000 + Int64(number)))
    ]
    return note
  }

  @Test func foldedSnapshotIsWhatEncodingGives() throws {
    let path = directory.file("copied/notes.json")
    let store = try NoteStore.open(path: path)
    try store.apply((0..<40).map { .put(note($0)) })  // the first save writes a snapshot
    try store.apply((40..<90).map { .put(note($0)) })
    try store.apply([.put(note(7, title: "Changed seven")), .delete(note(12).id)])
    try store.apply([.put(note(12, title: "Twelve is back")), .delete(note(50).id)])
    try store.apply([.put(note(95))])
    // Every note the journal holds, and only those, can be copied.
    let journaled = Set((40..<90).map { note($0).id } + [7, 12, 95].map { note($0).id })
      .subtracting([note(50).id])
    #expect(Set(store.state.journalNoteRanges.keys) == journaled)
    try store.compact()
    #expect(store.state.journalNoteRanges.isEmpty)

    var final = (0..<90).map { note($0) }
    final[7] = note(7, title: "Changed seven")
    final[12] = note(12, title: "Twelve is back")
    final.remove(at: 50)
    final.append(note(95))
    let referencePath = directory.file("encoded/notes.json")
    try NoteStore.open(path: referencePath).apply(final.map { .put($0) })
    // The same bytes, but for the tombstone the delete left.
    let deleted = try #require(store.tombstones[note(50).id])
    let reference = String(
      decoding: FileManager.default.bytes(atPath: referencePath), as: UTF8.self
    ).replacingOccurrences(
      of: "],\"tombstones\":[\n]}",
      with: "],\"tombstones\":[\n{\"deleted\":\"\(deleted)\",\"id\":\"\(note(50).id)\"}\n]}")
    #expect(FileManager.default.bytes(atPath: path) == Array(reference.utf8))
    #expect(try NoteStore.open(path: path).allNotes() == final.sorted { $0.id < $1.id })
  }

  @Test func anotherWritersNoteIsNeverReplacedByOurCopy() throws {
    let path = directory.file("shared/notes.json")
    let ours = try NoteStore.open(path: path)
    try ours.apply([.put(note(1))])
    try ours.apply([.put(note(2))])
    #expect(ours.state.journalNoteRanges.keys.contains(note(2).id))
    let theirs = try NoteStore.open(path: path)
    try theirs.apply([.put(note(2, title: "Their version"))])
    try ours.compact()  // takes the lock, reads their append, then folds
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.note(note(2).id)?.title == "Their version")
    #expect(reopened.allNotes() == [note(1), note(2, title: "Their version")])
  }

  /// A fold streams the snapshot through a 1 MB buffer, and a note of a quarter of that or more
  /// goes to `write` on its own: the file must be exactly the notes encoded one after another,
  /// whatever their sizes and the buffer's boundaries.
  @Test func largeNotesStreamThroughAndAroundTheBuffer() throws {
    let path = directory.file("large/notes.json")
    let store = try NoteStore.open(path: path)
    try store.apply((0..<30).map { .put(note($0)) })
    var large = (30..<90).map { note($0) }
    for (index, size) in [(3, 300_000), (10, 1_100_000), (11, 262_144), (40, 900_000)] {
      large[index].body = String(repeating: "b\u{E9}\"", count: size / 4)
    }
    try store.apply(large.map { .put($0) })
    try store.compact()

    let expected = ((0..<30).map { note($0) } + large).sorted { $0.id < $1.id }
    var writer = JSONWriter()
    writer.raw(#"{"format":"url-notes","formatVersion":2,"notes":["# + "\n")
    for (index, note) in expected.enumerated() {
      NoteCodec.write(note, to: &writer)
      writer.raw(index == expected.count - 1 ? "\n" : ",\n")
    }
    writer.raw("],\"tombstones\":[\n]}\n")
    #expect(FileManager.default.bytes(atPath: path) == writer.bytes)
    #expect(try NoteStore.open(path: path).allNotes() == expected)
  }

  /// The byte path for dates gives what the String path gives, at the edges of its range too.
  @Test func datesAppendAsTheyFormat() {
    var values: [Int64] = [
      0, -1, 1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 1_763_000_000,
      253_402_300_799, 253_402_300_800, -62_167_219_200, -62_167_219_201,
    ]
    var generator = SplitMix64(seed: 0xDA7E)
    for _ in 0..<20_000 {
      values.append(Int64.random(in: -70_000_000_000...400_000_000_000, using: &generator))
    }
    for value in values {
      let date = Timestamp(secondsSince1970: value)
      var bytes: [UInt8] = []
      date.appendISO8601(to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == date.iso8601, "\(value)")
    }
  }
}
