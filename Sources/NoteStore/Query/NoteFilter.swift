/// Which notes a list shows: tag conditions and a text search, all of which must hold.
public struct NoteFilter: Equatable, Sendable {
  /// The note has every one of these tags.
  public var allTags: [String]
  /// The note has at least one of these tags (ignored when empty).
  public var anyTags: [String]
  /// The note has none of these tags.
  public var noneTags: [String]
  /// Case-insensitive text that must occur in the title, URL, a tag, or the summary.
  public var text: String?

  public init(
    allTags: [String] = [], anyTags: [String] = [], noneTags: [String] = [], text: String? = nil
  ) {
    self.allTags = allTags
    self.anyTags = anyTags
    self.noneTags = noneTags
    self.text = text
  }

  /// True when nothing is filtered.
  public var isEmpty: Bool {
    allTags.isEmpty && anyTags.isEmpty && noneTags.isEmpty && (text ?? "").isEmpty
  }
}

/// A tag and the number of notes that carry it.
public struct TagCount: Equatable, Sendable {
  public var tag: String
  public var count: Int
  public init(tag: String, count: Int) {
    self.tag = tag
    self.count = count
  }
}

/// How tag lists are ordered.
public enum TagOrder: String, Sendable, CaseIterable {
  /// Most used first; ties by name.
  case count
  /// Alphabetical, case-insensitive.
  case name

  /// Sorts with each name lower-cased once, not once per comparison.
  func sort(_ counts: [TagCount]) -> [TagCount] {
    let folded = counts.map { $0.tag.lowercased() }
    let order = counts.indices.sorted { lhs, rhs in
      if self == .count && counts[lhs].count != counts[rhs].count {
        return counts[lhs].count > counts[rhs].count
      }
      if folded[lhs] != folded[rhs] { return folded[lhs] < folded[rhs] }
      return counts[lhs].tag < counts[rhs].tag
    }
    return order.map { counts[$0] }
  }
}
