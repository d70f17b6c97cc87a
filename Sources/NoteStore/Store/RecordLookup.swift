/// How a journal replay finds a note's record: through the id → position map, or, for a store
/// opened from its index with a short journal, by binary search over the snapshot's records
/// (in strictly ascending byte order of their ids, which opening checked) and a scan of the few
/// added since. Building the map decodes every id (15 ms at 100k notes), and a delete then
/// renumbered every later entry of it: a CLI query paid both whenever the journal held an edit.
enum RecordLookup {
  case map([NoteID: Int])
  /// The first `sortedCount` records are in strictly ascending byte order of their ids.
  case sorted(sortedCount: Int)

  /// Journals up to this size are replayed without the map (about a hundred notes).
  static let sortedReplayLimit = 256 << 10

  func position(of id: NoteID, in records: [NoteRecord]) -> Int? {
    switch self {
    case .map(let positions): return positions[id]
    case .sorted(let sortedCount):
      var low = 0
      var high = sortedCount
      while low < high {
        let middle = (low + high) / 2
        let middleID = records[middle].id
        if middleID == id { return middle }
        if middleID.rawValue.utf8.lexicographicallyPrecedes(id.rawValue.utf8) {
          low = middle + 1
        } else {
          high = middle
        }
      }
      for position in sortedCount..<records.count where records[position].id == id {
        return position
      }
      return nil
    }
  }

  /// Applies `change` to `records`; `position` is `position(of:in:)` for its note.
  mutating func apply(_ change: StoreChange, at position: Int?, to records: inout [NoteRecord]) {
    switch self {
    case .map(var positions):
      self = .map([:])  // the map's only owner is `positions` while it changes
      NoteStore.apply(change, to: &records, positions: &positions)
      self = .map(positions)
    case .sorted(let sortedCount):
      switch change {
      case .put(let note):
        let record = NoteRecord(note)
        if let position { records[position] = record } else { records.append(record) }
      case .delete:
        guard let position else { return }
        records.remove(at: position)
        if position < sortedCount { self = .sorted(sortedCount: sortedCount - 1) }
      }
    }
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
