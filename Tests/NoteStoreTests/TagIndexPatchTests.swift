import TestSupport
import Testing

@testable import NoteStore

/// A replayed journal patches the tag index (`RecordOrigins.update`) instead of rebuilding it;
/// a put that keeps a note's tags leaves their lists alone (issue 16: moving them out and back
/// cost every command 1.5 s at 1,000,000 notes). The patched index must be the rebuilt one.
@Suite struct TagIndexPatchTests {
  func note(_ number: Int, _ tags: [String]) -> Note {
    SampleNotes.note(
      String(format: "%012x", number), url: "https://patch.example/\(number)",
      title: "Note \(number)", tags: tags)
  }

  /// Each tag's name and positions, keyed by its folded form.
  func dump(_ index: TagIndex) -> [String: [String: [Int]]] {
    Dictionary(
      uniqueKeysWithValues: index.entries.map {
        ($0.key.folded, [$0.value.name: $0.value.positions])
      })
  }

  @Test func putsThatKeepOrRespellTagsPatchAsARebuildGives() {
    var records = NoteRecords(
      [
        note(0, ["Rust", "gpu"]), note(1, ["rust", "zig"]), note(2, ["gpu", "old"]),
        note(3, ["Zig"]),
      ].map(NoteRecord.init))
    var index = TagIndex(records)
    let puts = [
      (0, note(0, ["RUST", "gpu"])),  // the first note of "rust" respells it: the name follows
      (1, note(1, ["rust", "zig"])),  // unchanged
      (2, note(2, ["gpu", "new", "GPU"])),  // one tag dropped, one added, a duplicate key
      (3, note(3, ["zig"])),  // respelled, but not the first note of "zig": the name stays
    ]
    var origins = RecordOrigins(count: records.count)
    for (position, changed) in puts {
      origins.record(.put(changed), at: position, records: records)
      records[position] = NoteRecord(changed)
    }
    origins.update(&index, records: records)
    #expect(
      dump(index) == [
        "rust": ["RUST": [0, 1]], "gpu": ["gpu": [0, 2]], "zig": ["zig": [1, 3]],
        "new": ["new": [2]],
      ])
    #expect(dump(index) == dump(TagIndex(records)))
  }

  /// A list still in the mapped index is renumbered through the records removed since it was
  /// read, by binary search: record 3 now is the index's 5 when its 3 and 4 are gone.
  @Test func positionsMapToTheIndexNumberingThroughRemovals() {
    let removed = [3, 4, 9]
    #expect(
      [0, 2, 3, 6, 7, 20].map { TagIndex.IndexedPostings.stored($0, removed) } == [
        0, 2, 5, 8, 10, 23,
      ])
    #expect(TagIndex.IndexedPostings.stored(5, []) == 5)
  }
}
