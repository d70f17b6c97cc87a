import TestSupport
import Testing

@testable import NoteStore

/// The searcher over a real store: exact ranked orders, orders by field, tag scopes, and the
/// incremental path (narrowing, Backspace) giving exactly what a fresh search gives.
@Suite struct NoteSearcherTests {
  let directory = TemporaryDirectory()

  static func day(_ text: String) -> Timestamp { Timestamp(iso8601: text + "T00:00:00Z")! }

  static let notes = [
    SampleNotes.note(
      "n1", url: "https://world.hey.com/dhh/framework", title: "The Framework Desktop is a beast",
      tags: ["hardware", "gpu"], created: day("2025-08-01")),
    SampleNotes.note(
      "n2", url: "https://example.org/frames", title: "Frame rates on a small desk",
      tags: ["gaming"], created: day("2025-09-01")),
    SampleNotes.note(
      "n3", url: "https://blog.example.com/fw", title: "Notes", tags: ["framework"],
      created: day("2025-07-01")),
    SampleNotes.note(
      "n4", url: nil, title: "Untitled thoughts", tags: [],
      summary: [SummaryNode(markup: "the framework question")], created: day("2024-01-01")),
    SampleNotes.note(
      "n5", url: "https://a.example/x", title: "Another", tags: [],
      body: "a framework in the body", created: day("2026-01-01")),
    SampleNotes.note(
      "n6", url: "https://a.example/y", title: "Framework laptop review", tags: ["hardware"],
      created: day("2025-10-01")),
  ]

  func searcher() throws -> NoteSearcher {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    try store.apply(Self.notes.map(StoreChange.put))
    // Reopen: notes then come from the mapped snapshot, as in real use.
    try store.compact()
    return NoteSearcher(store: try NoteStore.open(path: directory.file("notes.json")))
  }

  func ids(
    _ searcher: NoteSearcher, _ query: String, order: NoteOrder = .relevance,
    within scope: NoteFilter = NoteFilter()
  ) throws -> [String] {
    searcher.noteIDs(matching: try QueryParser.parse(query), within: scope, order: order)
      .map(\.rawValue)
  }

  @Test func rankedByFieldThenMatchQualityThenDate() throws {
    let searcher = try searcher()
    // Title word starts (newest first among equal scores), a tag, the URL, summary, body.
    #expect(try ids(searcher, "framework") == ["n6", "n1", "n3", "n4", "n5"])
    // Equal scores (a title starting with "Fr…m"): newest first.
    #expect(try ids(searcher, "frm") == ["n6", "n2", "n1", "n3"])
    #expect(try ids(searcher, "frmwk dsktp") == ["n1"])
    #expect(try ids(searcher, "#hardware") == ["n6", "n1"])
    #expect(try ids(searcher, "#hardware | #gaming") == ["n6", "n2", "n1"])
    #expect(try ids(searcher, "") == ["n5", "n6", "n2", "n1", "n3", "n4"])
  }

  @Test func ordersByEachField() throws {
    let searcher = try searcher()
    #expect(try ids(searcher, "", order: .title) == ["n5", "n2", "n6", "n3", "n1", "n4"])
    #expect(try ids(searcher, "", order: .site) == ["n5", "n6", "n3", "n2", "n1", "n4"])
    #expect(try ids(searcher, "", order: .created) == ["n5", "n6", "n2", "n1", "n3", "n4"])
    #expect(
      try ids(searcher, "frame", order: .title) == ["n5", "n2", "n6", "n3", "n1", "n4"])
  }

  @Test func aScopeOfTagsAndTextLimitsTheQuery() throws {
    let searcher = try searcher()
    #expect(try ids(searcher, "fr", within: NoteFilter(allTags: ["hardware"])) == ["n6", "n1"])
    #expect(
      try ids(searcher, "fr", within: NoteFilter(noneTags: ["hardware"]))
        == ["n2", "n3", "n4", "n5"])
    #expect(try ids(searcher, "", within: NoteFilter(text: "body")) == ["n5"])
  }

  @Test func typingAndBackspaceGiveWhatAFreshSearchGives() throws {
    let incremental = try searcher()
    let store = incremental.store
    let typed = "framework !review desk"
    var prefixes: [String] = []
    for end in typed.indices { prefixes.append(String(typed[...end])) }
    let sequence = prefixes + prefixes.reversed()
    for text in sequence {
      guard let query = try? QueryParser.parse(text) else { continue }
      let fresh = NoteSearcher(store: store).noteIDs(matching: query)
      #expect(incremental.noteIDs(matching: query) == fresh, "\(text)")
    }
  }
}
