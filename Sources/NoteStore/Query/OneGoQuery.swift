extension NoteStore {
  /// The headers of the notes under `scope` that match `query`, in `order`: the list
  /// `NoteSearcher` gives for the same query (same candidates, matcher and ranking; tested),
  /// found in one go, as the CLI's `list --query` wants it (`OneGoQuery`).
  public func headers(
    matching query: Query, within scope: NoteFilter = NoteFilter(), order: NoteOrder = .relevance
  ) -> [NoteHeader] {
    OneGoQuery(store: self, query: query, scope: scope).headers(in: order)
  }
}

/// One query run over a store once, for a command that prints its result and exits.
///
/// The browser's `NoteSearcher` first builds tables for every keystroke to come (all headers
/// decoded, tag slots, the whole store in list order); a single query needs none of that.
/// This reads only what the query's terms ask: titles and URLs in the index's bytes, a chunk
/// at a time (`IndexChunks`), decoding a header only for a note that matched; tag terms from
/// the tag index's postings, each distinct tag scored once; a term's summaries and bodies
/// through one raw scan of the snapshot for the notes whose bytes hold it (as `list --search`
/// finds them, on two threads for a large snapshot), decoding only those. List ranks are computed among the matches alone
/// (`QueryRanking`). Neither the snapshot nor the index is read through the mapping, so the
/// resident set stays near the size of what is printed.
final class OneGoQuery {
  let store: NoteStore
  let records: NoteRecords
  let matcher: QueryMatcher
  /// The notes the matcher looks at: the scope's, cut down by the query's tag terms.
  let candidates: [Int]
  /// Whether most notes are candidates: fields are then read in index chunks, and a term's
  /// summaries and bodies found by one scan of the snapshot rather than note by note.
  let dense: Bool
  /// By term index: a tag term's notes, and a text term's best score among each note's tags
  /// (`Int.min`: no tag matches), for the terms that have them.
  let tagMembers: [[Bool]?]
  let tagScores: [[Int]?]
  /// By term index: the raw needle (`RawNeedle`) of a text term, and, once asked for, which
  /// notes' stored bytes hold it.
  let needles: [RawNeedle?]
  var rawHits: [[Bool]?]
  /// The note decoded last (one note is asked about once per term).
  var decoded = LastDecodedNote()

  init(store: NoteStore, query: Query, scope: NoteFilter) {
    self.store = store
    records = store.records
    matcher = QueryMatcher(query)
    let candidates = store.narrowedByTagTerms(
      store.unsortedHits(matching: scope).map(\.position), query)
    self.candidates = candidates
    dense = candidates.count * 4 >= records.count
    let count = records.count
    let entries = store.tagIndex.entries
    tagMembers = matcher.terms.map { term in
      guard case .tag(let key, _) = term else { return nil }
      var members = [Bool](repeating: false, count: count)
      for position in entries[key]?.positions ?? [] { members[position] = true }
      return members
    }
    tagScores = matcher.terms.map { term in
      guard case .text(let text, let pattern) = term, text.field == .any else { return nil }
      // As `TagScores`: each distinct tag scored once, then carried to its notes.
      var best = [Int](repeating: Int.min, count: count)
      for entry in entries.values {
        guard let score = pattern.score(in: entry.name) else { continue }
        for position in entry.positions where score > best[position] { best[position] = score }
      }
      return best
    }
    needles = matcher.terms.map { term in
      guard case .text(_, let pattern) = term else { return nil }
      return RawNeedle(pattern)
    }
    rawHits = Array(repeating: nil, count: matcher.terms.count)
  }

  /// The matching notes' headers in `order`.
  func headers(in order: NoteOrder) -> [NoteHeader] {
    let (headers, scores) = matches()
    // List ranks among the matches (`QueryRanking`).
    var listRank = [Int](repeating: 0, count: headers.count)
    let inListOrder = NoteStore.listOrder(headers)
    for (place, match) in inListOrder.enumerated() { listRank[match] = place }
    let ranked: [Int]
    switch order {
    case .relevance, .created:
      ranked = headers.indices.sorted {
        QueryRanking.key(score: scores[$0], listRank: listRank[$0], order: order)
          < QueryRanking.key(score: scores[$1], listRank: listRank[$1], order: order)
      }
    case .updated, .title, .site:
      ranked = QueryRanking.sorted(
        Array(headers.indices), order: order, header: { headers[$0] }, host: { headers[$0].host },
        listRank: { listRank[$0] })
    }
    return ranked.map { headers[$0] }
  }

  /// Every candidate that matches, with its header and score, in position order.
  func matches() -> (headers: [NoteHeader], scores: [Int]) {
    var headers: [NoteHeader] = []
    var scores: [Int] = []
    var chunks: IndexChunks?
    for position in candidates {
      if dense, case .indexed(let index, let offset) = records[position].storedHeader {
        if chunks?.index !== index { chunks = IndexChunks(index) }
        let read: Void? = chunks!.withFields(at: offset) { fields in
          let candidate = FieldCandidate(
            position: position, created: fields.created, title: fields.title, url: fields.url,
            query: self)
          guard let score = matcher.score(candidate) else { return }
          headers.append(fields.header(in: index) ?? records[position].header)
          scores.append(score)
        }
        if read != nil { continue }
      }
      // A note in memory, a store read without its index, few candidates, or a damaged
      // record: the header as the store reads it.
      let header = records[position].header
      var title = header.title
      var url = header.url
      let score = title.withUTF8 { title in
        let candidate = { (url: UnsafeBufferPointer<UInt8>?) in
          self.matcher.score(
            FieldCandidate(
              position: position, created: header.created, title: title, url: url, query: self))
        }
        return url != nil ? url!.withUTF8 { candidate($0) } : candidate(nil)
      }
      guard let score else { continue }
      headers.append(header)
      scores.append(score)
    }
    return (headers, scores)
  }

  /// Where text term `index` occurs in the summary or body of the note at `position`
  /// (`NoteSearcher.longFieldWeight`'s answer): decoded only if its stored bytes hold the
  /// term's needle.
  func longFieldWeight(_ index: Int, _ pattern: TextPattern, at position: Int) -> Int? {
    if let needle = needles[index] {
      if dense {
        if rawHits[index] == nil { rawHits[index] = hitMap(needle) }
        if rawHits[index]?[position] == false { return nil }
      } else if let range = records.snapshotRange(at: position), let snapshot = store.snapshot,
        !snapshot.withBytes(range, needle.occurs)
      {
        return nil
      }
    }
    return decoded.longFieldWeight(pattern, at: position, in: store)
  }

  /// Which notes may hold `needle`: those whose JSON in the snapshot holds its bytes, by one
  /// raw scan (`RawScan`), and every note in memory. As `textMatches` does for `list
  /// --search`, a snapshot of `scanSplitMinimum` bytes or more is scanned in two halves on
  /// two threads (a note across the middle may be found by both: it is one entry of the map).
  func hitMap(_ needle: RawNeedle) -> [Bool] {
    guard let scan = RawScan(records, snapshot: store.snapshot) else {
      return [Bool](repeating: true, count: records.count)
    }
    var map = [Bool](repeating: false, count: records.count)
    for position in scan.inMemory { map[position] = true }
    func hits(_ range: Range<Int>) -> [Int] {
      var found: [Int] = []
      scan.forEachHit(needle.bytes, foldASCII: needle.foldASCII, in: range) { found.append($0) }
      return found
    }
    let length = scan.snapshot.bytes.count
    if let minimum = store.scanSplitMinimum, length >= minimum, length > 1 {
      let (first, second) = Parallel.both({ hits(0..<length / 2) }, { hits(length / 2..<length) })
      for position in first + second { map[position] = true }
    } else {
      for position in hits(0..<length) { map[position] = true }
    }
    return map
  }
}

/// A note as a one-go query sees it: its title and URL as UTF-8 bytes (in an index chunk, or
/// a header's Strings), the rest from the query's tables.
struct FieldCandidate: QueryCandidate {
  let position: Int
  let created: Timestamp
  let title: UnsafeBufferPointer<UInt8>
  let url: UnsafeBufferPointer<UInt8>?
  let query: OneGoQuery

  func titleScore(_ pattern: TextPattern) -> Int? { pattern.score(utf8: title) }

  func urlScore(_ pattern: TextPattern) -> Int? { url.flatMap { pattern.score(utf8: $0) } }

  var host: String? {
    url.flatMap { NormalizedURL.host(of: String(decoding: $0, as: UTF8.self)) }
  }

  var date: Timestamp? { created }

  func hasTag(_ index: Int, _ key: TagKey) -> Bool { query.tagMembers[index]?[position] ?? false }

  func tagScore(_ index: Int, _ pattern: TextPattern) -> Int? {
    guard let best = query.tagScores[index]?[position], best != Int.min else { return nil }
    return best
  }

  func longFieldWeight(_ index: Int, _ pattern: TextPattern) -> Int? {
    query.longFieldWeight(index, pattern, at: position)
  }
}
