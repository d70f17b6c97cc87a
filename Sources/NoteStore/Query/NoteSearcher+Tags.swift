extension NoteSearcher {
  /// The number of notes matching `query`, and the tags they carry with how many of them carry
  /// each; the tags the query names are left out (the co-occurring tags of a selection).
  public func cooccurringTags(matching query: Query, order: TagOrder = .count) -> (
    notes: Int, tags: [TagCount]
  ) {
    let positions = matches(query, within: NoteFilter()).positions
    var counts = [Int](repeating: 0, count: table.tagNames.count)
    for position in positions {
      for slot in table.tagSlots(of: position) { counts[Int(slot)] += 1 }
    }
    var named = Set<TagKey>()
    for group in query.groups {
      for case .tag(let tag, _) in group { named.insert(TagKey(tag)) }
    }
    var result: [TagCount] = []
    for (slot, count) in counts.enumerated()
    where count > 0 && !named.contains(table.tagKeys[slot]) {
      result.append(TagCount(tag: table.tagNames[slot], count: count))
    }
    return (positions.count, order.sort(result))
  }

  /// Tags whose names match every positive text term of `query` that looks in tags, best
  /// first (then most used); with no such term, the tags the query names. For the first
  /// screen's search, which lists matching tags above matching notes.
  public func matchingTags(_ query: Query) -> [TagCount] {
    let matcher = QueryMatcher(query)
    var patterns: [TextPattern] = []
    var named: [TagKey] = []
    for term in matcher.terms {
      switch term {
      case .text(let text, let pattern) where !text.negated && text.field == .any:
        patterns.append(pattern)
      case .tag(let key, negated: false):
        named.append(key)
      default:
        break
      }
    }
    let counts = store.tagCounts()
    if patterns.isEmpty {
      return counts.filter { named.contains(TagKey($0.tag)) }
    }
    var scored: [(score: Int, index: Int)] = []
    for (index, entry) in counts.enumerated() {
      var total = 0
      var matched = true
      for pattern in patterns {
        guard let score = pattern.score(in: entry.tag) else {
          matched = false
          break
        }
        total += score
      }
      if matched { scored.append((total, index)) }
    }
    // `counts` is by count then name already: a stable sort by score keeps that for ties.
    return scored.enumerated().sorted {
      $0.element.score != $1.element.score
        ? $0.element.score > $1.element.score : $0.offset < $1.offset
    }.map { counts[$0.element.index] }
  }
}
