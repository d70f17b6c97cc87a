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
}
