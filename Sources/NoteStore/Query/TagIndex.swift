/// Tags with the notes that carry them, derived from the headers; rebuilt after changes.
///
/// Tags are compared case-insensitively; the name shown is the spelling seen first.
struct TagIndex {
  struct Entry {
    var name: String
    /// Positions into the store's records, ascending.
    var positions: [Int]
  }

  var entries: [TagKey: Entry] = [:] {
    didSet { sortedCounts = [:] }
  }
  /// `tagCounts(order:)` results, kept until the entries change.
  var sortedCounts: [TagOrder: [TagCount]] = [:]

  init() {}

  init(_ records: [NoteRecord]) {
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
    let keys = previousTags.map { Array(Set($0.map(TagKey.init))) } ?? Array(entries.keys)
    for key in keys where entries[key] != nil {
      let list = entries[key]!.positions
      let found = Self.lowerBound(position, in: list)
      if found < list.count && list[found] == position {
        entries[key]!.positions.remove(at: found)
        if entries[key]!.positions.isEmpty {
          entries[key] = nil
        } else if found == 0, let name = spelling(entries[key]!.positions[0], key) {
          entries[key]!.name = name
        }
      }
    }
    var seen = Set<TagKey>()
    for tag in tags {
      let key = TagKey(tag)
      guard seen.insert(key).inserted else { continue }
      var entry = entries[key] ?? Entry(name: tag, positions: [])
      let slot = Self.lowerBound(position, in: entry.positions)
      if slot == 0 { entry.name = tag }
      entry.positions.insert(position, at: slot)
      entries[key] = entry
    }
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
