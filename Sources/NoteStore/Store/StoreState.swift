/// Everything one store instance knows of its notes, as of one reading of the snapshot and the
/// journal: the records and every structure derived from them.
///
/// One value, changed in one way. `init` gives the snapshot's notes; `apply(_:)` takes a run of
/// journal records — the whole journal at load, another process's appends at refresh, or this
/// instance's own append at a save — and brings the records, their positions, the tag index,
/// the URL buckets and the journal ranges along together. A fold writes a new snapshot and
/// loads it. The tag index and the URL buckets are caches: built from the headers on first
/// use, patched by `apply` while present; `checkInvariants` checks they equal a rebuild.
struct StoreState {
  /// The snapshot as mapped when read; `.snapshot` records point into it.
  private(set) var snapshot: MappedFile?
  /// The snapshot's and the journal's stamps, taken before they were read: a refresh that sees
  /// other stamps has someone else's changes to pick up.
  private(set) var snapshotStamp: FileIdentity?
  private(set) var journalStamp: FileIdentity?
  /// Journal bytes read or written: where the next record starts.
  private(set) var journalLength = 0
  /// Notes in snapshot order, then in journal order for notes added since.
  private(set) var records = NoteRecords()
  /// `records[..<sortedCount]` are in strictly ascending byte order of their ids (a snapshot as
  /// url-notes writes it; puts replace in place and deletes keep the order), so a note there is
  /// found by binary search. An id → position map of every note would cost a decode of every
  /// id at each open (O(n): a CLI command at 1M notes paid it for one lookup), and a delete
  /// would renumber it.
  private(set) var sortedCount = 0
  /// The positions of the records after the sorted ones (notes added since the snapshot).
  private(set) var laterPositions: [NoteID: Int] = [:]
  /// Tags with their notes' positions, as of the records before `pendingTagChanges`; nil
  /// until first needed after it was dropped. Read it through `tags()`.
  private(set) var tagIndex: TagIndex?
  /// The changes applied to the records since `tagIndex` was last brought up to date, patched
  /// in by `tags()` when something first asks for tags. A write (`add`, `rm`, `edit`) never
  /// does: at 1,000,000 notes, patching a full journal's 1,900 notes in at every open cost an
  /// `add` 0.1–0.2 s of CPU (each tag's postings read and checked from the mapped index), and
  /// a delete renumbered all 20M positions.
  private(set) var pendingTagChanges: RecordOrigins?
  /// The snapshot's notes by the hash of their URL's bucket key, as the index lists them (its
  /// URL table, mapped); nil for a snapshot that was scanned, or none.
  private(set) var urlTable: MappedIndex?
  /// Notes with a URL by `NormalizedURL.bucketKey`, each bucket in store order; nil until
  /// first needed. With a URL table, only the notes held in memory (saved since the snapshot):
  /// the table answers for the others, and an `add` at 1,000,000 notes need not decode every
  /// header to build this.
  private(set) var urlBuckets: [String: [NoteID]]?
  /// Where this instance's own appends put each note in the journal (the note's JSON, as
  /// `NoteCodec` wrote it): a fold copies those bytes instead of encoding the notes again.
  /// A record read from the file drops its note's entry: another writer's bytes are not
  /// copied, so every entry is exactly the current record's note.
  private(set) var journalNoteRanges: [NoteID: Range<Int>] = [:]
  /// The id and time of each delete (see `Tombstones`), never of a note the store holds.
  private(set) var tombstones: [NoteID: Timestamp] = [:]
  /// True when the snapshot predates tombstones (format 1): the next save folds the journal
  /// into a current snapshot instead of appending, which is the store's upgrade.
  private(set) var snapshotNeedsUpgrade = false

  /// A note that appears twice in a snapshot: `record` is the later one's position.
  struct DuplicateNote: Error {
    var record: Int
  }

  /// An empty store (no snapshot yet).
  init(snapshotStamp: FileIdentity? = nil) {
    self.snapshotStamp = snapshotStamp
  }

  /// The notes of `snapshot` as its index lists them: in file order, which the index checked
  /// to be strictly ascending by id. No journal record applied yet.
  init(
    snapshot: MappedFile, stamp: FileIdentity?, records: NoteRecords, tagIndex: TagIndex,
    urlTable: MappedIndex, tombstones: [NoteID: Timestamp], needsUpgrade: Bool
  ) {
    self.snapshot = snapshot
    snapshotStamp = stamp
    self.records = records
    self.tagIndex = tagIndex
    self.urlTable = urlTable
    self.tombstones = tombstones
    snapshotNeedsUpgrade = needsUpgrade
    sortedCount = records.count
  }

  /// The notes of `snapshot` as a scan found them, in file order: the order is checked here
  /// (a hand-edited snapshot may be out of order) and an id seen twice is refused.
  init(
    snapshot: MappedFile, stamp: FileIdentity?, scanned records: NoteRecords,
    tombstones: [NoteID: Timestamp], needsUpgrade: Bool
  ) throws(DuplicateNote) {
    self.snapshot = snapshot
    snapshotStamp = stamp
    self.records = records
    self.tombstones = tombstones
    snapshotNeedsUpgrade = needsUpgrade
    var previous: NoteID?
    for record in records {
      let id = record.id
      if let previous, !Self.precedes(previous, id) { break }
      previous = id
      sortedCount += 1
    }
    for position in sortedCount..<records.count {
      let id = records[position].id
      if self.position(of: id) != nil { throw DuplicateNote(record: position) }
      laterPositions[id] = position
    }
  }

  /// The tag index, built from every header if it is not at hand.
  mutating func tags() -> TagIndex {
    if var index = tagIndex {
      guard let pending = pendingTagChanges else { return index }
      tagIndex = nil  // one owner while it is patched: a shared copy would be copied whole
      pending.update(&index, records: records)
      pendingTagChanges = nil
      tagIndex = index
      return index
    }
    let built = TagIndex(records)
    tagIndex = built
    return built
  }

  /// Keeps `counts`, the tag counts sorted by `order`, until the tags change.
  mutating func keepTagCounts(_ counts: [TagCount], order: TagOrder) {
    guard pendingTagChanges == nil else { return }
    tagIndex?.sortedCounts[order] = counts
  }

  /// The URL buckets, built if they are not at hand: from the headers of the notes held in
  /// memory when there is a URL table, else from every header (O(n) with a cheap byte key, so
  /// later lookups by URL are O(1): an import asks once per page link).
  mutating func buckets() -> [String: [NoteID]] {
    if let urlBuckets { return urlBuckets }
    let built = Self.buckets(of: records, onlyInMemory: urlTable != nil)
    urlBuckets = built
    return built
  }

  /// The notes whose URL has the bucket key of `url` (`NormalizedURL.bucketKey`), in store
  /// order. Complexity: O(log n + notes in the bucket) with a URL table.
  mutating func notes(inBucketOf url: String) -> [NoteID] {
    let key = NormalizedURL.bucketKey(url)
    let inMemory = buckets()[key] ?? []
    guard let urlTable else { return inMemory }
    // Table entries name the snapshot's notes as they were: a note since deleted has no
    // position, and one whose URL changed since is held in memory (and its bucket above).
    var found: [(position: Int, id: NoteID)] = inMemory.compactMap { id in
      position(of: id).map { ($0, id) }
    }
    for slot in urlTable.positions(withBucketHash: NormalizedURL.bucketHash(url)) {
      let id = urlTable.id(atPosition: slot)
      guard let position = position(of: id), !records[position].isInMemory,
        records[position].header.url.map(NormalizedURL.bucketKey) == key
      else { continue }
      found.append((position, id))
    }
    return found.sorted { $0.position < $1.position }.map(\.id)
  }

  /// Applies `run`: the one way the state changes. Records are replaced in place, appended or
  /// removed; the tag index's patch is noted, to be made by `tags()` (or the index is dropped
  /// when patching would cost more than a rebuild, or when `keepingTagIndex` is false: an
  /// import's appends, which nothing reads tags between and whose fold writes a new index);
  /// the URL buckets are patched.
  /// Complexity: O(changes × log n), plus O(n) per delete (the records move up).
  mutating func apply(_ run: JournalRun, keepingTagIndex: Bool = true) {
    if !keepingTagIndex {
      tagIndex = nil
      pendingTagChanges = nil
    }
    // Changes since the index was last patched are noted together, as one run: positions
    // before them are what the index holds.
    var origins = tagIndex == nil ? nil : (pendingTagChanges ?? RecordOrigins(count: records.count))
    for change in run.changes {
      let id = change.noteID
      let position = position(of: id)
      origins?.record(change, at: position, records: records)
      let previousURL = position.flatMap { records[$0].header.url }
      switch change {
      case .put(let note):
        if let position {
          records[position] = NoteRecord(note)
        } else {
          laterPositions[id] = records.count
          records.append(NoteRecord(note))
        }
        moveInBuckets(id, from: previousURL, to: note.url)
        if !tombstones.isEmpty { tombstones[id] = nil }
      case .delete:
        tombstones[id] = run.deleteTimes[id]
        guard let position else { continue }
        moveInBuckets(id, from: previousURL, to: nil)
        records.remove(at: position)
        if position < sortedCount { sortedCount -= 1 } else { laterPositions[id] = nil }
        if !laterPositions.isEmpty {
          laterPositions = laterPositions.mapValues { $0 > position ? $0 - 1 : $0 }
        }
      }
      journalNoteRanges[id] = run.noteRanges[id]
    }
    if let origins, origins.changes > Self.maxPatchedChanges {
      tagIndex = nil
      pendingTagChanges = nil
    } else {
      pendingTagChanges = origins
    }
    journalLength = run.end
    journalStamp = run.stamp
  }

  /// Beyond this many changed notes a tag index is rebuilt rather than patched.
  static let maxPatchedChanges = 4096

  /// Moves note `id` from the URL bucket of `oldURL` to that of `newURL` (either may be nil),
  /// keeping each bucket in store order, as `buckets(of:)` builds them. Call with the records
  /// changed for a put, unchanged for a delete.
  private mutating func moveInBuckets(_ id: NoteID, from oldURL: String?, to newURL: String?) {
    guard urlBuckets != nil else { return }
    let oldKey = oldURL.map(NormalizedURL.bucketKey)
    let newKey = newURL.map(NormalizedURL.bucketKey)
    // With a URL table the buckets hold only notes in memory: a snapshot note that a put
    // replaced joins them even under its old key.
    let joins = urlTable != nil && newKey != nil && urlBuckets![newKey!]?.contains(id) != true
    guard oldKey != newKey || joins else { return }
    if let oldKey {
      urlBuckets![oldKey]?.removeAll { $0 == id }
      if urlBuckets![oldKey]?.isEmpty == true { urlBuckets![oldKey] = nil }
    }
    if let newKey, let position = position(of: id) {
      var bucket = urlBuckets![newKey] ?? []
      let slot = bucket.firstIndex { (self.position(of: $0) ?? 0) > position } ?? bucket.count
      bucket.insert(id, at: slot)
      urlBuckets![newKey] = bucket
    }
  }
}
