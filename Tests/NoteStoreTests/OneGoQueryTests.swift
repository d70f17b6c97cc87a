import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The one-go query (`NoteStore.headers(matching:within:order:)`, the CLI's `list --query`)
/// gives exactly the browser searcher's ranked list: over a store read through its index,
/// with notes in the journal, without an index, and with a damaged index block; with most
/// notes as candidates (index chunks, one raw scan per term) and with few (note by note).
@Suite struct OneGoQueryTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }

  static let words = [
    "framework", "Desk", "quixotry", "frame", "nebertion", "gpu", "teletype", "straße",
    "東京", "café", "\u{212A}elvin", "İstanbul", "review", "a", "B", "x-ray",
  ]

  /// `count` notes drawn from `words` (titles of a few words, some URLs on three hosts, tags,
  /// bodies and summaries), dates over three years with some in the same second.
  static func notes(_ count: Int = 400) -> [Note] {
    var random = SplitMix64(seed: 20_261_207)
    func phrase(_ most: Int) -> String {
      (0..<Int.random(in: 1...most, using: &random)).map { _ in
        words.randomElement(using: &random)!
      }.joined(separator: " ")
    }
    let hosts = ["https://example.org/", "http://Blog.Example.com:80/", "https://[::1]:8443/"]
    let tags = ["gpu", "GPU", "hardware", "rare", "desk work", "東京"]
    return (0..<count).map { number in
      let created = Timestamp(secondsSince1970: 1_700_000_000 + Int64(number % 700) * 86_400)
      let url =
        number % 5 == 0
        ? nil : hosts[number % 3] + phrase(2).replacingOccurrences(of: " ", with: "/")
      let noteTags = tags.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
      let summary =
        number % 3 == 0
        ? [SummaryNode(markup: phrase(6), children: [SummaryNode(markup: phrase(3))])]
        : []
      return Note(
        id: NoteID(String(format: "%012x", 0xA0_0000 + number)), url: url,
        title: phrase(4) + " \(number % 40)", tags: number == 7 ? ["rare"] : noteTags,
        summary: summary, body: number % 4 == 0 ? phrase(12) : nil, provenance: [],
        created: created,
        updated: Timestamp(secondsSince1970: created.secondsSince1970 + Int64(number % 9)))
    }
  }

  static let queries = [
    "framework", "frmwk", "fr desk", "!desk", "#gpu", "!#gpu", "#gpu | #hardware", "'quixotry",
    "^Frame", "work$", "title:frame", "url:example", "site:example.org", "body:teletype", "東京",
    "café", "kelvin", "istanbul", "nebertion | quixotry", "after:2024-06-01",
    "before:2024-01-01 a", "", "\"desk frame\"", "B", "e", "x-ray !review", "#\"desk work\"",
    "strasse", "straße !#rare",
  ]

  static let scopes = [
    NoteFilter(), NoteFilter(allTags: ["hardware"]), NoteFilter(allTags: ["rare"]),
    NoteFilter(text: "desk"),
  ]

  /// Every query in every scope, in relevance and date order, and a few in the other orders:
  /// the one-go list and the searcher's, as ids. Returns how many lists were not empty.
  func compare(
    _ store: NoteStore, _ state: String, queries: [String] = queries,
    scopes: [NoteFilter] = scopes
  ) throws -> Int {
    let searcher = NoteSearcher(store: store)
    var nonEmpty = 0
    for text in queries {
      let query = try QueryParser.parse(text)
      for scope in scopes {
        let orders: [NoteOrder] =
          text.count < 4
          ? [.relevance, .created, .updated, .title, .site] : [.relevance, .created]
        for order in orders {
          let oneGo = store.headers(matching: query, within: scope, order: order).map(\.id)
          let searched = searcher.headers(matching: query, within: scope, order: order).map(\.id)
          #expect(oneGo == searched, "\(state): \(text) in \(scope) by \(order)")
          if !oneGo.isEmpty { nonEmpty += 1 }
        }
      }
    }
    return nonEmpty
  }

  @Test func theOneGoQueryListsWhatTheSearcherLists() throws {
    let notes = Self.notes()
    try NoteStore.open(path: path).apply(notes.map(StoreChange.put))
    try NoteStore.open(path: path).compact()
    var store = try NoteStore.open(path: path)
    #expect(store.records.allSatisfy { if case .indexed = $0.storedHeader { true } else { false } })
    #expect(try compare(store, "indexed") > 150)
    // The example from the first screen, as the one-go query ranks it.
    let framework = store.headers(matching: try QueryParser.parse("frmwk"), order: .relevance)
    #expect(framework.count > 10)

    // Changes in the journal: notes held in memory, among notes read through the index.
    var changed = notes[100..<130].map { note in
      var note = note
      note.title = "Framework desk \(note.title)"
      note.tags.append("hardware")
      return StoreChange.put(note)
    }
    changed += notes[200..<205].map { StoreChange.delete($0.id) }
    try store.apply(changed)
    store = try NoteStore.open(path: path)
    #expect(store.records.contains { $0.isInMemory })
    // And the raw scans in two halves on two threads, as on a large store.
    store.scanSplitMinimum = 0
    #expect(try compare(store, "journal, split scans") > 150)

    // Without an index: every header decoded by the scan.
    try store.compact()
    unlink(path + ".index")
    #expect(try compare(try NoteStore.open(path: path), "no index") > 150)
  }

  @Test func aDamagedIndexBlockGivesTheSameLists() throws {
    // Enough notes for an index of several blocks.
    try NoteStore.open(path: path).apply(Self.notes(1_500).map(StoreChange.put))
    try NoteStore.open(path: path).compact()
    let indexPath = path + ".index"
    var bytes = FileManager.default.bytes(atPath: indexPath)
    var payloadLength = 0
    for byte in bytes[(StoreIndex.headerLength - 16)..<(StoreIndex.headerLength - 8)].reversed() {
      payloadLength = payloadLength << 8 | Int(byte)
    }
    let payloadEnd = StoreIndex.headerLength + payloadLength
    #expect(payloadLength > 2 * StoreIndex.blockLength, "several blocks")
    // In the last block: header records, which opening does not read.
    bytes[payloadEnd - 5] ^= 0x01
    _ = FileManager.default.createFile(atPath: indexPath, contents: Data(bytes))
    let store = try NoteStore.open(path: path)
    _ = store.headers(matching: try QueryParser.parse("a"), order: .relevance)
    #expect(store.state.urlTable?.damaged == true, "the query read the damaged block")
    let queries = ["framework", "!desk", "#gpu", "site:example.org", "café", "e", ""]
    #expect(try compare(store, "damaged", queries: queries, scopes: [NoteFilter()]) > 15)
  }
}
