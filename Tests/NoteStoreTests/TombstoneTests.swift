import ByteJSON
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// Deletes leave tombstones (id and time) in the journal and the snapshot, through every way
/// of opening the store; format 1 stores are read and upgraded by the next save; tombstones
/// past their lifetime are dropped by a fold.
@Suite struct TombstoneTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }

  func notes() -> [Note] {
    [
      SampleNotes.note("aaaa00000001", url: "https://example.com/a", title: "Alpha"),
      SampleNotes.note("bbbb00000002", url: "https://example.com/b", title: "Beta"),
      SampleNotes.note("cccc00000003", title: "Gamma"),
    ]
  }

  func text(_ path: String) -> String {
    String(decoding: FileManager.default.bytes(atPath: path), as: UTF8.self)
  }

  @Test func aDeleteLeavesATombstoneInTheJournalTheSnapshotAndTheIndex() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(notes().map(StoreChange.put))
    let before = Timestamp.now()
    try store.apply([.delete(NoteID("bbbb00000002"))])
    let deleted = try #require(store.tombstones[NoteID("bbbb00000002")])
    #expect(deleted >= before && deleted <= Timestamp.now())
    #expect(
      text(path + ".journal") == #"{"delete":"bbbb00000002","deleted":"\#(deleted)"}"# + "\n")
    // Replayed from the journal.
    #expect(try NoteStore.open(path: path).tombstones == [NoteID("bbbb00000002"): deleted])

    try store.compact()
    let lines = text(path).split(separator: "\n").map(String.init)
    #expect(
      Array(lines.suffix(3)) == [
        #"],"tombstones":["#, #"{"deleted":"\#(deleted)","id":"bbbb00000002"}"#, "]}",
      ])
    // Read by a scan (no index), then through the index the scan wrote.
    try FileManager.default.removeItem(atPath: path + ".index")
    let scanned = try NoteStore.open(path: path)
    #expect(scanned.tombstones == [NoteID("bbbb00000002"): deleted])
    #expect(FileManager.default.fileExists(atPath: path + ".index"))
    let indexed = try NoteStore.open(path: path)
    #expect(indexed.tombstones == [NoteID("bbbb00000002"): deleted])
    #expect(indexed.headers.map(\.title) == ["Alpha", "Gamma"])
    try indexed.checkInvariants()
  }

  @Test func puttingTheNoteBackRemovesItsTombstone() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(notes().map(StoreChange.put))
    try store.apply([.delete(NoteID("cccc00000003"))])
    try store.apply([.put(notes()[2])])
    #expect(store.tombstones.isEmpty)
    try store.checkInvariants()
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.tombstones.isEmpty)
    #expect(reopened.count == 3)
  }

  @Test func aFormatOneStoreIsReadThenUpgradedByTheNextSave() throws {
    let v1Notes = notes().map { note -> String in
      var writer = JSONWriter()
      NoteCodec.write(note, to: &writer)
      return String(decoding: writer.bytes, as: UTF8.self)
    }
    let snapshot =
      #"{"format":"url-notes","formatVersion":1,"notes":["# + "\n"
      + v1Notes.joined(separator: ",\n") + "\n]}\n"
    try snapshot.write(toFile: path, atomically: false, encoding: .utf8)
    // A format 1 delete has no time: the journal's modification time stands in.
    try #"{"delete":"aaaa00000001"}"#.appending("\n").write(
      toFile: path + ".journal", atomically: false, encoding: .utf8)
    let journalTime = Timestamp(secondsSince1970: Timestamp.now().secondsSince1970 - 86_400)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: TimeInterval(journalTime.secondsSince1970))],
      ofItemAtPath: path + ".journal")

    let store = try NoteStore.open(path: path)
    #expect(store.headers.map(\.title) == ["Beta", "Gamma"])
    #expect(store.tombstones == [NoteID("aaaa00000001"): journalTime])
    #expect(text(path) == snapshot)  // opening never writes

    try store.apply([.put(SampleNotes.note("dddd00000004", title: "Delta"))])
    let lines = text(path).split(separator: "\n").map(String.init)
    #expect(lines.first == #"{"format":"url-notes","formatVersion":2,"notes":["#)
    #expect(lines[1] == v1Notes[1] + ",")
    #expect(lines[2] == v1Notes[2] + ",")
    #expect(lines[3].hasPrefix(#"{"created":"#) && lines[3].contains(#""id":"dddd00000004""#))
    #expect(
      Array(lines.suffix(3)) == [
        #"],"tombstones":["#, #"{"deleted":"\#(journalTime)","id":"aaaa00000001"}"#, "]}",
      ])
    #expect(text(path + ".journal") == "")
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.headers.map(\.title) == ["Beta", "Gamma", "Delta"])
    #expect(reopened.tombstones == [NoteID("aaaa00000001"): journalTime])
    try reopened.checkInvariants()
  }

  @Test func aFoldDropsTombstonesPastTheirLifetime() throws {
    let now = Timestamp.now().secondsSince1970
    let old = Timestamp(secondsSince1970: now - Tombstones.lifetimeSeconds - 3600)
    let recent = Timestamp(secondsSince1970: now - Tombstones.lifetimeSeconds + 3600)
    try
      (#"{"format":"url-notes","formatVersion":2,"notes":["# + "\n]"
      + #","tombstones":[{"deleted":"\#(old)","id":"0001"},{"deleted":"\#(recent)","id":"0002"}]}"#)
      .write(toFile: path, atomically: false, encoding: .utf8)
    let store = try NoteStore.open(path: path)
    #expect(store.tombstones == [NoteID("0001"): old, NoteID("0002"): recent])
    try store.compact()
    #expect(store.tombstones == [NoteID("0002"): recent])
    #expect(
      text(path)
        == #"{"format":"url-notes","formatVersion":2,"notes":["# + "\n"
        + #"],"tombstones":["# + "\n" + #"{"deleted":"\#(recent)","id":"0002"}"# + "\n]}\n")
  }

  @Test(arguments: [
    (#"{"id":"0001"}"#, "a tombstone needs \"id\" and \"deleted\"", "1:66"),
    (
      #"{"deleted":"2026-01-01T00:00:00Z","id":"0001"},{"deleted":"2026-01-01T00:00:00Z","id":"0001"}"#,
      "duplicate tombstone for \"0001\"", "1:113"
    ),
  ])
  func aBadTombstoneIsAnErrorWithItsPosition(entry: String, message: String, position: String)
    throws
  {
    try (#"{"format":"url-notes","formatVersion":2,"notes":[],"tombstones":["# + entry + "]}")
      .write(toFile: path, atomically: false, encoding: .utf8)
    do {
      _ = try NoteStore.open(path: path)
      Issue.record("opened a store with a bad tombstone")
    } catch {
      #expect(error.description == "\(path):\(position): error: \(message)")
    }
  }
}
