extension TagIndex {
  /// An entry's positions: in memory, or still in the mapped index (read when asked for, so
  /// opening a store does not build 2M positions of which a query needs a few thousand).
  enum Postings {
    case list([Int])
    case indexed(IndexedPostings)

    var positions: [Int] {
      switch self {
      case .list(let positions): return positions
      case .indexed(let indexed): return indexed.positions
      }
    }

    var count: Int {
      switch self {
      case .list(let positions): return positions.count
      case .indexed(let indexed): return indexed.count
      }
    }

    /// Whether `position` is among the positions (a binary search, in place).
    func contains(_ position: Int) -> Bool {
      switch self {
      case .list(let positions):
        let slot = TagIndex.lowerBound(position, in: positions)
        return slot < positions.count && positions[slot] == position
      case .indexed(let indexed): return indexed.contains(position)
      }
    }
  }

  /// A tag's positions as the mapped index stores them, numbered as the records were when the
  /// index was read, less the records removed since: a delete notes where the records went
  /// instead of reading the lists it shifts or shortens (at 1,000,000 notes an `rm` read and
  /// checked every list of the index, 80 MB, to learn which ones held the note).
  struct IndexedPostings {
    let index: MappedIndex
    let offset: Int
    /// How many positions the index stores for the tag.
    let storedCount: Int
    /// The tag, to find its notes by reading headers should the stored bytes not check out.
    let tag: TagKey
    /// Records removed since the index was read, ascending, in the index's numbering: each
    /// stored position moves down by the number of them below it, and one among them is gone.
    /// Every entry still indexed holds the same list (one buffer: `TagIndex.remove` shares it).
    private(set) var removed: [Int] = []
    /// How many of the stored positions are among `removed`.
    private var dropped = 0

    init(index: MappedIndex, offset: Int, count: Int, tag: TagKey) {
      self.index = index
      self.offset = offset
      storedCount = count
      self.tag = tag
    }

    /// How many notes carry the tag now.
    var count: Int { storedCount - dropped }

    var positions: [Int] {
      let stored = index.positions(at: offset, count: storedCount, tag: tag)
      guard !removed.isEmpty else { return stored }
      var list: [Int] = []
      list.reserveCapacity(count)
      var below = 0
      for position in stored {
        while below < removed.count && removed[below] < position { below += 1 }
        if below < removed.count && removed[below] == position { continue }
        list.append(position - below)
      }
      return list
    }

    /// The position now of the tag's first note (nil when none is left). Complexity:
    /// O((removed notes of the tag + 1) × log removed).
    var first: Int? {
      guard count > 0 else { return nil }
      for slot in 0..<storedCount {
        guard let stored = index.checkedPosition(at: offset, slot: slot) else {
          return positions.first  // a damaged block: the list as the snapshot gives it
        }
        let below = TagIndex.lowerBound(stored, in: removed)
        if below == removed.count || removed[below] != stored { return stored - below }
      }
      return nil
    }

    /// Whether the note now at `position` carries the tag (a binary search, in place).
    func contains(_ position: Int) -> Bool { holds(stored: Self.stored(position, removed)) }

    /// Whether the index lists the tag at stored position `stored`: a binary search that
    /// verifies only the blocks it reads; a damaged one sends it to the checked whole list.
    private func holds(stored: Int) -> Bool {
      var low = 0
      var high = storedCount
      while low < high {
        let middle = (low + high) / 2
        guard let value = index.checkedPosition(at: offset, slot: middle) else {
          return TagIndex.holds(
            stored, in: index.positions(at: offset, count: storedCount, tag: tag))
        }
        if value == stored { return true }
        if value < stored { low = middle + 1 } else { high = middle }
      }
      return false
    }

    /// Notes the removal of the records at stored positions `gone` (ascending, none removed
    /// before), after which `removed` is `merged` (the old list and `gone`, shared by every
    /// entry). Only when `mayHold` (the tag was on a removed note) are the list's own
    /// positions looked up: a tag none of them carried just moves down.
    mutating func remove(stored gone: [Int], merged: [Int], mayHold: Bool) {
      if mayHold {
        for stored in gone where holds(stored: stored) { dropped += 1 }
      }
      removed = merged
    }

    /// The index's number for the record now at `position`, `removed` being the records
    /// removed before it: `position` plus the number of removed ones at or below the result,
    /// found by binary search (`removed[i] - i` does not decrease).
    static func stored(_ position: Int, _ removed: [Int]) -> Int {
      var low = 0
      var high = removed.count
      while low < high {
        let middle = (low + high) / 2
        if removed[middle] - middle <= position { low = middle + 1 } else { high = middle }
      }
      return position + low
    }
  }
}
