extension NoteSearcher {
  /// The notes under `scope` that match `query`, in `order`, as far as `budget` lets the
  /// search go: every match in a title, tags or URL, and those in the summaries and bodies
  /// read so far (`SearchRun`). Called again with the same query and order, it goes on where
  /// it stopped; `progress` is nil once the search is complete, and the notes are then
  /// exactly those of a search done in one call.
  public func rank(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder,
    budget: SearchBudget
  ) -> SearchResult {
    let deadline = budget.duration.map { ContinuousClock.now + $0 }
    let key = Self.key(query, scope)
    if let cached = ranked[key + "\u{1}" + order.rawValue] {
      // Backspace: the shorter query is also the previous one for narrowing again.
      if let matches = recent[key] { last = (query, scope, matches.positions) }
      return SearchResult(
        notes: RankedNotes(headers: table.headers, positions: cached), progress: nil)
    }
    if query.isEmpty, scope == NoteFilter(), order == .relevance || order == .created {
      // Every note in list order (the `/` key's list): the table holds that order already,
      // where ranking a million notes would sort a million keys.
      let all = Matches(
        positions: Array(0..<table.count), scores: Array(repeating: 0, count: table.count))
      remember(key, query, scope, all)
      return SearchResult(
        notes: RankedNotes(headers: table.headers, positions: table.positionByRank),
        progress: nil)
    }
    var current: SearchRun
    if let run, run.key == key, run.order == order {
      current = run
      self.run = nil
    } else {
      current = begin(query, within: scope, order: order)
    }
    advance(&current, notes: budget.notes, until: deadline)
    updateRanking(&current)
    let result = SearchResult(
      notes: RankedNotes(headers: table.headers, positions: current.ranking),
      progress: current.progress(total: table.count))
    if current.isComplete {
      finish(current)
      ranked[key + "\u{1}" + order.rawValue] = current.ranking
      rankedOrder.append(key + "\u{1}" + order.rawValue)
      if rankedOrder.count > Self.recentLimit { ranked[rankedOrder.removeFirst()] = nil }
    } else {
      run = current
    }
    return result
  }

  /// The notes under `scope` matching `query`, with their scores: the whole search.
  func matches(_ query: Query, within scope: NoteFilter) -> Matches {
    let key = Self.key(query, scope)
    if let cached = recent[key] {
      last = (query, scope, cached.positions)
      return cached
    }
    var current: SearchRun
    if let run, run.key == key {
      current = run
      self.run = nil
    } else {
      current = begin(query, within: scope, order: .created)
    }
    advance(&current, notes: .max, until: nil)
    finish(current)
    return current.matches
  }

  /// A run of `query`, nothing looked at yet: its candidates from the tag index, or from the
  /// query this one narrows.
  func begin(_ query: Query, within scope: NoteFilter, order: NoteOrder) -> SearchRun {
    let key = Self.key(query, scope)
    let matcher = QueryMatcher(query)
    let needles = matcher.terms.map { term -> RawNeedle? in
      guard case .text(_, let pattern) = term else { return nil }
      return RawNeedle(pattern)
    }
    var current = SearchRun(
      key: key, order: order, query: query, scope: scope, matcher: matcher,
      tagScores: TagScores(matcher: matcher, table: table), needles: needles)
    if let cached = recent[key] {
      current.matches = cached
      return current
    }
    if let run, run.scope == scope, query.narrows(run.query) {
      current.candidates = run.possible
    } else if let last, last.scope == scope, query.narrows(last.query) {
      current.candidates = last.positions
    } else {
      current.candidates = store.narrowedByTagTerms(
        store.unsortedHits(matching: scope).map(\.position), query)
    }
    return current
  }

  /// Runs pass one over the candidates left, then pass two over the pending notes, reading
  /// at most `notes` of those; stops at `deadline` (looked at every few notes, never before
  /// the first few: each call makes progress).
  func advance(_ current: inout SearchRun, notes: Int, until deadline: ContinuousClock.Instant?) {
    // One candidate moved from note to note: building one per note retained its tables'
    // arrays once per note, the search's largest cost after the matching itself.
    var candidate = TableCandidate(
      position: 0, table: table, tagScores: current.tagScores, needles: current.needles,
      searcher: self)
    if current.nextCandidate < current.candidates.count {
      deferring = true
      defer { deferring = false }
      var looked = 0
      while current.nextCandidate < current.candidates.count {
        if let deadline, looked > 0, looked % 64 == 0, ContinuousClock.now >= deadline { return }
        let position = current.candidates[current.nextCandidate]
        candidate.position = position
        deferred = false
        let score = current.matcher.score(candidate)
        if deferred {
          current.pending.append(position)
        } else if let score {
          current.matches.positions.append(position)
          current.matches.scores.append(score)
        }
        current.nextCandidate += 1
        looked += 1
      }
    }
    var read = 0
    while current.nextPending < current.pending.count, read < notes {
      if let deadline, read > 0, read % 16 == 0, ContinuousClock.now >= deadline { break }
      let position = current.pending[current.nextPending]
      candidate.position = position
      if let score = current.matcher.score(candidate) {
        current.matches.positions.append(position)
        current.matches.scores.append(score)
      }
      current.nextPending += 1
      read += 1
    }
  }

  /// Keeps a finished run's matches for Backspace and for queries that narrow it.
  func finish(_ current: SearchRun) {
    remember(current.key, current.query, current.scope, current.matches)
  }

  func remember(_ key: String, _ query: Query, _ scope: NoteFilter, _ matches: Matches) {
    recent[key] = matches
    recentOrder.append(key)
    if recentOrder.count > Self.recentLimit { recent[recentOrder.removeFirst()] = nil }
    last = (query, scope, matches.positions)
  }

  /// Brings `ranking` up to the run's matches: the new ones are sorted and merged in (the
  /// orders with integer keys), or the whole list is sorted again.
  func updateRanking(_ current: inout SearchRun) {
    let matches = current.matches
    guard current.rankedCount < matches.positions.count else { return }
    switch current.order {
    case .relevance, .created:
      var added = (current.rankedCount..<matches.positions.count).map {
        rankKey(matches.positions[$0], score: matches.scores[$0], order: current.order)
      }
      added.sort()
      current.rankKeys = Self.merged(current.rankKeys, added)
      let positionByRank = table.positionByRank
      current.ranking = current.rankKeys.map { positionByRank[Int($0 & 0xFFFF_FFFF)] }
    case .updated, .title, .site:
      current.ranking = sorted(matches, order: current.order)
    }
    current.rankedCount = matches.positions.count
  }

  /// A note's place in `.relevance` or `.created` order as one integer (`QueryRanking.key`),
  /// its list order from the table.
  func rankKey(_ position: Int, score: Int, order: NoteOrder) -> UInt64 {
    QueryRanking.key(score: score, listRank: Int(table.dateRank[position]), order: order)
  }

  /// Two ascending arrays as one.
  static func merged(_ left: [UInt64], _ right: [UInt64]) -> [UInt64] {
    if left.isEmpty { return right }
    if right.isEmpty { return left }
    var result: [UInt64] = []
    result.reserveCapacity(left.count + right.count)
    var (i, j) = (0, 0)
    while i < left.count, j < right.count {
      if left[i] <= right[j] {
        result.append(left[i])
        i += 1
      } else {
        result.append(right[j])
        j += 1
      }
    }
    result += left[i...]
    result += right[j...]
    return result
  }

  /// `matches` in `order` `.updated`, `.title` or `.site` (`QueryRanking.sorted`).
  func sorted(_ matches: Matches, order: NoteOrder) -> [Int] {
    let table = self.table
    return QueryRanking.sorted(
      matches.positions, order: order, header: { table.headers[$0] }, host: { self.host(at: $0) },
      listRank: { Int(table.dateRank[$0]) })
  }
}
