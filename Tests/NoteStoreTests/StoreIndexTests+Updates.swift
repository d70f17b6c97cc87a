import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The index kept up to date: edits, deletes, journals and saves patch it exactly as a
/// rebuild would, and the order and compaction it relies on.
extension StoreIndexTests {
  /// An edit patches the tag index in place (no rebuild from every header); the result must be
  /// what a rebuild gives, including which spelling names a tag when its first note changes.
  @Test func anEditPatchesTheTagIndexExactlyAsARebuildWould() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    #expect(store.tagCounts().first { $0.tag.lowercased() == "gpu" }?.tag == "GPU")
    let first = try #require(store.noteIDs(matching: NoteFilter(allTags: ["gpu"])).min())
    var edited = try #require(store.note(first))
    edited.tags = edited.tags.filter { TagKey($0) != TagKey("gpu") } + ["Gpu", "brand new"]
    try store.apply([.put(edited)])
    try store.checkInvariants()
    #expect(store.tagCounts().first { $0.tag.lowercased() == "gpu" }?.tag == "Gpu")
    #expect(store.tagCounts().contains(TagCount(tag: "brand new", count: 1)))

    edited.tags = ["rust"]
    try store.apply([.put(edited)])
    try store.checkInvariants()
    let renamed = try #require(store.tagCounts().first { $0.tag.lowercased() == "gpu" })
    #expect(renamed.tag == "gpu", "named as the next note (number 1) spells it")
    #expect(renamed.count == 209)
    #expect(!store.tagCounts().contains { $0.tag == "brand new" })
    #expect(answers(store) == (try answersWithoutIndex()))
  }

  /// A delete renumbers the tag index instead of dropping it (a rebuild decodes every
  /// header) and reads none of its lists; deleting a tag's first note names the tag as its
  /// next note spells it.
  @Test func deletesPatchTheTagIndexExactlyAsARebuildWould() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    #expect(store.tagCounts().first { $0.tag.lowercased() == "gpu" }?.tag == "GPU")
    let first = try #require(store.noteIDs(matching: NoteFilter(allTags: ["gpu"])).min())
    try store.apply([.delete(first)])
    #expect(store.state.tagIndex != nil, "patched, not dropped")
    #expect(store.state.pendingTagChanges != nil, "patched when tags are next asked for")
    let unread = store.tagIndex.entries.values.filter {
      if case .indexed = $0.postings { true } else { false }
    }
    #expect(store.state.pendingTagChanges == nil)
    // Lists are not read: those of the tags the note lacked move down, and the deleted
    // note's own (its tags' lists, "gpu" among them) count it out in place.
    #expect(unread.count == 7, "every list is still the index's")
    #expect(store.tagIndex.entries.count == 7)
    try store.checkInvariants()
    #expect(store.tagCounts().first { $0.tag.lowercased() == "gpu" }?.tag == "gpu")
    var changed = notes()[40]
    changed.tags = ["rust", "New Tag"]
    try store.apply([.delete(notes()[7].id), .put(changed), .delete(notes()[239].id)])
    #expect(store.state.tagIndex != nil)
    try store.checkInvariants()
    #expect(store.tagCounts().contains(TagCount(tag: "New Tag", count: 1)))
    #expect(answers(store) == (try answersWithoutIndex()))
  }

  /// A store opened with deletes, replacements and additions in its journal patches the
  /// snapshot's tag index; so does a browser refreshing after another process's changes.
  @Test func journalChangesPatchTheTagIndexAtOpenAndOnRefresh() throws {
    try makeStore()
    let watcher = try NoteStore.open(path: path)
    _ = watcher.tagCounts()  // the index a browser holds
    let writer = try NoteStore.open(path: path)
    var replaced = notes()[0]
    replaced.tags = ["swift", "Gpu"]
    let added = SampleNotes.note(
      "ffffffffff01", url: "https://example.com/added", title: "Added", tags: ["GPU", "zeta"])
    try writer.apply([.delete(notes()[1].id), .put(replaced)])
    try writer.apply([.put(added), .delete(notes()[100].id)])

    let reopened = try NoteStore.open(path: path)
    #expect(reopened.state.tagIndex != nil, "patched at open, not rebuilt")
    try #require(try watcher.refresh())
    #expect(watcher.state.tagIndex != nil, "patched on refresh, not rebuilt")
    let rebuilt = try answersWithoutIndex()
    #expect(rebuilt.headers.count == 239)
    #expect(answers(reopened) == rebuilt)
    #expect(answers(watcher) == rebuilt)
  }

  /// A write (`add`, `rm`, `edit`) never asks for tags: the journal replayed at its open and
  /// its own change leave every tag's postings unread in the mapped index (at 1,000,000 notes
  /// reading and patching them cost an `add` 0.1–0.2 s), and the patch is made, exactly, by
  /// the first question about tags.
  @Test func aWriteReadsNoTagPostings() throws {
    try makeStore()
    let writer = try NoteStore.open(path: path)
    var replaced = notes()[0]
    replaced.tags = ["swift", "Gpu"]
    try writer.apply([.delete(notes()[1].id), .put(replaced)])

    let adder = try NoteStore.open(path: path)
    let added = SampleNotes.note(
      "ffffffffff02", url: "https://example.com/added", title: "Added", tags: ["GPU", "zeta"])
    try adder.apply([.put(added), .delete(notes()[100].id)])
    let entries = try #require(adder.state.tagIndex?.entries.values)
    #expect(entries.count == 7)
    #expect(entries.allSatisfy { if case .indexed = $0.postings { true } else { false } })
    #expect(adder.state.pendingTagChanges?.changes == 4)
    try adder.checkInvariants()
    let rebuilt = try answersWithoutIndex()
    #expect(answers(adder) == rebuilt)
    #expect(adder.state.pendingTagChanges == nil)
    #expect(adder.tagCounts().contains(TagCount(tag: "zeta", count: 1)))
  }

  /// A store opened from its index replays a short journal by binary search over the
  /// snapshot's ids (no id map): puts over snapshot notes at both ends, a note added and then
  /// changed and deleted again, deletes at both ends, a delete of a note never stored.
  @Test func aShortJournalReplaysWithoutTheIdMap() throws {
    try makeStore()
    let writer = try NoteStore.open(path: path)
    let all = notes()
    var first = all[0]
    first.title = "First, changed"
    var last = all[239]
    last.tags = ["moved", "GPU"]
    let extra = SampleNotes.note("0000000000a1", title: "Extra", tags: ["extra"])
    var extraChanged = extra
    extraChanged.title = "Extra, changed"
    let later = SampleNotes.note("ffffffffffff", title: "Later", tags: ["gpu"])
    try writer.apply([.put(first), .put(extra), .delete(all[1].id)])
    try writer.apply([.put(extraChanged), .put(last), .put(later)])
    try writer.apply([.delete(extra.id), .delete(all[238].id), .delete(NoteID("000000000000"))])
    try writer.apply([.put(extra)])

    let reopened = try NoteStore.open(path: path)
    #expect(reopened.state.laterPositions.count == 2, "only the notes added since are in a map")
    try reopened.checkInvariants()
    let rebuilt = try answersWithoutIndex()
    #expect(answers(reopened) == rebuilt)
    #expect(rebuilt.headers.count == 240)
    #expect(reopened.note(extra.id) == extra)
    #expect(reopened.note(first.id)?.title == "First, changed")
    #expect(reopened.note(all[1].id) == nil && reopened.note(all[238].id) == nil)
  }

  /// A save writes the new snapshot's index from the headers it holds (no rescan); it must be
  /// byte for byte the index a scan of that snapshot writes.
  @Test func aSaveWritesTheIndexAScanOfTheNewSnapshotWould() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    var edited = notes()[3]
    edited.title = "Edited, so the save mixes copied and re-encoded notes"
    try store.apply([.put(edited), .delete(notes()[5].id)])
    try store.compact()
    let fromSave = FileManager.default.bytes(atPath: indexPath)
    unlink(indexPath)
    let scanned = answers(try NoteStore.open(path: path))
    #expect(FileManager.default.bytes(atPath: indexPath) == fromSave)
    #expect(scanned.headers.count == 239)
    #expect(answers(store) == scanned)
  }

  /// Ids must ascend strictly in byte order for an index to be used (so they are unique).
  @Test func idOrderIsStrictByteOrder() {
    func precedes(_ left: String, _ right: String) -> Bool {
      Array(left.utf8).withUnsafeBytes { l in
        Array(right.utf8).withUnsafeBytes { r in StoreIndex.precedes(l, r) }
      }
    }
    #expect(precedes("00000000a000", "00000000a007"))
    #expect(!precedes("00000000a007", "00000000a000"))
    #expect(!precedes("00000000a000", "00000000a000"), "equal ids are a duplicate")
    #expect(precedes("abc", "abcd"))
    #expect(!precedes("abcd", "abc"))
    #expect(precedes("", "a"))
    #expect(precedes("a\u{7F}", "a\u{80}"), "bytes compare unsigned")
  }

  /// Saves patch the URL buckets (imports look a URL up per note); after puts that add,
  /// re-point and keep URLs, and a delete, they equal buckets rebuilt from the headers.
  @Test func savesPatchTheURLBucketsExactlyAsARebuildWould() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    #expect(store.noteID(forURL: "https://example.com/page/1") == notes()[1].id)
    var moved = notes()[1]
    moved.url = "https://example.org/moved"
    var added = notes()[2]
    added.id = NoteID("ffff00000002")
    added.url = "https://EXAMPLE.com/page/2/"
    try store.apply([.put(moved), .put(added), .delete(notes()[4].id)])
    try store.checkInvariants()
    #expect(store.noteID(forURL: "https://example.org/moved") == moved.id)
    #expect(store.noteID(forURL: "https://example.com/page/1") == nil)
    #expect(store.noteID(forURL: "https://example.com/page/4") == nil)
    #expect(store.noteID(forURL: "https://example.com/page/2") == notes()[2].id)
  }

  /// During an import saves only append; the journal is folded once, at the end.
  @Test func deferredCompactionFoldsTheJournalOnceAtTheEnd() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    let big = String(repeating: "long text ", count: 300)
    try store.withWriteLock {
      try store.withCompactionDeferred {
        for number in 0..<500 {
          var note = notes()[number % 240]
          note.id = NoteID(String(format: "eeee%08x", number))
          note.url = "https://example.net/\(number)"
          note.summary = [SummaryNode(markup: big)]
          try store.apply([.put(note)])
        }
        let during = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]
        #expect(during as? Int == before, "the snapshot is not rewritten during the import")
        #expect(store.state.journalLength > NoteStore.compactionThresholdBytes)
      }
    }
    #expect(store.state.journalLength == 0, "folded at the end")
    let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    #expect(after != before)
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.count == 740)
    try reopened.checkInvariants()
  }
}
