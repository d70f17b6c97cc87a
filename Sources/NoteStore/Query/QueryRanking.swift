/// How a query's matches are put in a `NoteOrder`: the one definition the browser's searcher
/// (`NoteSearcher`, list ranks from its table) and the one-go query (`OneGoQuery`, list ranks
/// among its matches only) both rank by, so both give the same list.
///
/// A list rank is a note's place in list order (`SearchTable.inListOrder`: newest first, then
/// title, then id); since that order is total, ranks among any subset of notes order it as
/// ranks among all notes do.
enum QueryRanking {
  /// A note's place in `.relevance` or `.created` order as one integer (best score first,
  /// then list order): sorting integers is several times faster than comparing headers.
  static func key(score: Int, listRank: Int, order: NoteOrder) -> UInt64 {
    let rank = UInt64(listRank)
    guard order == .relevance else { return rank }
    // Scores are never negative (QueryMatcher); a query of many groups stays far below 2^32.
    return (UInt64(UInt32.max) - UInt64(min(score, Int(UInt32.max)))) << 32 | rank
  }

  /// `positions` in `order` `.updated`, `.title` or `.site` (the others are sorted by
  /// `key`); ties fall back to list order.
  static func sorted(
    _ positions: [Int], order: NoteOrder, header: (Int) -> NoteHeader, host: (Int) -> String?,
    listRank: (Int) -> Int
  ) -> [Int] {
    switch order {
    case .updated, .relevance, .created:
      let updated = positions.map { header($0).updated }
      return positions.indices.sorted {
        updated[$0] != updated[$1]
          ? updated[$0] > updated[$1] : listRank(positions[$0]) < listRank(positions[$1])
      }.map { positions[$0] }
    case .title:
      let folded = positions.map { header($0).title.lowercased() }
      return positions.indices.sorted {
        folded[$0] != folded[$1]
          ? folded[$0] < folded[$1] : listRank(positions[$0]) < listRank(positions[$1])
      }.map { positions[$0] }
    case .site:
      let hosts = positions.map { host($0)?.lowercased() }
      return positions.indices.sorted {
        switch (hosts[$0], hosts[$1]) {
        case (let left?, let right?) where left != right: return left < right
        case (nil, .some): return false
        case (.some, nil): return true
        default: return listRank(positions[$0]) < listRank(positions[$1])
        }
      }.map { positions[$0] }
    }
  }
}
