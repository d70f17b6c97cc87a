/// Where the records a run of changes started from went (a journal replay, or one save), so
/// the tag index of those records can be brought up to date instead of rebuilt from every
/// header: a rebuild decodes 100k headers (1.3 s), and a store whose journal held one delete
/// paid it on every start.
struct RecordOrigins {
  /// For each record now, its position before the changes; -1 for a note added since. Made
  /// on the first delete: until then a record's origin is its position (puts replace in
  /// place or append), and an edit of a large store need not number every record.
  private var shifted: [Int32]?
  /// The tags of records a put replaced, by their position before the changes (the tags the
  /// index still has for them).
  private var replacedTags: [Int: [String]] = [:]
  /// The tags the index has for the deleted records (by key): only their lists lose a note.
  private var lostTags = Set<TagKey>()
  private var deletions = 0
  private var additions = 0
  private let countBefore: Int

  init(count: Int) { countBefore = count }

  /// How many records the index must change: replaced, added and deleted ones.
  var changes: Int { replacedTags.count + additions + deletions }

  /// The position before the changes of the record now at `position`, or -1.
  private func origin(at position: Int) -> Int {
    if let shifted { return Int(shifted[position]) }
    return position < countBefore ? position : -1
  }

  /// Notes `change` to the record at `position` (nil: none has its id); call it before the
  /// change is applied to `records`.
  mutating func record(_ change: StoreChange, at position: Int?, records: NoteRecords) {
    switch change {
    case .put:
      if let position {
        let origin = origin(at: position)
        if origin >= 0 && replacedTags[origin] == nil {
          replacedTags[origin] = records[position].header.tags
        }
      } else {
        shifted?.append(-1)
        additions += 1
      }
    case .delete:
      guard let position else { return }
      let origin = origin(at: position)
      if origin >= 0 {
        for tag in replacedTags[origin] ?? records[position].header.tags {
          lostTags.insert(TagKey(tag))
        }
      }
      if shifted == nil {
        shifted = records.indices.map { $0 < countBefore ? Int32($0) : -1 }
      }
      shifted!.remove(at: position)
      deletions += 1
    }
  }

  /// Brings `index`, built for the records before the changes, up to date with `records`
  /// (after them): exactly what `TagIndex(records)` gives.
  func update(_ index: inout TagIndex, records: NoteRecords) {
    let spelling = { (other: Int, key: TagKey) in
      records[other].header.tags.first { TagKey($0) == key }
    }
    func refresh(_ position: Int, previousTags: [String]) {
      let tags = records[position].header.tags
      // A put that kept the note's tags as they were spelled (most edits: the summary or
      // the title) leaves the index as it is. Looking each of them up in its list (a checked
      // binary search in the mapped index) cost a `tag merge` at 1,000,000 notes 0.1 s of
      // CPU with a journal of 1,900 such puts.
      if !previousTags.isEmpty && tags == previousTags { return }
      index.replace(
        position: position, tags: tags, previousTags: previousTags, spelling: spelling)
    }
    guard let shifted else {
      // No deletes: replaced records kept their positions, added ones follow them.
      for (position, previous) in replacedTags.sorted(by: { $0.key < $1.key }) {
        refresh(position, previousTags: previous)
      }
      for position in countBefore..<records.count { refresh(position, previousTags: []) }
      return
    }
    var kept = [Bool](repeating: false, count: countBefore)
    for origin in shifted where origin >= 0 { kept[Int(origin)] = true }
    index.remove(
      positions: kept.indices.filter { !kept[$0] }, losing: lostTags, spelling: spelling)
    for (position, origin) in shifted.enumerated() {
      if origin < 0 {
        refresh(position, previousTags: [])
      } else if let previous = replacedTags[Int(origin)] {
        refresh(position, previousTags: previous)
      }
    }
  }
}
