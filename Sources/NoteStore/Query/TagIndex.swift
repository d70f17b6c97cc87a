/// Tags with the notes that carry them, derived from the headers; rebuilt after changes.
///
/// Tags are compared case-insensitively; the name shown is the spelling seen first.
struct TagIndex {
  struct Entry {
    var name: String
    var postings: Postings

    init(name: String, positions: [Int]) {
      self.name = name
      postings = .list(positions)
    }

    init(name: String, postings: Postings) {
      self.name = name
      self.postings = postings
    }

    /// Positions into the store's records, ascending.
    var positions: [Int] {
      get { postings.positions }
      _modify {
        var list = postings.positions
        postings = .list([])  // the array's only owner is `list`: changes do not copy it
        defer { postings = .list(list) }
        yield &list
      }
    }

    /// How many notes carry the tag (without reading their positions).
    var count: Int { postings.count }
  }

  var entries: [TagKey: Entry] = [:] {
    didSet { sortedCounts = [:] }
  }
  /// `tagCounts(order:)` results, kept until the entries change.
  var sortedCounts: [TagOrder: [TagCount]] = [:]

  init() {}

  init(_ records: some Sequence<NoteRecord>) {
    for (position, record) in records.enumerated() {
      var seen = Set<TagKey>()
      for tag in record.header.tags {
        let key = TagKey(tag)
        guard seen.insert(key).inserted else { continue }
        entries[key, default: Entry(name: tag, positions: [])].positions.append(position)
      }
    }
  }

  func positions(of tag: String) -> [Int] { entries[TagKey(tag)]?.positions ?? [] }

  /// Records that the note at `position` now carries `tags` instead of `previousTags` (nil:
  /// not known, so every entry is checked). `spelling` gives the spelling of a tag on the note
  /// at a position, for an entry whose first note changes: an entry is named as the note at its
  /// lowest position spells it, exactly as when the index is built from the headers.
  /// Complexity: O(tags × log notes per tag), or O(distinct tags × …) without `previousTags`.
  mutating func replace(
    position: Int, tags: [String], previousTags: [String]?,
    spelling: (_ position: Int, _ key: TagKey) -> String?
  ) {
    // The note's tags by key, each with its first spelling (as the index is built).
    var seen = Set<TagKey>()
    var current: [(key: TagKey, tag: String)] = []
    for tag in tags {
      let key = TagKey(tag)
      if seen.insert(key).inserted { current.append((key, tag)) }
    }
    let previousKeys = previousTags.map { Set($0.map(TagKey.init)) }
    let keys = previousKeys.map(Array.init) ?? Array(entries.keys)
    // Entries are taken out of the dictionary while they change: a copy left behind would
    // share the positions array, and the insert or remove would then copy all of it (a tag
    // on thousands of notes, once per note of an import).
    for key in keys {
      // A tag the note keeps keeps its position (below): taking it out and putting it back
      // moved the whole list twice, and read it from the mapped index first — 1.5 s of every
      // command at 1,000,000 notes whose journal held 1,800 edits that kept their tags.
      if previousKeys != nil && seen.contains(key) { continue }
      guard entries[key]?.postings.contains(position) == true,
        var entry = entries.removeValue(forKey: key)
      else { continue }
      var list = entry.positions  // read from the index once, if it is still there
      entry.postings = .list([])
      let found = Self.lowerBound(position, in: list)
      list.remove(at: found)
      if list.isEmpty { continue }
      if found == 0, let name = spelling(list[0], key) { entry.name = name }
      entry.postings = .list(list)
      entries[key] = entry
    }
    for (key, tag) in current {
      if previousKeys?.contains(key) == true, let kept = entries[key],
        kept.postings.contains(position)
      {
        // Only the name can change: it is this note's spelling if the note is the entry's first.
        if kept.name != tag && kept.positions.first == position { entries[key]!.name = tag }
        continue
      }
      var entry = entries.removeValue(forKey: key) ?? Entry(name: tag, positions: [])
      let slot = Self.lowerBound(position, in: entry.positions)
      if slot == 0 { entry.name = tag }
      entry.positions.insert(position, at: slot)
      entries[key] = entry
    }
  }

  /// Takes the notes at `removed` (ascending positions) out and moves every later position
  /// down, as removing those records from the array does. `losing` holds the keys of the tags
  /// the removed notes carried (the tags the index has for them): only those lists can lose a
  /// position. `spelling` reads the records after the removal, for an entry whose first note
  /// was removed.
  /// Complexity: O(entries + removed + positions of the lists held in memory), plus
  /// O(removed × log) per losing list still in the mapped index: those lists are not read.
  mutating func remove(
    positions removed: [Int], losing: Set<TagKey>,
    spelling: (_ position: Int, _ key: TagKey) -> String?
  ) {
    guard !removed.isEmpty else { return }
    // Every entry still in the index holds the same earlier removals: their merge with these
    // is made once and shared (an array per entry would be 5,000 copies).
    var shared: (before: [Int], gone: [Int], merged: [Int])?
    var renumbered: [TagKey: Entry] = [:]
    renumbered.reserveCapacity(entries.count)
    for (key, entry) in entries {
      let losesNote = losing.contains(key)
      if case .indexed(var indexed) = entry.postings {
        if shared == nil || shared!.before != indexed.removed {
          let gone = removed.map { IndexedPostings.stored($0, indexed.removed) }
          var merged: [Int] = []
          merged.reserveCapacity(indexed.removed.count + gone.count)
          var next = 0
          for earlier in indexed.removed {
            while next < gone.count && gone[next] < earlier {
              merged.append(gone[next])
              next += 1
            }
            merged.append(earlier)
          }
          merged += gone[next...]
          shared = (indexed.removed, gone, merged)
        }
        let firstBefore = losesNote ? indexed.first : nil
        indexed.remove(stored: shared!.gone, merged: shared!.merged, mayHold: losesNote)
        guard indexed.count > 0 else { continue }
        var name = entry.name
        if let firstBefore, Self.holds(firstBefore, in: removed), let first = indexed.first {
          name = spelling(first, key) ?? name
        }
        renumbered[key] = Entry(name: name, postings: .indexed(indexed))
        continue
      }
      let old = entry.positions
      var list: [Int] = []
      list.reserveCapacity(old.count)
      var passed = 0  // removed positions below the current one
      for position in old {
        while passed < removed.count && removed[passed] < position { passed += 1 }
        if passed < removed.count && removed[passed] == position { continue }
        list.append(position - passed)
      }
      guard let first = list.first else { continue }
      let name = Self.holds(old[0], in: removed) ? spelling(first, key) ?? entry.name : entry.name
      renumbered[key] = Entry(name: name, positions: list)
    }
    entries = renumbered
  }

  /// Whether ascending `list` holds `value` (a binary search).
  static func holds(_ value: Int, in list: [Int]) -> Bool {
    let slot = lowerBound(value, in: list)
    return slot < list.count && list[slot] == value
  }

  static func lowerBound(_ value: Int, in list: [Int]) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
