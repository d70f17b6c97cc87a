/// Journal records to apply to a `StoreState`: read from the journal file (at load or refresh)
/// or just appended to it by this instance (a save).
struct JournalRun {
  var changes: [StoreChange]
  /// Where this instance's append put each note's JSON in the journal (file offsets); empty
  /// for records read from the file.
  var noteRanges: [NoteID: Range<Int>] = [:]
  /// When each delete happened, for its tombstone (the last time a note was deleted in the
  /// run: an earlier delete's tombstone is replaced anyway).
  var deleteTimes: [NoteID: Timestamp] = [:]
  /// The journal's length after these records, and its stamp.
  var end: Int
  var stamp: FileIdentity?
}

extension StoreState {
  /// The position of note `id`. Complexity: O(log n).
  func position(of id: NoteID) -> Int? {
    if let later = laterPositions[id] { return later }
    var low = 0
    var high = sortedCount
    while low < high {
      let middle = (low + high) / 2
      let middleID = records[middle].id
      if middleID == id { return middle }
      if Self.precedes(middleID, id) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// The ids that start with `prefix`: a binary search of the sorted records, then the notes
  /// added since. Complexity: O(log n + matches + notes added since) — a filter of every id
  /// decoded 1,000,000 of them from the index for a mistyped prefix (1 s).
  func ids(withPrefix prefix: String) -> [NoteID] {
    let key = NoteID(prefix)
    var low = 0
    var high = sortedCount
    while low < high {
      let middle = (low + high) / 2
      if Self.precedes(records[middle].id, key) { low = middle + 1 } else { high = middle }
    }
    var matches: [NoteID] = []
    while low < sortedCount, case let id = records[low].id, id.rawValue.hasPrefix(prefix) {
      matches.append(id)
      low += 1
    }
    return matches + laterPositions.keys.filter { $0.rawValue.hasPrefix(prefix) }
  }

  /// Byte order of ids: the order a snapshot is written in, and the index checks.
  static func precedes(_ left: NoteID, _ right: NoteID) -> Bool {
    left.rawValue.utf8.lexicographicallyPrecedes(right.rawValue.utf8)
  }

  /// The whole note at `position`, decoding it from the snapshot if it is not in memory.
  func note(at position: Int) -> Note? { records[position].note(in: snapshot) }

  /// The JSON bytes of the note at `position` in the mapped snapshot; nil for a note held in
  /// memory.
  func snapshotBytes(at position: Int) -> UnsafeBufferPointer<UInt8>? {
    guard let range = records.snapshotRange(at: position), let snapshot else { return nil }
    return UnsafeBufferPointer(rebasing: snapshot.bytes[range])
  }

  /// The URL buckets of `records`, or of only those held in memory.
  static func buckets(of records: NoteRecords, onlyInMemory: Bool) -> [String: [NoteID]] {
    var buckets: [String: [NoteID]] = [:]
    // Only the few in memory when asked: an `add` at 1,000,000 notes wants those.
    for position in onlyInMemory ? records.positionsInMemory : Array(records.indices) {
      let header = records[position].header
      guard let url = header.url else { continue }
      buckets[NormalizedURL.bucketKey(url), default: []].append(header.id)
    }
    return buckets
  }

  /// What is wrong with the state's structures, one line per broken rule: positions answer
  /// for every record and no other id, the sorted records ascend, the tag index and URL
  /// buckets equal ones rebuilt from the headers, and the index's URL table lists every
  /// snapshot note under its URL. Complexity: O(n); decodes every header.
  func problems() -> [String] {
    var problems: [String] = []
    var seen = Set<NoteID>()
    for (position, record) in records.enumerated() {
      let id = record.id
      if !seen.insert(id).inserted { problems.append("note \(id) is stored twice") }
      if position > 0 && position < sortedCount && !Self.precedes(records[position - 1].id, id) {
        problems.append("sorted ids not strictly ascending at \(id)")
      }
      if self.position(of: id) != position {
        problems.append(
          "note \(id) is at \(position) but its lookup says "
            + String(describing: self.position(of: id)))
      }
    }
    if laterPositions.count != records.count - sortedCount {
      problems.append(
        "\(laterPositions.count) later positions for \(records.count - sortedCount) notes")
    }
    if var tagIndex {
      pendingTagChanges?.update(&tagIndex, records: records)
      let rebuilt = TagIndex(records)
      if rebuilt.entries.keys.count != tagIndex.entries.keys.count
        || rebuilt.entries.contains(where: { key, entry in
          tagIndex.entries[key]?.positions != entry.positions
            || tagIndex.entries[key]?.name != entry.name
        })
      {
        problems.append("the tag index differs from one rebuilt from the headers")
      }
    }
    if let urlBuckets,
      urlBuckets != Self.buckets(of: records, onlyInMemory: urlTable != nil)
    {
      problems.append("the URL buckets differ from ones rebuilt from the headers")
    }
    if let urlTable {
      for record in records where !record.isInMemory {
        guard let url = record.header.url else { continue }
        let listed = urlTable.positions(withBucketHash: NormalizedURL.bucketHash(url))
        if !listed.contains(where: { urlTable.id(atPosition: $0) == record.id }) {
          problems.append("the index's URL table lacks note \(record.id)")
        }
      }
    }
    return problems
  }
}

extension StoreChange {
  /// The note the change is about.
  var noteID: NoteID {
    switch self {
    case .put(let note): note.id
    case .delete(let id): id
    }
  }
}
