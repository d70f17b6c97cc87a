import NoteStore

/// The tags chosen in the tag list, as a query: groups that must all match, each one tag or
/// alternatives (`Space` adds a group, `|` an alternative to the last group), and tags that
/// must be absent (`!`). Written as the query it stands for: `#gpu (#llm | #ai) !#hardware`.
public struct TagSelection: Equatable, Sendable {
  /// Groups of alternatives, in the order chosen.
  public private(set) var groups: [[String]] = []
  /// Excluded tags.
  public private(set) var excluded: [String] = []
  /// Every tag added, latest last, for Backspace.
  private var history: [String] = []
  /// Whether the last tag was added as an alternative: the tag list then offers more
  /// alternatives (see `candidateQuery`).
  public private(set) var lastWasAlternative = false

  public init() {}

  public var isEmpty: Bool { groups.isEmpty && excluded.isEmpty }

  /// Tags every selected note carries (groups of one tag).
  public var requiredTags: [String] { groups.filter { $0.count == 1 }.map { $0[0] } }

  /// Every tag in the selection, excluded ones included.
  public var allTags: [String] { groups.flatMap { $0 } + excluded }

  /// The query the selection stands for.
  public var query: Query {
    Query(
      groups.map { $0.map { QueryTerm.tag($0, negated: false) } }
        + excluded.map { [QueryTerm.tag($0, negated: true)] })
  }

  /// The notes whose tags the tag list offers next: those of the whole selection; after `|`,
  /// those of the selection without its last group, since another alternative widens it.
  public var candidateQuery: Query {
    guard lastWasAlternative, !groups.isEmpty else { return query }
    return Query(
      groups.dropLast().map { $0.map { QueryTerm.tag($0, negated: false) } }
        + excluded.map { [QueryTerm.tag($0, negated: true)] })
  }

  /// Whether the only groups are single tags and nothing is excluded (the store answers that
  /// from its tag index directly).
  public var isPlainAND: Bool { excluded.isEmpty && groups.allSatisfy { $0.count == 1 } }

  /// How the selection is shown: "gpu + hardware" for tags that must all be there, else the
  /// query it stands for ("#gpu (#llm | #ai) !#hardware").
  public var label: String {
    isPlainAND ? requiredTags.joined(separator: " + ") : query.description
  }

  public func contains(_ tag: String) -> Bool {
    let key = TagKey(tag)
    return allTags.contains { TagKey($0) == key }
  }

  /// Adds `tag` as a group of its own, or takes it out when it is already selected.
  public mutating func toggle(_ tag: String) {
    if contains(tag) {
      remove(tag)
    } else {
      groups.append([tag])
      history.append(tag)
    }
    lastWasAlternative = false
  }

  /// Adds `tag` as an alternative to the last group (or as the first group).
  public mutating func addAlternative(_ tag: String) {
    guard !contains(tag) else { return }
    if groups.isEmpty { groups.append([tag]) } else { groups[groups.count - 1].append(tag) }
    history.append(tag)
    lastWasAlternative = true
  }

  /// Adds `tag` to the excluded tags (taking it out of the groups first).
  public mutating func exclude(_ tag: String) {
    if contains(tag) { remove(tag) }
    excluded.append(tag)
    history.append(tag)
    lastWasAlternative = false
  }

  /// Takes out the tag added last; false when nothing was selected.
  @discardableResult
  public mutating func removeLast() -> Bool {
    guard let last = history.last else { return false }
    remove(last)
    lastWasAlternative = false
    return true
  }

  mutating func remove(_ tag: String) {
    let key = TagKey(tag)
    groups = groups.map { $0.filter { TagKey($0) != key } }.filter { !$0.isEmpty }
    excluded.removeAll { TagKey($0) == key }
    history.removeAll { TagKey($0) == key }
  }
}
