import TestSupport
import Testing

@testable import NoteStore

/// A search read in slices (`NoteSearcher.rank` with a `SearchBudget`, as the browser's first
/// screen runs it): what the first pass shows, and the finished list equal to the whole
/// search's, whatever the slices and whatever query came between.
@Suite struct SearchRunTests {
  let fixture = NoteSearcherTests()

  func ids(_ result: SearchResult) -> [String] {
    (0..<result.notes.count).map { result.notes[$0].id.rawValue }
  }

  func query(_ text: String) throws -> Query { try QueryParser.parse(text) }

  @Test func theFirstPassShowsTitleTagAndURLMatchesAndSaysHowFarItIs() throws {
    let searcher = try fixture.searcher()
    let first = searcher.rank(
      matching: try query("framework"), order: .relevance, budget: SearchBudget(notes: 0))
    // n2, n4 and n5 hold "framework" in no title, tag or URL: their summaries and bodies decide.
    #expect(ids(first) == ["n6", "n1", "n3"])
    #expect(
      first.progress == SearchProgress(matched: 3, total: 6, decided: 3, candidates: 6))
    #expect(first.progress?.description == "3/6 (50%)")
    let second = searcher.rank(
      matching: try query("framework"), order: .relevance, budget: SearchBudget(notes: 2))
    #expect(ids(second) == ["n6", "n1", "n3", "n4"])
    #expect(second.progress?.description == "4/6 (83%)")
    let last = searcher.rank(
      matching: try query("framework"), order: .relevance, budget: SearchBudget(notes: 2))
    #expect(ids(last) == ["n6", "n1", "n3", "n4", "n5"])
    #expect(last.progress == nil)
    // A negated term is decided in the first pass only where a short field holds it: the
    // titles of n1 ("Desktop") and n2 exclude them; the four others are read.
    let negated = searcher.rank(
      matching: try query("!desk"), order: .relevance, budget: SearchBudget(notes: 0))
    #expect(ids(negated) == [])
    #expect(negated.progress?.description == "0/6 (33%)")
  }

  @Test func readInSlicesEachQueryEndsAsTheWholeSearch() throws {
    let queries = [
      "framework", "frame", "fr", "f", "!framework", "frmwk | question", "framework !review",
      "body:framework", "the", "desk", "q", "#hardware | body", "'in the", "^the", "a !x",
    ]
    var unfinished = 0
    for text in queries {
      for order in [NoteOrder.relevance, .created, .title, .updated] {
        let whole = try fixture.searcher()
        let expected = whole.noteIDs(matching: try query(text), order: order).map(\.rawValue)
        let sliced = try fixture.searcher()
        var result = sliced.rank(
          matching: try query(text), order: order, budget: SearchBudget(notes: 0))
        if result.progress != nil { unfinished += 1 }
        var calls = 0
        while result.progress != nil, calls < 10 {
          result = sliced.rank(
            matching: try query(text), order: order, budget: SearchBudget(notes: 1))
          calls += 1
        }
        #expect(result.progress == nil, "\(text) \(order)")
        #expect(ids(result) == expected, "\(text) \(order)")
      }
    }
    // Each of these left notes to the second pass: the slices were exercised.
    #expect(unfinished == queries.count * 4)
  }

  @Test func aQueryTypedBeforeTheLastOneFinishedStartsFromWhatItMayMatch() throws {
    let sliced = try fixture.searcher()
    let typed = "framework !review desk"
    var prefixes: [String] = []
    for end in typed.indices { prefixes.append(String(typed[...end])) }
    for text in prefixes + prefixes.reversed() {
      guard let parsed = try? query(text) else { continue }
      // Each key gets no reading at all, so every query starts from an unfinished one.
      _ = sliced.rank(matching: parsed, order: .relevance, budget: SearchBudget(notes: 0))
      let fresh = try fixture.searcher().noteIDs(matching: parsed).map(\.rawValue)
      #expect(
        ids(sliced.rank(matching: parsed, order: .relevance, budget: .unlimited)) == fresh,
        "\(text)")
    }
  }

  @Test func aDeadlineStopsPassOneAndTheRunGoesOnFromThere() throws {
    // 200 notes: every third holds "ember" in its title, every fifth in its body only.
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let notes = (0..<200).map { (index: Int) -> Note in
      let title: String = (index % 3 == 0 ? "ember " : "note ") + String(index)
      let body: String = index % 5 == 0 ? "an ember glows" : "ash"
      let created = Timestamp(secondsSince1970: 1_700_000_000 + Int64(index))
      return SampleNotes.note(
        "n" + String(1000 + index), title: title, body: body, created: created)
    }
    try store.apply(notes.map(StoreChange.put))
    try store.compact()
    let searcher = NoteSearcher(store: try NoteStore.open(path: directory.file("notes.json")))
    let parsed = try query("ember")
    // A deadline already past: pass one looks at its first 64 candidates, then stops.
    let first = searcher.rank(
      matching: parsed, order: .relevance, budget: SearchBudget(notes: 0, duration: .zero))
    // Of notes 0–63: 22 titles hold "ember"; the other 42 wait for their bodies.
    #expect(first.progress == SearchProgress(matched: 22, total: 200, decided: 22, candidates: 200))
    #expect(first.notes.count == 22)
    var result = first
    var calls = 0
    while result.progress != nil, calls < 100 {
      result = searcher.rank(
        matching: parsed, order: .relevance, budget: SearchBudget(duration: .zero))
      calls += 1
    }
    // 64 candidates a call for the rest of pass one (64, 64, 8: the third call goes on to
    // pass two), then 16 bodies a call for the 133 notes without "ember" in their titles.
    #expect(calls == 3 + 8)
    let whole = NoteSearcher(store: searcher.store).noteIDs(matching: parsed)
    // 67 titles, and 26 bodies of notes whose titles lack it (multiples of 5, not of 3).
    #expect(whole.count == 67 + 26)
    #expect((0..<result.notes.count).map { result.notes[$0].id } == whole)
  }
}
