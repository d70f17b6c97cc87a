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
  /// index was read, less the notes removed since (none of them this tag's: an entry that
  /// loses a note is read into a list).
  struct IndexedPostings {
    let index: MappedIndex
    let offset: Int
    let count: Int
    /// The tag, to find its notes by reading headers should the stored bytes not check out.
    let tag: TagKey
    /// Positions removed from the records since, ascending, in the index's numbering: each
    /// stored position moves down by the number of them below it.
    private var removed: [Int] = []

    init(index: MappedIndex, offset: Int, count: Int, tag: TagKey) {
      self.index = index
      self.offset = offset
      self.count = count
      self.tag = tag
    }

    var positions: [Int] {
      let stored = index.positions(at: offset, count: count, tag: tag)
      guard !removed.isEmpty else { return stored }
      var below = 0
      return stored.map { position in
        while below < removed.count && removed[below] < position { below += 1 }
        return position - below
      }
    }

    /// Whether the note now at `position` carries the tag (a binary search, in place).
    func contains(_ position: Int) -> Bool {
      let stored = storedPosition(of: position)
      guard index.postingsAreSound(at: offset, count: count) else {
        let list = index.positions(at: offset, count: count, tag: tag)
        let slot = TagIndex.lowerBound(stored, in: list)
        return slot < list.count && list[slot] == stored
      }
      var low = 0
      var high = count
      while low < high {
        let middle = (low + high) / 2
        let value = index.position(at: offset, slot: middle)
        if value == stored { return true }
        if value < stored { low = middle + 1 } else { high = middle }
      }
      return false
    }

    /// Notes the removal of the records now at `positions` (ascending), none of them this
    /// tag's.
    mutating func remove(_ positions: [Int]) {
      // Numbered before this removal: mapped through the earlier removals only.
      var merged = removed
      for position in positions {
        let stored = storedPosition(of: position)
        merged.insert(stored, at: TagIndex.lowerBound(stored, in: merged))
      }
      removed = merged
    }

    /// The index's number for the record now at `position`.
    private func storedPosition(of position: Int) -> Int {
      var stored = position
      for gone in removed {
        if gone <= stored { stored += 1 } else { break }
      }
      return stored
    }
  }
}
