/// Tags with the notes that carry them, derived from the headers; rebuilt after changes.
///
/// Tags are compared case-insensitively; the name shown is the spelling seen first.
struct TagIndex {
  struct Entry {
    var name: String
    /// Positions into the store's records, ascending.
    var positions: [Int]
  }

  var entries: [TagKey: Entry] = [:]

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
}
