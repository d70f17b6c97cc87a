/// Runs queries over one store, keystroke after keystroke.
///
/// Built once per store state (the browser builds a new one after every change): it holds the
/// `SearchTable` and the results of recent queries, matched and ranked (Backspace returns to
/// one without searching or sorting). A query that extends the previous one
/// (`Query.narrows`) is evaluated only on the previous matches. A summary or body is looked
/// at only for a note whose stored bytes hold the term's text (`longFieldWeight`).
public final class NoteSearcher {
  let store: NoteStore
  lazy var table = SearchTable(store)
  /// Each note's URL host, for `site:` terms and the site order (few queries need them).
  lazy var hosts: [String?] = table.headers.map(\.host)
  /// Recent queries' matches (positions, ascending, with scores), by canonical text.
  var recent: [String: Matches] = [:]
  var recentOrder: [String] = []
  /// Recent rankings (positions in order), by canonical text and order.
  var ranked: [String: [Int]] = [:]
  var rankedOrder: [String] = []
  var last: (query: Query, scope: NoteFilter, matches: Matches)?
  /// The note `longFieldWeight` decoded last.
  var decoded: (position: Int, note: Note?)?

  /// How many recent results are kept for Backspace.
  static let recentLimit = 64

  struct Matches {
    var positions: [Int]
    var scores: [Int]
  }

  public init(store: NoteStore) { self.store = store }

  /// Builds the tables every search needs (the cost of a search's first key), if not built.
  public func prepare() { _ = table }

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
    RankedNotes(
      headers: table.headers, positions: positions(matching: query, within: scope, order: order))
  }

  /// The ids of the notes under `scope` that match `query`, in `order`.
  public func noteIDs(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder = .relevance
  ) -> [NoteID] {
    positions(matching: query, within: scope, order: order).map { table.headers[$0].id }
  }

  func positions(matching query: Query, within scope: NoteFilter, order: NoteOrder) -> [Int] {
    let key = Self.key(query, scope) + "\u{1}" + order.rawValue
    if let cached = ranked[key] {
      // Backspace: the shorter query is also the previous one for narrowing again.
      if let matches = recent[Self.key(query, scope)] { last = (query, scope, matches) }
      return cached
    }
    let result = sorted(matches(query, within: scope), order: order)
    ranked[key] = result
    rankedOrder.append(key)
    if rankedOrder.count > Self.recentLimit { ranked[rankedOrder.removeFirst()] = nil }
    return result
  }

  static func key(_ query: Query, _ scope: NoteFilter) -> String {
    "\(scope.allTags)\u{1}\(scope.anyTags)\u{1}\(scope.noneTags)\u{1}"
      + "\(scope.text ?? "")\u{1}\(query)"
  }

  func matches(_ query: Query, within scope: NoteFilter) -> Matches {
    let key = Self.key(query, scope)
    if let cached = recent[key] {
      last = (query, scope, cached)
      return cached
    }
    var candidates: [Int]
    if let last, last.scope == scope, query.narrows(last.query) {
      candidates = last.matches.positions
    } else {
      candidates = store.candidatePositions(scope)
      if let text = scope.text, !text.isEmpty {
        candidates = store.textMatches(TextMatcher(text), among: candidates)
      }
      candidates = narrowByTags(candidates, query)
    }
    let matcher = QueryMatcher(query)
    let tagScores = TagScores(matcher: matcher, table: table)
    let needles = matcher.terms.map { term -> RawNeedle? in
      guard case .text(_, let pattern) = term else { return nil }
      return RawNeedle(pattern)
    }
    var result = Matches(positions: [], scores: [])
    // One candidate moved from note to note: building one per note retained its tables'
    // arrays once per note, the search's largest cost after the matching itself.
    var candidate = TableCandidate(
      position: 0, table: table, tagScores: tagScores, needles: needles, searcher: self)
    for position in candidates {
      candidate.position = position
      if let score = matcher.score(candidate) {
        result.positions.append(position)
        result.scores.append(score)
      }
    }
    remember(key, result)
    last = (query, scope, result)
    return result
  }

  /// Candidates cut down by the tag index for each group that is one positive tag term.
  func narrowByTags(_ candidates: [Int], _ query: Query) -> [Int] {
    var result = candidates
    for group in query.groups {
      guard group.count == 1, case .tag(let tag, let negated) = group[0] else { continue }
      let postings = store.tagIndex.entries[TagKey(tag)]?.postings
      if negated {
        guard let postings else { continue }
        result = result.filter { !postings.contains($0) }
      } else {
        guard let list = postings?.positions else { return [] }
        let set = Set(list)
        result = result.filter(set.contains)
      }
    }
    return result
  }

  func remember(_ key: String, _ matches: Matches) {
    recent[key] = matches
    recentOrder.append(key)
    if recentOrder.count > Self.recentLimit {
      recent[recentOrder.removeFirst()] = nil
    }
  }

  /// `matches` in `order`; ties always fall back to list order (newest first).
  func sorted(_ matches: Matches, order: NoteOrder) -> [Int] {
    let table = self.table
    switch order {
    case .relevance, .created:
      // One integer per note: (best score first, then list order); sorting integers is
      // several times faster than comparing through closures over headers.
      let maxScore = matches.scores.max() ?? 0
      var keys = [UInt64](repeating: 0, count: matches.positions.count)
      for index in keys.indices {
        let position = matches.positions[index]
        let score = order == .relevance ? UInt64(maxScore - matches.scores[index]) : 0
        keys[index] = score << 32 | UInt64(table.dateRank[position]) << 0
      }
      let positionByRank = table.positionByRank
      keys.sort()
      return keys.map { positionByRank[Int($0 & 0xFFFF_FFFF)] }
    case .updated:
      return matches.positions.sorted {
        let left = table.headers[$0].updated
        let right = table.headers[$1].updated
        return left != right ? left > right : table.dateRank[$0] < table.dateRank[$1]
      }
    case .title:
      let folded = matches.positions.map { table.headers[$0].title.lowercased() }
      return matches.positions.indices.sorted {
        folded[$0] != folded[$1]
          ? folded[$0] < folded[$1]
          : table.dateRank[matches.positions[$0]] < table.dateRank[matches.positions[$1]]
      }.map { matches.positions[$0] }
    case .site:
      let hosts = matches.positions.map { self.hosts[$0]?.lowercased() }
      return matches.positions.indices.sorted {
        switch (hosts[$0], hosts[$1]) {
        case (let left?, let right?) where left != right: return left < right
        case (nil, .some): return false
        case (.some, nil): return true
        default:
          return table.dateRank[matches.positions[$0]] < table.dateRank[matches.positions[$1]]
        }
      }.map { matches.positions[$0] }
    }
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

  var title: String { table.headers[position].title }
  var url: String? { table.headers[position].url }
  var host: String? { searcher.hosts[position] }
  var created: Timestamp { table.headers[position].created }

  func hasTag(_ key: TagKey) -> Bool {
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
