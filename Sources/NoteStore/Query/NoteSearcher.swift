/// Runs queries over one store, keystroke after keystroke.
///
/// Built once per store state (the browser builds a new one after every change): it holds the
/// `SearchTable` and the results of recent queries, matched and ranked (Backspace returns to
/// one without searching or sorting). A query that extends the previous one
/// (`Query.narrows`) is evaluated only on the previous matches. A summary or body is looked
/// at only for a note whose stored bytes hold the term's text (`longFieldWeight`), and only
/// after the titles, tags and URLs of all candidates (`SearchRun`): with a `SearchBudget`,
/// `rank` returns what those fields found and the rest is read by later calls.
public final class NoteSearcher {
  let store: NoteStore
  /// The tables, once built; `builder` holds a build done in steps (`prepare(within:)`).
  var built: SearchTable?
  var builder: SearchTable.Builder?
  var table: SearchTable {
    if let built { return built }
    _ = prepare(within: .unlimited)
    return built!
  }
  /// Each note's URL host once asked for (`host(at:)`): for `site:` terms and the site order.
  var hosts: [String??] = []
  /// Recent queries' matches (positions, ascending, with scores), by canonical text.
  var recent: [String: Matches] = [:]
  var recentOrder: [String] = []
  /// Recent rankings (positions in order), by canonical text and order.
  var ranked: [String: [Int]] = [:]
  var rankedOrder: [String] = []
  /// The last finished query and its matches: a query narrowing it starts from them.
  var last: (query: Query, scope: NoteFilter, positions: [Int])?
  /// The search `rank` left unfinished, if any (the browser's current query).
  var run: SearchRun?
  /// Set during a run's first pass: `longFieldWeight` then reads nothing and sets `deferred`.
  var deferring = false
  var deferred = false
  /// The note `longFieldWeight` decoded last.
  var decoded = LastDecodedNote()

  /// How many recent results are kept for Backspace.
  static let recentLimit = 64

  struct Matches {
    var positions: [Int]
    var scores: [Int]
  }

  public init(store: NoteStore) { self.store = store }

  /// Builds the tables every search needs (the cost of a search's first key), if not built.
  public func prepare() { _ = table }

  /// The URL host of the note at `position`, worked out when first asked for: few queries
  /// need hosts, and parsing every URL takes about 3 µs a note (0.3 s at 100k), which a
  /// `site:` term's search then spends a slice at a time, not all on its first key.
  func host(at position: Int) -> String? {
    if hosts.isEmpty { hosts = Array(repeating: nil, count: table.count) }
    if let known = hosts[position] { return known }
    let host = table.headers[position].host
    hosts[position] = .some(host)
    return host
  }

  /// Whether the tables are built.
  public var isPrepared: Bool { built != nil }

  /// A search's progress while the tables are still being built: nothing decided yet.
  public var unpreparedProgress: SearchProgress {
    SearchProgress(matched: 0, total: store.count, decided: 0, candidates: store.count)
  }

  /// Builds the tables for `budget.duration` at most (all of them without one), going on from
  /// where the last call stopped; returns whether they are built. The browser calls it while
  /// idle, a slice at a time, so a key never waits for the whole build.
  public func prepare(within budget: SearchBudget) -> Bool {
    if built != nil { return true }
    let deadline = budget.duration.map { ContinuousClock.now + $0 }
    // Taken out and put back, so the builder's arrays are never copied on write.
    var steps = builder ?? SearchTable.Builder(store)
    builder = nil
    while !steps.isDone {
      steps.step()
      if let deadline, !steps.isDone, ContinuousClock.now >= deadline {
        builder = steps
        return false
      }
    }
    built = steps.table
    return true
  }

  /// The headers of the notes under `scope` that match `query`, in `order`.
  public func headers(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder = .relevance
  ) -> [NoteHeader] {
    positions(matching: query, within: scope, order: order).map { table.headers[$0] }
  }

  /// The notes under `scope` that match `query`, in `order`, as positions into the table: a
  /// query matching every note costs no copy of every header.
  public func ranked(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder = .relevance
  ) -> RankedNotes {
    rank(matching: query, within: scope, order: order, budget: .unlimited).notes
  }

  /// The ids of the notes under `scope` that match `query`, in `order`.
  public func noteIDs(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder = .relevance
  ) -> [NoteID] {
    positions(matching: query, within: scope, order: order).map { table.headers[$0].id }
  }

  func positions(matching query: Query, within scope: NoteFilter, order: NoteOrder) -> [Int] {
    rank(matching: query, within: scope, order: order, budget: .unlimited).notes.positions
  }

  static func key(_ query: Query, _ scope: NoteFilter) -> String {
    "\(scope.allTags)\u{1}\(scope.anyTags)\u{1}\(scope.noneTags)\u{1}"
      + "\(scope.text ?? "")\u{1}\(query)"
  }
}

/// Each distinct tag's score for each text term, computed once per search.
struct TagScores {
  /// Term index → tag slot → score (nil: no match), for the terms that look in tags.
  let scores: [[Int?]?]

  init(matcher: QueryMatcher, table: SearchTable) {
    scores = matcher.terms.map { term in
      guard case .text(let text, let pattern) = term, text.field == .any else { return nil }
      return table.tagNames.map { pattern.score(in: $0) }
    }
  }
}

/// A note as the searcher's tables show it to the matcher.
struct TableCandidate: QueryCandidate {
  var position: Int
  let table: SearchTable
  let tagScores: TagScores
  /// Each term's raw needle (`RawNeedle`), by term index.
  let needles: [RawNeedle?]
  let searcher: NoteSearcher

  func titleScore(_ pattern: TextPattern) -> Int? {
    pattern.score(in: table.headers[position].title)
  }
  func urlScore(_ pattern: TextPattern) -> Int? {
    table.headers[position].url.flatMap(pattern.score(in:))
  }
  var host: String? { searcher.host(at: position) }
  var date: Timestamp? { table.headers[position].created }

  func hasTag(_ index: Int, _ key: TagKey) -> Bool {
    table.tagSlots(of: position).contains { table.tagKeys[Int($0)] == key }
  }

  func tagScore(_ index: Int, _ pattern: TextPattern) -> Int? {
    guard let scores = tagScores.scores[index] else { return nil }
    var best: Int?
    for slot in table.tagSlots(of: position) {
      if let score = scores[Int(slot)], score > (best ?? Int.min) { best = score }
    }
    return best
  }

  func longFieldWeight(_ index: Int, _ pattern: TextPattern) -> Int? {
    searcher.longFieldWeight(pattern, needle: needles[index], at: position)
  }
}
