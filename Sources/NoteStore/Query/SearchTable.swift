/// The header fields of every note, laid out for searching one keystroke at a time.
///
/// Headers are decoded once (a store opened through its index keeps them in the mapped file);
/// each note's tags are numbers into `tagNames`, so a term is matched against each distinct
/// tag once per search rather than once per note carrying it. `dateRank` is each note's place
/// in list order (newest first, then title, then id): ranking sorts integers, not strings.
///
/// Building it is the cost of a search's first key (`NoteSearcher.prepare()`): the headers,
/// then the tag slots from the tag index's postings (a pass over integers, no tag hashed per
/// note), then a sort by date that compares titles only between notes of the same second.
/// The browser builds it in steps while idle (`Builder`).
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

  /// The table of `store`, built in one go (`Builder` builds it in steps).
  init(_ store: NoteStore) {
    var builder = Builder(store)
    while !builder.isDone { builder.step() }
    self = builder.table!
  }

  init(
    headers: [NoteHeader], tagNames: [String], tagKeys: [TagKey], tagSlotsStart: [Int32],
    tagSlots: [Int32], dateRank: [Int32], positionByRank: [Int]
  ) {
    self.headers = headers
    self.tagNames = tagNames
    self.tagKeys = tagKeys
    self.tagSlotsStart = tagSlotsStart
    self.tagSlots = tagSlots
    self.dateRank = dateRank
    self.positionByRank = positionByRank
  }

  /// List order: newest first; as `NoteStore.listOrder`, notes of the same second by
  /// title ignoring case (compared only then), then by id.
  static func inListOrder(_ a: NoteHeader, _ b: NoteHeader) -> Bool {
    if a.created != b.created { return a.created > b.created }
    let titles = (a.title.lowercased(), b.title.lowercased())
    if titles.0 != titles.1 { return titles.0 < titles.1 }
    return a.id < b.id
  }

  var count: Int { headers.count }

  func tagSlots(of position: Int) -> ArraySlice<Int32> {
    tagSlots[Int(tagSlotsStart[position])..<Int(tagSlotsStart[position + 1])]
  }
}
