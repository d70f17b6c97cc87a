/// The header fields of every note, laid out for searching one keystroke at a time.
///
/// Headers are decoded once (a store opened through its index keeps them in the mapped file);
/// each note's tags are numbers into `tagNames`, so a term is matched against each distinct
/// tag once per search rather than once per note carrying it. `dateRank` is each note's place
/// in list order (newest first, then title, then id): ranking sorts integers, not strings.
struct SearchTable {
  let headers: [NoteHeader]
  let hosts: [String?]
  /// Distinct tags (first spelling seen), and each note's tags as indices into them.
  let tagNames: [String]
  let tagKeys: [TagKey]
  let tagSlotsStart: [Int32]
  let tagSlots: [Int32]
  /// Position → place in list order, and back.
  let dateRank: [Int32]
  let positionByRank: [Int]

  init(_ store: NoteStore) {
    headers = store.records.map(\.header)
    hosts = headers.map(\.host)
    var names: [String] = []
    var keys: [TagKey] = []
    var slotByKey: [TagKey: Int32] = [:]
    var start: [Int32] = [0]
    var slots: [Int32] = []
    start.reserveCapacity(headers.count + 1)
    for header in headers {
      for tag in header.tags {
        let key = TagKey(tag)
        let slot: Int32
        if let known = slotByKey[key] {
          slot = known
        } else {
          slot = Int32(names.count)
          slotByKey[key] = slot
          names.append(tag)
          keys.append(key)
        }
        slots.append(slot)
      }
      start.append(Int32(slots.count))
    }
    tagNames = names
    tagKeys = keys
    tagSlotsStart = start
    tagSlots = slots
    let order = store.sortedInListOrder(Array(headers.indices))
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
