import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The derived index beside the snapshot (`notes.json.index`): it must give exactly what a
/// scan of the snapshot gives, and any index that does not fit is ignored and rebuilt.
@Suite struct StoreIndexTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }
  var indexPath: String { path + ".index" }

  /// 240 notes: tags from a small vocabulary with case variants ("GPU"/"gpu"), a multi-word
  /// and a CJK tag, notes without URL, and the word "zephyr" in some summaries and one URL.
  func notes() -> [Note] {
    let vocabulary = ["GPU", "gpu", "llm", "rust", "swift", "mixture of experts", "機械学習", "notes"]
    return (0..<240).map { number in
      let tags = (0..<(1 + number % 4)).map { vocabulary[(number + $0 * 3) % vocabulary.count] }
      let summary = [
        SummaryNode(
          markup: "**Label \(number):** text \(number % 7 == 0 ? "a Zephyr wind" : "calm")",
          children: [SummaryNode(markup: number % 11 == 0 ? "zephyrs again" : "plain child")])
      ]
      return SampleNotes.note(
        String(format: "%012x", 0xA000 + number * 7),
        url: number % 5 == 0
          ? nil : "https://example.com/\(number == 3 ? "zephyr" : "page")/\(number)",
        title: "Note \(number) \(number % 13 == 0 ? "Ünïcode 日本" : "title")", tags: tags,
        summary: summary,
        created: Timestamp(secondsSince1970: 1_700_000_000 + Int64(number % 17) * 3600))
    }
  }

  /// Everything a reader can ask, as one comparable value.
  struct Answers: Equatable {
    var headers: [NoteHeader]
    var countsByCount: [TagCount]
    var countsByName: [TagCount]
    var gpu: [NoteID]
    var gpuAndLLM: [NoteID]
    var anyNone: [NoteID]
    var zephyr: [NoteID]
    var gpuZephyr: [NoteID]
    var cooccurring: [TagCount]
    var notes: [Note]
  }

  func answers(_ store: NoteStore) -> Answers {
    Answers(
      headers: store.headers, countsByCount: store.tagCounts(order: .count),
      countsByName: store.tagCounts(order: .name),
      gpu: store.noteIDs(matching: NoteFilter(allTags: ["gpu"])),
      gpuAndLLM: store.noteIDs(matching: NoteFilter(allTags: ["GPU", "llm"])),
      anyNone: store.noteIDs(
        matching: NoteFilter(anyTags: ["rust", "swift"], noneTags: ["notes"])),
      zephyr: store.noteIDs(matching: NoteFilter(text: "zephyr")),
      gpuZephyr: store.noteIDs(matching: NoteFilter(allTags: ["gpu"], text: "ZEPHYR")),
      cooccurring: store.cooccurringTags(with: ["llm"]), notes: store.allNotes())
  }

  /// Answers from a store opened with the index file removed first (a full scan).
  func answersWithoutIndex() throws -> Answers {
    unlink(indexPath)
    return answers(try NoteStore.open(path: path))
  }

  func makeStore() throws {
    try NoteStore.open(path: path).apply(notes().map(StoreChange.put))
  }

  @Test func savingWritesAPrivateIndexThatReadsBackAsTheScanDoes() throws {
    try makeStore()
    let bytes = FileManager.default.bytes(atPath: indexPath)
    #expect(Array(bytes.prefix(8)) == Array("URLNIDX1".utf8))
    let attributes = try FileManager.default.attributesOfItem(atPath: indexPath)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    let snapshot = try #require(try MappedFile(path: path))
    let index = try #require(try MappedFile(path: indexPath))
    let loaded = try StoreIndex.read(index, snapshot: snapshot)
    let scanned = try NoteStore.open(path: path)
    let records = try scanned.scanSnapshot(snapshot, stamp: nil).records
    #expect(loaded.records.map(\.header) == records.map(\.header))
    func ranges(_ records: some Sequence<NoteRecord>) -> [Range<Int>?] {
      records.map { record in
        if case .snapshot(let range) = record.source { range } else { nil }
      }
    }
    #expect(ranges(loaded.records) == ranges(records))
    #expect(loaded.records.map(\.id) == records.map(\.header.id))
    #expect(loaded.records.count == 240)
    let fromIndex = loaded.tagIndex.entries.mapValues { [$0.name: $0.positions] }
    let fromHeaders = TagIndex(records).entries.mapValues { [$0.name: $0.positions] }
    #expect(fromIndex == fromHeaders)
  }

  @Test func answersAreTheSameWithAndWithoutTheIndex() throws {
    try makeStore()
    let withIndex = answers(try NoteStore.open(path: path))
    // Counted from the notes themselves, independently of any store code.
    #expect(
      withIndex.gpu.count == notes().filter { $0.tags.contains { $0.lowercased() == "gpu" } }.count)
    #expect(withIndex.gpu.count == 210)
    #expect(withIndex.zephyr.count == 54)
    #expect(withIndex == (try answersWithoutIndex()))
    #expect(FileManager.default.fileExists(atPath: indexPath), "a scan writes the index again")
  }

  @Test func journalChangesOnTopOfTheIndexGiveTheSameAnswers() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    var edited = notes()[7]
    edited.tags = ["rust", "New Tag"]
    edited.summary = [SummaryNode(markup: "no wind here")]
    var added = notes()[8]
    added.id = NoteID("ffff00000001")
    added.url = "https://example.com/added"
    added.tags = ["GPU", "zephyr tag"]
    try store.apply([.put(edited), .put(added)])
    let withIndex = answers(try NoteStore.open(path: path))
    #expect(withIndex.headers.count == 241)
    #expect(!withIndex.zephyr.contains(edited.id), "the old bytes in the snapshot do not match")
    #expect(withIndex.zephyr.contains(added.id))
    #expect(withIndex == (try answersWithoutIndex()))

    try store.apply([.delete(notes()[0].id)])
    let afterDelete = answers(try NoteStore.open(path: path))
    #expect(afterDelete.headers.count == 240)
    #expect(afterDelete == (try answersWithoutIndex()))
  }

  @Test func aStaleIndexIsIgnoredAndRebuilt() throws {
    try makeStore()
    let stale = FileManager.default.bytes(atPath: indexPath)
    let store = try NoteStore.open(path: path)
    var changed = notes()[1]
    changed.title = "Changed title"
    try store.apply([.put(changed)])
    try store.compact()
    _ = FileManager.default.createFile(atPath: indexPath, contents: Data(stale))

    let reopened = answers(try NoteStore.open(path: path))
    #expect(reopened.headers.contains { $0.title == "Changed title" })
    #expect(FileManager.default.bytes(atPath: indexPath) != stale, "rebuilt for the new snapshot")
    #expect(reopened == (try answersWithoutIndex()))
  }

  @Test(arguments: ["flipped byte", "truncated", "header only", "empty", "not an index"])
  func aDamagedIndexIsIgnoredAndRebuilt(damage: String) throws {
    try makeStore()
    let good = FileManager.default.bytes(atPath: indexPath)
    var bad = good
    switch damage {
    case "flipped byte": bad[bad.count / 2] ^= 0x40
    case "truncated": bad.removeLast(bad.count / 3)
    case "header only": bad = Array(bad.prefix(StoreIndex.headerLength))
    case "empty": bad = []
    default: bad = Array("{\"not\":\"an index\"}".utf8)
    }
    _ = FileManager.default.createFile(atPath: indexPath, contents: Data(bad))
    let snapshot = try #require(try MappedFile(path: path))
    let badFile = try #require(try MappedFile(path: indexPath))
    #expect(throws: StoreIndex.Rejection.self) {
      _ = try StoreIndex.read(badFile, snapshot: snapshot)
    }
    let reopened = answers(try NoteStore.open(path: path))
    #expect(FileManager.default.bytes(atPath: indexPath) == good, "rewritten as before")
    #expect(reopened == (try answersWithoutIndex()))
  }

  /// Prefixes are found by binary search among the snapshot's sorted ids, plus the notes added
  /// since: at both ends of the order, in the middle, and among the later notes.
  @Test func idPrefixesAreFoundInTheSnapshotAndAmongLaterNotes() throws {
    let ids = ["0000aa000001", "0000aa000002", "5555bb000001", "ffffcc000001", "ffffcc000002"]
    try NoteStore.open(path: path).apply(ids.map { .put(SampleNotes.note($0, title: $0)) })
    let store = try NoteStore.open(path: path)
    try store.apply([.put(SampleNotes.note("5555bb000009", title: "later"))])
    #expect(
      store.state.ids(withPrefix: "0000aa") == [NoteID("0000aa000001"), NoteID("0000aa000002")])
    #expect(store.state.ids(withPrefix: "ffffcc000002") == [NoteID("ffffcc000002")])
    #expect(
      store.state.ids(withPrefix: "5555") == [NoteID("5555bb000001"), NoteID("5555bb000009")])
    #expect(store.state.ids(withPrefix: "3333") == [])
    #expect(store.state.ids(withPrefix: "fffff") == [])
    #expect(throws: LookupError(reference: "0000aa", reason: "ambiguous id prefix (2 notes)")) {
      try store.lookup("0000aa").get()
    }
    #expect(try store.lookup("5555bb000009").get() == NoteID("5555bb000009"))
  }

  /// Opening without an index reports the scan's progress: here (under 16 MB) only its end.
  @Test func aScanReportsItsEnd() throws {
    try makeStore()
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    unlink(indexPath)
    var reports: [[Int]] = []
    let store = try NoteStore.open(path: path) { reports.append([$0, $1]) }
    #expect(reports == [[size, size]])
    #expect(store.count == 240)
    _ = try NoteStore.open(path: path) { reports.append([$0, $1]) }
    #expect(reports.count == 1, "through the index just written: no scan, no report")
  }

  /// An index of several 64 KiB blocks: a byte flipped in the last one (header records, which
  /// opening does not read) is found when that block is first read, and the headers it held
  /// come from the snapshot instead: every answer is still exactly the scan's.
  @Test func damageInABlockReadLaterIsAnsweredFromTheSnapshot() throws {
    let vocabulary = ["GPU", "gpu", "llm", "rust", "swift", "notes"]
    let many: [Note] = (0..<3000).map { (number: Int) -> Note in
      let tags: [String] = (0..<(1 + number % 3)).map { (slot: Int) -> String in
        vocabulary[(number + slot * 2) % vocabulary.count]
      }
      return SampleNotes.note(
        String(format: "%012x", 0x10_0000 + number), url: "https://example.org/zephyr/\(number)",
        title: "Note number \(number) of three thousand", tags: tags)
    }
    try NoteStore.open(path: path).apply(many.map(StoreChange.put))
    var bytes = FileManager.default.bytes(atPath: indexPath)
    var payloadLength = 0
    for byte in bytes[(StoreIndex.headerLength - 16)..<(StoreIndex.headerLength - 8)].reversed() {
      payloadLength = payloadLength << 8 | Int(byte)
    }
    let payloadEnd = StoreIndex.headerLength + payloadLength
    #expect(payloadLength > 3 * StoreIndex.blockLength, "several blocks")
    bytes[payloadEnd - 5] ^= 0x01
    _ = FileManager.default.createFile(atPath: indexPath, contents: Data(bytes))
    let snapshot = try #require(try MappedFile(path: path))
    let file = try #require(try MappedFile(path: indexPath))
    let loaded = try StoreIndex.read(file, snapshot: snapshot)
    #expect(!loaded.index.damaged, "opening did not read the damaged block")
    let store = try NoteStore.open(path: path)
    let damaged = answers(store)
    #expect(store.state.urlTable?.damaged == true, "found when the headers were read")
    #expect(store.noteID(forURL: "https://example.org/zephyr/2999") == NoteID("000000100bb7"))
    try store.checkInvariants()
    #expect(damaged == (try answersWithoutIndex()))
    #expect(damaged.headers.count == 3000)
  }

  @Test func anIndexWhoseRangesMissTheNotesIsRejectedEvenWithAValidChecksum() throws {
    try makeStore()
    let snapshot = try #require(try MappedFile(path: path))
    var records = try NoteStore.open(path: path).scanSnapshot(snapshot, stamp: nil).records
    for position in records.indices {
      guard case .snapshot(let range) = records[position].source else { continue }
      records[position].source = .snapshot((range.lowerBound + 1)..<(range.upperBound + 1))
    }
    let forged = try #require(
      StoreIndex.encode(Array(records), snapshot: snapshot))
    _ = FileManager.default.createFile(atPath: indexPath, contents: Data(forged))
    let forgedFile = try #require(try MappedFile(path: indexPath))
    #expect(throws: StoreIndex.Rejection(reason: "damaged: a range is not a note object")) {
      _ = try StoreIndex.read(forgedFile, snapshot: snapshot)
    }
    #expect(try NoteStore.open(path: path).allNotes() == notes().sorted { $0.id < $1.id })
  }

  @Test func textSearchFindsWhatABruteForceFinds() throws {
    try makeStore()
    let store = try NoteStore.open(path: path)
    for word in ["zephyr", "ZePhYr", "日本", "ünïcode", "note 1", "example.com/zephyr", "absent"] {
      let expected = store.allNotes().filter { note in
        let needle = word.lowercased()
        let texts =
          [note.title, note.url ?? ""] + note.tags
          + SummaryNode.flatten(note.summary).map(\.node.plainText)
        return texts.contains { $0.lowercased().contains(needle) }
      }.map(\.id)
      let found = store.noteIDs(matching: NoteFilter(text: word))
      #expect(Set(found) == Set(expected), "\(word)")
      #expect(found.count == expected.count)
      let underTag = store.noteIDs(matching: NoteFilter(allTags: ["rust"], text: word))
      #expect(
        Set(underTag)
          == Set(expected).intersection(store.noteIDs(matching: NoteFilter(allTags: ["rust"]))))
    }
  }
}
