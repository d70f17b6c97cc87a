import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// A scan without the index split across two threads at a note boundary (`SecondHalfScan`):
/// it must give, byte for byte, the index and the errors of a scan on one thread, and fall back
/// to one thread when the boundary it found by bytes is not a note's start.
@Suite struct SplitScanTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }
  var indexPath: String { path + ".index" }

  /// 200 notes. Tags: "shared" on all; "Early" on the first 50 and "early" on notes 150–159
  /// (a second spelling first used in the second half); "late k" only from note 120 on (first
  /// used in the second half); "Twice" and "twice" both on every 40th note (one entry, counted
  /// once); every 9th note without a URL.
  func notes() -> [Note] {
    (0..<200).map { number in
      var tags = ["shared"]
      if number < 50 { tags.append("Early") }
      if (150..<160).contains(number) { tags.append("early") }
      if number >= 120 { tags.append("late \(number % 7)") }
      if number % 40 == 0 { tags += ["Twice", "twice"] }
      tags.append("t\(number % 11)")
      return SampleNotes.note(
        String(format: "%012x", 0xD000 + number * 3),
        url: number % 9 == 0 ? nil : "https://example.com/split/\(number)",
        title: "Split note \(number)", tags: tags,
        summary: [SummaryNode(markup: "text of note \(number)")])
    }
  }

  /// Opens the store at `path`, its scan split (when it has no index) or not.
  func open(split: Bool) throws(StoreError) -> NoteStore {
    let store = NoteStore(path: path)
    store.scanSplitMinimum = split ? 0 : nil
    try store.load()
    return store
  }

  /// Where the second half starts in `bytes`, found independently of the store's code: the
  /// first `{` after the middle that begins a line after one ending in a comma.
  func expectedBoundary(_ bytes: [UInt8]) -> Int? {
    (max(bytes.count / 2, 2)..<bytes.count).first {
      bytes[$0] == UInt8(ascii: "{") && bytes[$0 - 1] == 0x0A && bytes[$0 - 2] == UInt8(ascii: ",")
    }
  }

  @Test func aSplitScanWritesTheIndexOfAOneThreadScan() throws {
    try NoteStore.open(path: path).apply(notes().map(StoreChange.put))
    let snapshot = FileManager.default.bytes(atPath: path)
    unlink(indexPath)
    let alone = try open(split: false)
    #expect(alone.lastScanSplit == nil)
    let aloneIndex = FileManager.default.bytes(atPath: indexPath)
    unlink(indexPath)
    let split = try open(split: true)
    let boundary = try #require(expectedBoundary(snapshot))
    #expect(split.lastScanSplit == boundary)
    // The boundary is the start of note 102's line, the 104th (line 1 holds the top level;
    // notes from 120 on carry one tag more, so the middle falls after note 100).
    let lineStarts = [0] + snapshot.indices.filter { snapshot[$0] == 0x0A }.map { $0 + 1 }
    #expect(lineStarts.firstIndex(of: boundary) == 103)
    #expect(FileManager.default.bytes(atPath: indexPath) == aloneIndex)
    #expect(aloneIndex.count > 0)
    #expect(split.headers == alone.headers)
    #expect(split.headers.map(\.tags) == notes().map(\.tags))
    #expect(split.tagCounts(order: .name) == alone.tagCounts(order: .name))
    #expect(
      split.tagCounts().first { $0.tag == "Early" } == TagCount(tag: "Early", count: 60))
    #expect(split.tagCounts().first { $0.tag == "Twice" } == TagCount(tag: "Twice", count: 5))
    #expect(split.noteIDs(matching: NoteFilter(allTags: ["late 3"])).count == 12)
    try split.checkInvariants()
  }

  /// A note damaged in either half stops the open with the error a one-thread scan gives, at
  /// the damaged note's line, and nothing is written.
  @Test func aDamagedNoteInEitherHalfGivesTheOneThreadError() throws {
    try NoteStore.open(path: path).apply(notes().map(StoreChange.put))
    unlink(indexPath)
    let healthy = try String(contentsOfFile: path, encoding: .utf8)
    let boundary = try #require(expectedBoundary(Array(healthy.utf8)))
    for (noteNumber, inSecondHalf) in [(40, false), (170, true)] {
      var lines = healthy.components(separatedBy: "\n")
      let line = noteNumber + 2  // 1-based; line 1 holds the top level
      let damaged = lines[line - 1].replacingOccurrences(of: "\"title\":", with: "\"title\" ")
      #expect(damaged != lines[line - 1])
      lines[line - 1] = damaged
      let text = lines.joined(separator: "\n")
      try text.write(toFile: path, atomically: false, encoding: .utf8)
      let column =
        try #require(damaged.range(of: "\"title\" ")).upperBound.utf16Offset(in: damaged) + 1
      let expected =
        "\(path):\(line):\(column): error: expected ':' after a member name, found '\"'"
      var messages: [String] = []
      for split in [false, true] {
        let store = NoteStore(path: path)
        store.scanSplitMinimum = split ? 0 : nil
        do {
          try store.load()
          Issue.record("a damaged store opened")
        } catch {
          messages.append(error.description)
        }
        #expect(store.lastScanSplit == (split && inSecondHalf ? boundary : nil))
        #expect(store.count == 0)
        #expect(!FileManager.default.fileExists(atPath: indexPath))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
      }
      #expect(messages == [expected, expected], "note \(noteNumber)")
    }
  }

  /// A hand-indented snapshot whose `,\n{` after the middle lies inside a note's summary: the
  /// first thread passes it, the half is dropped, and the store reads as on one thread.
  @Test func aBoundaryInsideANoteIsPassedAndReadAlone() throws {
    let plain =
      #"{"created":"2026-01-02T03:04:05Z","id":"ID","tags":["T"],"title":"N","updated":"2026-01-02T03:04:05Z"}"#
    let indented =
      #"{"created":"2026-01-02T03:04:05Z","id":"ID","summary":[{"markup":"a"},"# + "\n"
      + #"{"markup":"b"}],"tags":["T","U"],"title":"N","updated":"2026-01-02T03:04:05Z"}"#
    let ids = (0..<8).map { String(format: "%012x", 0xE000 + $0) }
    let notes = ids.enumerated().map { number, id in
      (number == 6 ? indented : plain).replacingOccurrences(of: "ID", with: id)
    }
    let text =
      #"{"format":"url-notes","formatVersion":2,"notes":["# + notes.joined(separator: ",")
      + "],\"tombstones\":[]}\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let found = try #require(expectedBoundary(Array(text.utf8)))
    #expect(found > text.utf8.count / 2)
    let alone = try open(split: false)
    let aloneIndex = FileManager.default.bytes(atPath: indexPath)
    unlink(indexPath)
    let split = try open(split: true)
    #expect(split.lastScanSplit == nil)
    #expect(FileManager.default.bytes(atPath: indexPath) == aloneIndex)
    #expect(split.headers == alone.headers)
    #expect(split.count == 8)
    #expect(split.note(NoteID(ids[6]))?.summary.map(\.markup) == ["a", "b"])
    #expect(
      split.tagCounts(order: .name) == [TagCount(tag: "T", count: 8), TagCount(tag: "U", count: 1)])
  }

  /// Halves each in id order whose ids do not ascend where they meet: read, found by id, and
  /// no index written (readers of one find notes by binary search).
  @Test func idsOutOfOrderWhereTheHalvesMeetWriteNoIndex() throws {
    let ids = ["bbbb00000001", "bbbb00000002", "bbbb00000003", "aaaa00000001", "aaaa00000002"]
    let text = SnapshotReadTests.handWrittenSnapshot(ids: ids)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let split = try open(split: true)
    let bytes = Array(text.utf8)
    let boundary = try #require(expectedBoundary(bytes))
    #expect(split.lastScanSplit == boundary)
    #expect(Array(bytes[boundary..<(boundary + 25)]) == Array(#"{"created":"2026-01-02T03"#.utf8))
    #expect(!FileManager.default.fileExists(atPath: indexPath))
    #expect(split.count == 5)
    for id in ids { #expect(split.note(NoteID(id))?.title == "N" + id) }
  }

  /// A text search whose byte scan is split in halves lists what a one-thread scan lists, in
  /// the same order: every note holds "zephyr" in its title and at the end of its summary
  /// (so the note across the middle is found by both halves), every third also in its body;
  /// "Gale" only in the summaries of every fifth; two notes changed since the snapshot.
  @Test func aSplitTextSearchListsWhatOneThreadLists() throws {
    let notes = (0..<120).map { number in
      var note = SampleNotes.note(
        String(format: "%012x", 0xF000 + number), url: "https://example.com/wind/\(number)",
        title: "Zephyr \(number)", tags: ["t\(number % 4)"],
        summary: [
          SummaryNode(markup: number % 5 == 0 ? "a Gale here" : "calm"),
          SummaryNode(markup: "ends with zephyr"),
        ])
      if number % 3 == 0 { note.body = "a body with ZEPHYRS" }
      return note
    }
    try NoteStore.open(path: path).apply(notes.map(StoreChange.put))
    var changed = notes[10]
    changed.summary = [SummaryNode(markup: "now a gale too")]
    let added = SampleNotes.note(
      "ffff00000001", title: "Added", tags: ["t1"], summary: [SummaryNode(markup: "GALE")])
    try NoteStore.open(path: path).apply([.put(changed), .put(added)])
    let alone = try open(split: false)
    let split = try open(split: true)
    let filters = [
      NoteFilter(text: "zephyr"), NoteFilter(text: "gale"), NoteFilter(text: "ZEPHYRS"),
      NoteFilter(allTags: ["t1"], text: "gale"), NoteFilter(text: "nowhere"),
    ]
    let counts = filters.map { split.noteIDs(matching: $0).count }
    #expect(counts == [120, 25, 40, 7, 0])
    for filter in filters {
      #expect(split.noteIDs(matching: filter) == alone.noteIDs(matching: filter), "\(filter)")
      // The headers listed are those decoded to check the hits; they are the store's own.
      let headers = split.headers(matching: filter)
      #expect(headers.map(\.id) == alone.noteIDs(matching: filter), "\(filter)")
      #expect(headers == headers.compactMap { alone.header($0.id) }, "\(filter)")
    }
    #expect(split.headers(matching: filters[1]).first?.title == "Added")
    let zephyr = try #require(split.rawHitPositions(Array("zephyr".utf8), foldASCII: true))
    #expect(zephyr == Array(0...120))
  }
}
