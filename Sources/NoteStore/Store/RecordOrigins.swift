/// Where the records a journal replay started from went, so the tag index of those records
/// can be brought up to date instead of rebuilt from every header: a rebuild decodes 100k
/// headers (1.3 s), and a store whose journal holds one delete paid it on every start.
struct RecordOrigins {
  /// For each record now, its position before the replay; -1 for a note added since.
  private(set) var origins: [Int32]
  /// The tags of records a put replaced, by their position before the replay (the tags the
  /// index still has for them).
  private(set) var replacedTags: [Int: [String]] = [:]
  private(set) var deletions = 0
  private(set) var additions = 0
  let countBefore: Int

  init(count: Int) {
    countBefore = count
    origins = (0..<count).map { Int32($0) }
  }

  /// How many records the index must change: replaced, added and deleted ones.
  var changes: Int { replacedTags.count + additions + deletions }

  /// Notes `change` to the record at `position` (nil: none has its id); call it before the
  /// change is applied to `records`.
  mutating func record(_ change: StoreChange, at position: Int?, records: [NoteRecord]) {
    switch change {
    case .put:
      if let position {
        let origin = Int(origins[position])
        if origin >= 0 && replacedTags[origin] == nil {
          replacedTags[origin] = records[position].header.tags
        }
      } else {
        origins.append(-1)
        additions += 1
      }
    case .delete:
      guard let position else { return }
      origins.remove(at: position)
      deletions += 1
    }
  }

  /// Brings `index`, built for the records before the replay, up to date with `records`
  /// (after it): exactly what `TagIndex(records)` gives.
  func update(_ index: inout TagIndex, records: [NoteRecord]) {
    let spelling = { (other: Int, key: TagKey) in
      records[other].header.tags.first { TagKey($0) == key }
    }
    if deletions > 0 {
      var kept = [Bool](repeating: false, count: countBefore)
      for origin in origins where origin >= 0 { kept[Int(origin)] = true }
      index.remove(positions: kept.indices.filter { !kept[$0] }, spelling: spelling)
    }
    for (position, origin) in origins.enumerated() {
      if origin < 0 {
        index.replace(
          position: position, tags: records[position].header.tags, previousTags: [],
          spelling: spelling)
      } else if let previous = replacedTags[Int(origin)] {
        index.replace(
          position: position, tags: records[position].header.tags, previousTags: previous,
          spelling: spelling)
      }
    }
  }
}
