import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// Reads of the snapshot that bypass the mapping (pread): a chunked scan must see every byte
/// and every match across chunk boundaries, and notes read one at a time decode as before.
@Suite struct SnapshotReadTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }

  /// 60 notes at positions 0..<60 (ids ascend with the number); "Zephyr" in the summary of
  /// every seventh and "zephyrs" in a child of every eleventh.
  func makeStore() throws -> NoteStore {
    var notes: [Note] = []
    for number in 0..<60 {
      let wind: String = number % 7 == 0 ? "a Zephyr wind" : "calm"
      let again: String = number % 11 == 0 ? "zephyrs again" : "plain"
      let summary = [SummaryNode(markup: wind, children: [SummaryNode(markup: again)])]
      let id: String = String(format: "%012x", 0xB000 + number)
      notes.append(
        SampleNotes.note(
          id, url: "https://example.com/page/\(number)", title: "Note \(number)",
          tags: ["t\(number % 3)"], summary: summary))
    }
    try NoteStore.open(path: path).apply(notes.map(StoreChange.put))
    return try NoteStore.open(path: path)
  }

  @Test func chunksCoverTheFileWithTheirOverlap() throws {
    _ = try makeStore()
    let file = try #require(try MappedFile(path: path))
    let whole = Array(file.bytes)
    for chunkLength in [1, 5, 64, 1 << 20] {
      var owned: [UInt8] = []
      file.forEachChunk(chunkLength: chunkLength, overlap: 3) { chunk, start, count in
        #expect(start == owned.count)
        #expect(Array(chunk) == Array(whole[start..<min(start + count + 3, whole.count)]))
        owned += chunk.prefix(count)
        return true
      }
      #expect(owned == whole, "chunks of \(chunkLength)")
    }
  }

  @Test func theRawScanFindsMatchesAcrossChunkBoundaries() throws {
    let store = try makeStore()
    let expected = (0..<60).filter { $0 % 7 == 0 || $0 % 11 == 0 }
    #expect(expected.count == 14)
    for chunkLength in [1, 5, 6, 7, 100, 1 << 20] {
      let hits = store.rawHitPositions(
        Array("zephyr".utf8), foldASCII: true, chunkLength: chunkLength)
      #expect(hits == expected, "chunks of \(chunkLength)")
    }
    // Exact bytes: only the lowercase "zephyrs" of every eleventh note.
    #expect(
      store.rawHitPositions(Array("zephyrs".utf8), foldASCII: false, chunkLength: 3)
        == [0, 11, 22, 33, 44, 55])
    #expect(store.noteIDs(matching: NoteFilter(text: "ZEPHYR")).count == 14)
  }

  @Test func notesReadOneAtATimeDecodeAsTheWholeStore() throws {
    let store = try makeStore()
    let notes = store.allNotes()
    #expect(notes.count == 60)
    #expect(notes.map(\.title) == (0..<60).map { "Note \($0)" })
    #expect(notes[7].summary.first?.markup == "a Zephyr wind")
    #expect(notes[11].summary.first?.children.first?.markup == "zephyrs again")
  }

  /// A snapshot written by hand: one note per id in the order given, titled "N" + its id and
  /// tagged "T", no tombstones.
  static func handWrittenSnapshot(ids: [String]) -> String {
    let note =
      #"{"created":"2026-01-02T03:04:05Z","id":"ID","tags":["T"],"title":"TITLE","updated":"2026-01-02T03:04:05Z"}"#
    let notes = ids.map {
      note.replacingOccurrences(of: "ID", with: $0).replacingOccurrences(
        of: "TITLE", with: "N" + $0)
    }
    return #"{"format":"url-notes","formatVersion":2,"notes":["# + "\n"
      + notes.joined(separator: ",\n") + "\n],\"tombstones\":[]}\n"
  }

  /// Reads a snapshot written by hand whose ids are not in order (valid, but not how url-notes
  /// writes one): it opens from an index held in memory, none is written beside it, and every
  /// note is found by id.
  @Test func anOutOfOrderSnapshotOpensWithoutWritingAnIndex() throws {
    let ids = ["bbbb00000002", "aaaa00000001", "cccc00000003"]
    let text = Self.handWrittenSnapshot(ids: ids)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for _ in 0..<2 {
      let store = try NoteStore.open(path: path)
      #expect(store.count == 3)
      for id in ids { #expect(store.note(NoteID(id))?.title == "N" + id) }
      #expect(store.tagCounts() == [TagCount(tag: "T", count: 3)])
      #expect(!FileManager.default.fileExists(atPath: path + ".index"))
    }
  }

  /// 3,000 notes with 3,001 tag spellings (more than the scan's first spelling table holds):
  /// tag k is on notes k and k + 2,500, spelt "Tag k" and "tag k". A scan gives the counts the
  /// notes give, and so does the index it wrote.
  @Test func aScanNumbersThousandsOfSpellings() throws {
    var notes: [Note] = []
    for number in 0..<3000 {
      let tag = number < 2500 ? "Tag \(number % 2500)" : "tag \(number % 2500)"
      let id: String = String(format: "%012x", 0xC000 + number)
      notes.append(SampleNotes.note(id, title: "Note \(number)", tags: [tag, "all"]))
    }
    try NoteStore.open(path: path).apply(notes.map(StoreChange.put))
    unlink(path + ".index")
    let scanned = try NoteStore.open(path: path)
    #expect(FileManager.default.fileExists(atPath: path + ".index"))
    let indexed = try NoteStore.open(path: path)
    for store in [scanned, indexed] {
      let counts = store.tagCounts(order: .name)
      #expect(counts.count == 2501)
      #expect(counts.first { $0.tag == "all" }?.count == 3000)
      // Named by the spelling of the tag's first note.
      #expect(counts.first { $0.tag.lowercased() == "tag 7" } == TagCount(tag: "Tag 7", count: 2))
      #expect(
        counts.first { $0.tag.lowercased() == "tag 2499" } == TagCount(tag: "Tag 2499", count: 1))
      #expect(store.noteIDs(matching: NoteFilter(allTags: ["TAG 7"])).count == 2)
      #expect(store.headers.map(\.tags) == notes.map(\.tags))
      try store.checkInvariants()
    }
  }
}
