extension NoteStore {
  var tagIndex: TagIndex { state.tags() }

  /// Every tag with the number of notes carrying it. Sorted once per order until the store
  /// changes (the TUI asks again on every keystroke of its tag filter).
  public func tagCounts(order: TagOrder = .count) -> [TagCount] {
    if let sorted = tagIndex.sortedCounts[order] { return sorted }
    let sorted = order.sort(
      tagIndex.entries.values.map { TagCount(tag: $0.name, count: $0.count) })
    state.keepTagCounts(sorted, order: order)
    return sorted
  }

  /// Whether some note carries `tag` (compared as tags are: ignoring case).
  public func hasTag(_ tag: String) -> Bool {
    tagIndex.entries[TagKey(tag)] != nil
  }

  /// Tags that occur on notes carrying all of `tags`, with how many such notes carry each;
  /// the given tags themselves are left out.
  public func cooccurringTags(with tags: [String], order: TagOrder = .count) -> [TagCount] {
    let selected = Set(tags.map(TagKey.init))
    var counts: [TagKey: TagCount] = [:]
    for position in positions(matching: NoteFilter(allTags: tags)) {
      var seen = Set<TagKey>()
      for tag in records[position].header.tags {
        let key = TagKey(tag)
        guard !selected.contains(key), seen.insert(key).inserted else { continue }
        counts[key, default: TagCount(tag: tagIndex.entries[key]?.name ?? tag, count: 0)].count += 1
      }
    }
    return order.sort(Array(counts.values))
  }

  /// Ids of the notes that pass `filter`, newest first (ties by title, then id).
  public func noteIDs(matching filter: NoteFilter) -> [NoteID] {
    positions(matching: filter).map { records[$0].id }
  }

  /// The notes that pass `filter`, decoded, in list order.
  public func notes(matching filter: NoteFilter) -> [Note] {
    positions(matching: filter).compactMap { note(at: $0) }
  }

  /// The notes that pass `filter`, in list order, as the JSON array of `list --json` (README,
  /// JSON output), handed to `emit` a piece at a time: decoded and encoded on every core a run
  /// of notes at a time (`JSONExporter.writeNotes(count:note:_:)`), the bytes
  /// `JSONExporter.writeNotes(notes(matching: filter))` gives, and only a few runs held at once.
  public func writeJSON(
    matching filter: NoteFilter, _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    // The workers get values, not the store (which is not thread-safe): where each note is.
    let hits = unsortedHits(matching: filter)
    let found = hits.map { records[$0.position].source }
    let snapshot = state.snapshot
    // The dates and titles the order needs are read from the notes' own bytes on every core,
    // not from the index: its header records of 10,965 scattered notes had each block they lie
    // in read and checksummed (64 KiB) on one thread, a fifth of the command at 1M notes. A
    // text search's hits come with theirs (decoded to check them).
    let keys = OrderedWork<[ListKey]>.map(count: found.count) {
      hits[$0].header.map(ListKey.init) ?? found[$0].listKey(in: snapshot)
    }
    let sources = Self.listOrder(keys).map { found[$0] }
    JSONExporter.writeNotes(
      count: sources.count, write: { sources[$0].writeExport(in: snapshot, to: &$1) }, emit)
  }

  /// Headers of the notes that pass `filter`, in list order.
  public func headers(matching filter: NoteFilter) -> [NoteHeader] {
    let headers = unsortedHits(matching: filter).map { $0.header ?? records[$0.position].header }
    return Self.listOrder(headers).map { headers[$0] }
  }

  /// Positions of the notes that pass `filter`, in list order (ordered by the headers the
  /// search decoded, as `headers(matching:)`).
  func positions(matching filter: NoteFilter) -> [Int] {
    let hits = unsortedHits(matching: filter)
    let headers = hits.map { $0.header ?? records[$0.position].header }
    return Self.listOrder(headers).map { hits[$0].position }
  }

  /// A note that passes a filter, and its header when finding it decoded the note (nil:
  /// the record's header is the one).
  struct FilterHit {
    var position: Int
    var header: NoteHeader?
  }

  /// The notes (positions ascending) that pass `filter`.
  func unsortedHits(matching filter: NoteFilter) -> [FilterHit] {
    let candidates = candidatePositions(filter)
    guard let text = filter.text, !text.isEmpty else {
      return candidates.map { FilterHit(position: $0, header: nil) }
    }
    return textHits(TextMatcher(text), among: candidates)
  }

  /// The positions (ascending) of the notes that pass `filter`'s tag conditions.
  func candidatePositions(_ filter: NoteFilter) -> [Int] {
    var candidates: [Int]
    if filter.allTags.isEmpty {
      candidates = Array(records.indices)
    } else {
      // Start from the rarest tag: intersecting sorted position lists is then cheap.
      let lists = filter.allTags.map { tagIndex.positions(of: $0) }.sorted { $0.count < $1.count }
      candidates = lists[0]
      for list in lists.dropFirst() {
        let other = Set(list)
        candidates = candidates.filter(other.contains)
      }
    }
    if !filter.anyTags.isEmpty {
      let any = Set(filter.anyTags.flatMap { tagIndex.positions(of: $0) })
      candidates = candidates.filter(any.contains)
    }
    if !filter.noneTags.isEmpty {
      let none = Set(filter.noneTags.flatMap { tagIndex.positions(of: $0) })
      candidates = candidates.filter { !none.contains($0) }
    }
    return candidates
  }

  /// `candidates` cut down by the tag index for each group of `query` that is one tag term
  /// (`#tag` keeps the tag's notes, `!#tag` drops them): the searcher's and the one-go
  /// query's first step.
  func narrowedByTagTerms(_ candidates: [Int], _ query: Query) -> [Int] {
    var result = candidates
    for group in query.groups {
      guard group.count == 1, case .tag(let tag, let negated) = group[0] else { continue }
      let postings = tagIndex.entries[TagKey(tag)]?.postings
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

  /// The order (indices into `headers`) in which lists show notes: newest first, then by
  /// title ignoring case, then by id. Each title is lower-cased once, not per comparison.
  static func listOrder(_ headers: [NoteHeader]) -> [Int] {
    listOrder(headers.map(ListKey.init))
  }

  /// `listOrder(_:)` of the notes' keys.
  static func listOrder(_ keys: [ListKey]) -> [Int] {
    keys.indices.sorted { lhs, rhs in
      let left = keys[lhs]
      let right = keys[rhs]
      if left.created != right.created { return left.created > right.created }
      if left.foldedTitle != right.foldedTitle { return left.foldedTitle < right.foldedTitle }
      return left.id < right.id
    }
  }

  /// What the list order compares of a note: its created time, its title lower-cased, its id.
  struct ListKey: Sendable {
    var created: Timestamp
    var foldedTitle: String
    var id: NoteID

    init(created: Timestamp, title: String, id: NoteID) {
      self.created = created
      foldedTitle = title.lowercased()
      self.id = id
    }

    init(_ header: NoteHeader) {
      self.init(created: header.created, title: header.title, id: header.id)
    }
  }

  /// The notes among `candidates` (ascending) whose note contains the matcher's text, each
  /// with its header when the raw scan decoded it.
  ///
  /// When most notes are candidates, one raw scan of the whole snapshot finds the few notes
  /// whose bytes contain the text (`RawScan`, at the speed of `cat`); only those are decoded
  /// and checked exactly. On a snapshot of `scanSplitMinimum` bytes or more, two threads each
  /// scan and check half of it: at 1,000,000 notes half of a search's time was the kernel
  /// copying the 2.2 GB file (what `cat` pays) and most of the rest decoding the ~10,000
  /// notes it found. Otherwise each candidate is checked on its own bytes. Either way a note
  /// is decoded only when its bytes contain the text.
  func textHits(_ matcher: TextMatcher, among candidates: [Int]) -> [FilterHit] {
    guard candidates.count * 4 >= records.count, let rawNeedle = matcher.rawNeedle,
      let scan = RawScan(records, snapshot: snapshot)
    else {
      return candidates.filter { textMatches(matcher, at: $0) }.map {
        FilterHit(position: $0, header: nil)
      }
    }
    let candidateSet = candidates.count == records.count ? nil : Set(candidates)
    let length = scan.snapshot.bytes.count
    var checked: [RawScan.Verdict]
    if let minimum = scanSplitMinimum, length >= minimum, length > 1 {
      let middle = length / 2
      let (first, second) = Parallel.both(
        { scan.checkedHits(matcher, needle: rawNeedle, among: candidateSet, in: 0..<middle) },
        { scan.checkedHits(matcher, needle: rawNeedle, among: candidateSet, in: middle..<length) })
      checked = first
      // A note across the middle may be found by both halves.
      checked += second.drop { $0.position == first.last?.position }
    } else {
      checked = scan.checkedHits(matcher, needle: rawNeedle, among: candidateSet, in: 0..<length)
    }
    var result: [FilterHit] = []
    for verdict in checked
    where verdict.matches ?? textMatchesExactly(matcher, at: verdict.position) {
      result.append(FilterHit(position: verdict.position, header: verdict.header))
    }
    let inMemory = scan.inMemory.filter { position in
      (candidateSet?.contains(position) ?? true) && textMatchesExactly(matcher, at: position)
    }
    guard !inMemory.isEmpty else { return result }
    return (result + inMemory.map { FilterHit(position: $0, header: nil) }).sorted {
      $0.position < $1.position
    }
  }

  /// The positions (ascending) of the notes whose stored bytes may contain `needle` (folding
  /// A–Z when `foldASCII`): snapshot notes whose JSON holds the bytes (`RawScan`), and every
  /// note held in memory. Nil without a snapshot or for an empty needle. (`chunkLength` is
  /// for tests: a match across chunks is found whole.)
  func rawHitPositions(_ needle: [UInt8], foldASCII: Bool, chunkLength: Int = 1 << 20) -> [Int]? {
    guard !needle.isEmpty, let scan = RawScan(records, snapshot: snapshot) else { return nil }
    var hits: [Int] = []
    scan.forEachHit(
      needle, foldASCII: foldASCII, in: 0..<scan.snapshot.bytes.count, chunkLength: chunkLength
    ) { hits.append($0) }
    return (hits + scan.inMemory).sorted()
  }

  /// Whether the stored bytes of the note at `position` may contain `needle`: false only
  /// for a snapshot note whose JSON certainly lacks it.
  func rawBytesMayContain(_ needle: [UInt8], foldASCII: Bool, at position: Int) -> Bool {
    guard let bytes = state.snapshotBytes(at: position) else { return true }
    return TextMatcher.firstMatch(of: needle, in: bytes, foldASCII: foldASCII) != nil
  }

  func textMatches(_ matcher: TextMatcher, at position: Int) -> Bool {
    if matcher.rawNeedle != nil, let bytes = state.snapshotBytes(at: position),
      !matcher.mayMatch(bytes)
    {
      return false
    }
    return textMatchesExactly(matcher, at: position)
  }

  /// The exact check: header fields, then the decoded summary and body.
  func textMatchesExactly(_ matcher: TextMatcher, at position: Int) -> Bool {
    let record = records[position]
    if matcher.matches(record.header) { return true }
    guard let note = note(at: position) else { return false }
    return matcher.matches(note.summary) || (note.body.map(matcher.matches) ?? false)
  }

  /// Finds a note by id, unique id prefix (at least 4 characters), or URL (normalised).
  public func lookup(_ reference: String) -> Result<NoteID, LookupError> {
    let id = NoteID(reference)
    if state.position(of: id) != nil { return .success(id) }
    if NormalizedURL.normalize(reference) != nil {
      if let id = noteID(forURL: reference) { return .success(id) }
      return .failure(LookupError(reference: reference, reason: "no note has this URL"))
    }
    if reference.count >= 4 {
      let matches = state.ids(withPrefix: reference)
      if matches.count == 1 { return .success(matches[0]) }
      if matches.count > 1 {
        return .failure(
          LookupError(reference: reference, reason: "ambiguous id prefix (\(matches.count) notes)"))
      }
    }
    return .failure(LookupError(reference: reference, reason: "no note has this id or URL"))
  }

  /// The note whose URL normalises like `url`, if any, other than `except` (the note being
  /// edited, whose own URL is no duplicate). Complexity: O(log n) through the index's URL
  /// table, O(1) after the URL buckets are built without one.
  public func noteID(forURL url: String, except: NoteID? = nil) -> NoteID? {
    NormalizedURL.normalize(url).flatMap { noteID(forURL: url, normalized: $0, except: except) }
  }

  /// `noteID(forURL:except:)` for a caller that has normalised `url` already (importers:
  /// ~12 µs saved per link).
  func noteID(forURL url: String, normalized: String, except: NoteID? = nil) -> NoteID? {
    let id = NoteID.forURL(normalized)
    if id != except, let position = state.position(of: id),
      records[position].header.url.flatMap(NormalizedURL.normalize) == normalized
    {
      return id
    }
    // Not under its URL's id (written by hand, or the id was taken): only the notes in the
    // URL's bucket are normalised (~12 µs each), not every note in the store.
    return state.notes(inBucketOf: url).first { id in
      id != except && header(id)?.url.flatMap(NormalizedURL.normalize) == normalized
    }
  }
}

/// A note reference that names no single note.
public struct LookupError: Error, Equatable, Sendable, CustomStringConvertible {
  public var reference: String
  public var reason: String
  public var description: String { "\(reference): \(reason)" }
}
