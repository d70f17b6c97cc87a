import TestSupport
import Testing

@testable import NoteStore

/// The search tables built in steps (`SearchTable.Builder`, as the browser builds them while
/// idle) are the tables built in one go, whatever the step sizes; a searcher builds them a
/// step per call when its budget is over.
@Suite struct SearchTableBuilderTests {
  let directory = TemporaryDirectory()

  /// 40 notes over 7 distinct seconds (so titles and ids break ties), tags from a set of 9.
  func store() throws -> NoteStore {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let titles = ["beta", "Alpha", "gamma", "alpha", "Delta"]
    let notes = (0..<40).map { (index: Int) -> Note in
      let title = titles[index * 7 % titles.count] + (index % 4 == 0 ? "" : " \(index % 3)")
      let tags = (0..<(index % 4)).map { "tag\((index + $0 * 5) % 9)" }
      let created = Timestamp(secondsSince1970: 1_700_000_000 + Int64(index * 11 % 7))
      return SampleNotes.note("n\(100 + index)", title: title, tags: tags, created: created)
    }
    try store.apply(notes.map(StoreChange.put))
    return store
  }

  /// The table's contents, comparable.
  func dump(_ table: SearchTable) -> [String] {
    [
      table.headers.map(\.id.rawValue).joined(separator: " "),
      table.tagNames.joined(separator: " "),
      table.tagSlotsStart.map(String.init).joined(separator: " "),
      table.tagSlots.map(String.init).joined(separator: " "),
      table.dateRank.map(String.init).joined(separator: " "),
      table.positionByRank.map(String.init).joined(separator: " "),
    ]
  }

  @Test func stepsOfAnySizeBuildTheSameTable() throws {
    let store = try store()
    let whole = SearchTable(store)
    // The list order is the one sorting every header at once gives.
    let sorted = whole.headers.indices.sorted {
      SearchTable.inListOrder(whole.headers[$0], whole.headers[$1])
    }
    #expect(whole.positionByRank == sorted)
    #expect(
      whole.positionByRank.map { whole.headers[$0].id } == store.noteIDs(matching: NoteFilter()))
    for (headerChunk, tagChunk, run, mergeChunk) in [(1, 1, 1, 1), (3, 2, 3, 5), (7, 4, 6, 64)] {
      var builder = SearchTable.Builder(
        store, headerChunk: headerChunk, tagChunk: tagChunk, run: run, mergeChunk: mergeChunk)
      var steps = 0
      while !builder.isDone {
        builder.step()
        steps += 1
      }
      #expect(dump(try #require(builder.table)) == dump(whole), "run \(run)")
      #expect(steps > 40 / headerChunk + 40 / run, "run \(run)")
    }
  }

  @Test func aSearcherBuildsAStepPerCallWhenItsTimeIsUp() throws {
    let store = try store()
    let searcher = NoteSearcher(store: store)
    var calls = 1
    while !searcher.prepare(within: SearchBudget(duration: .zero)) { calls += 1 }
    #expect(searcher.isPrepared)
    // Headers (1 step), postings and slots (9 tags: 1 + 1 + 1), one sorted run, the table.
    #expect(calls == 6)
    #expect(dump(searcher.table) == dump(SearchTable(store)))
  }
}
