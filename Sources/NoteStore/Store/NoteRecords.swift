/// The store's records by position: the snapshot's notes, then the notes added since, with the
/// changes since the snapshot laid over them.
///
/// The snapshot's records are not copied out of the index: a record listed by the index's range
/// table is made when asked for, from its 24-byte entry. At 1,000,000 notes an array of every
/// record cost each command 40 MB of fresh pages and a third of an `add`'s CPU at open, for a
/// write that looks at a handful of notes. A scanned snapshot's records (decoded while
/// scanning) are held in an array instead.
///
/// Changes are kept beside the base, which never changes: records replaced or removed by
/// their base position, and records appended after it. Reading a position costs a binary
/// search of the removed positions: O(log removed).
struct NoteRecords: RandomAccessCollection {
  private enum Base {
    case records([NoteRecord])
    /// The index's range table, checked at open (`StoreIndex.read`).
    case table(MappedIndex)
  }

  private let base: Base
  private let baseCount: Int
  /// Base positions whose records were replaced (a put of a snapshot note), and a bit per
  /// base position saying which (made at the first replace): a scan of every record then
  /// pays a bit test, not a dictionary lookup, per record.
  private var replaced: [Int: NoteRecord] = [:]
  private var replacedBits: [UInt64] = []
  /// Base positions of removed records, ascending.
  private var removed: [Int] = []
  /// Records after the base: notes added since the snapshot.
  private var appended: [NoteRecord] = []

  init(_ records: [NoteRecord] = []) {
    base = .records(records)
    baseCount = records.count
  }

  /// The `count` records of `index`'s range table.
  init(table index: MappedIndex, count: Int) {
    base = .table(index)
    baseCount = count
  }

  var startIndex: Int { 0 }
  var endIndex: Int { baseCount - removed.count + appended.count }

  subscript(position: Int) -> NoteRecord {
    get {
      let kept = baseCount - removed.count
      if position >= kept { return appended[position - kept] }
      let slot = baseSlot(of: position).position
      if isReplaced(slot), let record = replaced[slot] { return record }
      return baseRecord(at: slot)
    }
    set {
      let kept = baseCount - removed.count
      if position >= kept {
        appended[position - kept] = newValue
      } else {
        replace(baseSlot(of: position).position, with: newValue)
      }
    }
  }

  mutating func append(_ record: NoteRecord) { appended.append(record) }

  /// Removes the record at `position`; the records after it move up one.
  mutating func remove(at position: Int) {
    let kept = baseCount - removed.count
    if position >= kept {
      appended.remove(at: position - kept)
      return
    }
    let slot = baseSlot(of: position)
    replace(slot.position, with: nil)
    removed.insert(slot.position, at: slot.removedBefore)
  }

  /// The positions of the records held in memory (replaced or appended), ascending: what a
  /// write's URL check looks at when the index's URL table answers for the rest.
  /// Complexity: O(changes × log changes), not O(n).
  var positionsInMemory: [Int] {
    let kept = baseCount - removed.count
    let replacedPositions = replaced.keys.sorted().map { basePosition in
      // Each removed position below it moved it up one.
      basePosition - TagIndex.lowerBound(basePosition, in: removed)
    }
    return replacedPositions + (kept..<endIndex)
  }

  /// The note's bytes in the snapshot at `position`; nil for a note held in memory. Reads the
  /// range table's entry alone (no header, no record made): what a raw scan of every note asks.
  func snapshotRange(at position: Int) -> Range<Int>? {
    let kept = baseCount - removed.count
    if position >= kept { return appended[position - kept].snapshotRange }
    let slot = baseSlot(of: position).position
    if isReplaced(slot) { return replaced[slot]?.snapshotRange }
    switch base {
    case .records(let records): return records[slot].snapshotRange
    case .table(let index): return index.entry(atPosition: slot).range
    }
  }

  private func isReplaced(_ basePosition: Int) -> Bool {
    !replacedBits.isEmpty && replacedBits[basePosition >> 6] & (1 << (basePosition & 63)) != 0
  }

  private mutating func replace(_ basePosition: Int, with record: NoteRecord?) {
    if replacedBits.isEmpty {
      guard record != nil else { return }
      replacedBits = [UInt64](repeating: 0, count: (baseCount + 63) / 64)
    }
    let bit: UInt64 = 1 << (basePosition & 63)
    if let record {
      replaced[basePosition] = record
      replacedBits[basePosition >> 6] |= bit
    } else {
      replaced[basePosition] = nil
      replacedBits[basePosition >> 6] &= ~bit
    }
  }

  /// The base position of `position` (< the kept base count), and how many removed base
  /// positions lie below it: removed[i] - i ascends, so the count of i with
  /// removed[i] - i <= position is found by binary search.
  private func baseSlot(of position: Int) -> (position: Int, removedBefore: Int) {
    var low = 0
    var high = removed.count
    while low < high {
      let middle = (low + high) / 2
      if removed[middle] - middle <= position { low = middle + 1 } else { high = middle }
    }
    return (position + low, low)
  }

  private func baseRecord(at position: Int) -> NoteRecord {
    switch base {
    case .records(let records): return records[position]
    case .table(let index):
      let entry = index.entry(atPosition: position)
      return NoteRecord(
        storedHeader: .indexed(index, offset: entry.offset), source: .snapshot(entry.range))
    }
  }
}
