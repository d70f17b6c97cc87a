/// The header fields of every note, laid out for searching one keystroke at a time.
///
/// Headers are decoded once (a store opened through its index keeps them in the mapped file);
/// each note's tags are numbers into `tagNames`, so a term is matched against each distinct
/// tag once per search rather than once per note carrying it. `dateRank` is each note's place
/// in list order (newest first, then title, then id): ranking sorts integers, not strings.
///
/// Building it is the cost of a search's first key (`NoteSearcher.prepare()`): the headers,
/// then the tag slots from the tag index's postings (a pass over integers, no tag hashed per
/// note), then one sort by date that compares titles only between notes of the same second.
struct SearchTable {
  let headers: [NoteHeader]
  /// Distinct tags (the tag index's spelling), and each note's tags as indices into them.
  let tagNames: [String]
  let tagKeys: [TagKey]
  let tagSlotsStart: [Int32]
  let tagSlots: [Int32]
  /// Position → place in list order, and back.
  let dateRank: [Int32]
  let positionByRank: [Int]

  init(_ store: NoteStore) {
    headers = store.records.map(\.header)
    let entries = Array(store.tagIndex.entries)
    var start = [Int32](repeating: 0, count: headers.count + 1)
    var postings: [[Int]] = []
    postings.reserveCapacity(entries.count)
    for (_, entry) in entries {
      let positions = entry.positions
      for position in positions { start[position + 1] += 1 }
      postings.append(positions)
    }
    for position in 0..<headers.count { start[position + 1] += start[position] }
    var next = start
    var slots = [Int32](repeating: 0, count: Int(start[headers.count]))
    for (slot, positions) in postings.enumerated() {
      for position in positions {
        slots[Int(next[position])] = Int32(slot)
        next[position] += 1
      }
    }
    tagNames = entries.map(\.value.name)
    tagKeys = entries.map(\.key)
    tagSlotsStart = start
    tagSlots = slots
    let headers = self.headers
    let order = headers.indices.sorted { left, right in
      let a = headers[left]
      let b = headers[right]
      if a.created != b.created { return a.created > b.created }
      // As `NoteStore.sortedInListOrder`: same second, by title ignoring case, then id.
      let titles = (a.title.lowercased(), b.title.lowercased())
      if titles.0 != titles.1 { return titles.0 < titles.1 }
      return a.id < b.id
    }
    var rank = [Int32](repeating: 0, count: headers.count)
    for (place, position) in order.enumerated() { rank[position] = Int32(place) }
    dateRank = rank
    positionByRank = order
  }

  var count: Int { headers.count }

  func tagSlots(of position: Int) -> ArraySlice<Int32> {
    tagSlots[Int(tagSlotsStart[position])..<Int(tagSlotsStart[position + 1])]
  }
}
