/// Evaluates a `Query` on notes and ranks them.
///
/// A note matches when every group has a matching alternative; its score is the sum over the
/// groups of the best alternative's score. A text term's score is its best field's weight
/// (title 5, tags 4, URL or host 3, summary 2, body 1) times `fieldScale` plus the match's
/// fzf score in that field (a word-start or prefix match scores above a scattered one), so a
/// title match always beats a tag match, and so on down. Tag and date terms only filter.
/// Negated terms (`!text`, fzf's inverse exact match) must occur in none of their fields.
public struct QueryMatcher: Sendable {
  enum Term: Sendable {
    case text(TextTerm, TextPattern)
    case tag(TagKey, negated: Bool)
    case after(Timestamp)
    case before(Timestamp)
  }

  public let query: Query
  /// The groups' terms, each with its index into `terms` (the searcher keeps per-term tables).
  let groups: [[Int]]
  let terms: [Term]

  /// A field's weight is multiplied by this, above any fzf score of a short field.
  public static let fieldScale = 10_000

  /// Field weights, best first.
  public enum Weight {
    public static let title = 5
    public static let tags = 4
    public static let url = 3
    public static let summary = 2
    public static let body = 1
  }

  public init(_ query: Query) {
    self.query = query
    var terms: [Term] = []
    var groups: [[Int]] = []
    for group in query.groups {
      var indices: [Int] = []
      for term in group {
        indices.append(terms.count)
        switch term {
        case .text(let text):
          // fzf: a negated term is an inverse *exact* match.
          let kind = text.negated && text.kind == .fuzzy ? .exact : text.kind
          terms.append(.text(text, TextPattern(text.text, kind: kind)))
        case .tag(let tag, let negated): terms.append(.tag(TagKey(tag), negated: negated))
        case .after(let date): terms.append(.after(date.start))
        case .before(let date): terms.append(.before(date.start))
        }
      }
      groups.append(indices)
    }
    self.terms = terms
    self.groups = groups
  }

  /// The score of `candidate`, or nil when it does not match.
  func score(_ candidate: some QueryCandidate) -> Int? {
    var total = 0
    for group in groups {
      var best: Int?
      for index in group {
        if let score = termScore(index, candidate), score > (best ?? -1) { best = score }
      }
      guard let best else { return nil }
      total += best
    }
    return total
  }

  /// The score of a decoded note, or nil when it does not match.
  public func score(_ note: Note) -> Int? {
    score(DecodedCandidate(note: note, matcher: self))
  }

  func termScore(_ index: Int, _ candidate: some QueryCandidate) -> Int? {
    switch terms[index] {
    case .tag(let key, let negated):
      return candidate.hasTag(index, key) != negated ? 0 : nil
    case .after(let start):
      guard let date = candidate.date else { return nil }
      return date >= start ? 0 : nil
    case .before(let start):
      guard let date = candidate.date else { return nil }
      return date < start ? 0 : nil
    case .text(let term, let pattern):
      if term.negated {
        return occurs(index, term, pattern, candidate) ? nil : 0
      }
      return textScore(index, term, pattern, candidate)
    }
  }

  func textScore(
    _ index: Int, _ term: TextTerm, _ pattern: TextPattern, _ candidate: some QueryCandidate
  ) -> Int? {
    func scaled(_ weight: Int, _ score: Int?) -> Int? {
      score.map { weight * Self.fieldScale + min(max($0, 0), Self.fieldScale - 1) }
    }
    switch term.field {
    case .title: return scaled(Weight.title, candidate.titleScore(pattern))
    case .url: return scaled(Weight.url, candidate.urlScore(pattern))
    case .site: return scaled(Weight.url, candidate.host.flatMap(pattern.score(in:)))
    case .body: return candidate.longFieldWeight(index, pattern).map { $0 * Self.fieldScale }
    case .any:
      if let score = scaled(Weight.title, candidate.titleScore(pattern)) { return score }
      if let score = scaled(Weight.tags, candidate.tagScore(index, pattern)) { return score }
      if let score = scaled(Weight.url, candidate.urlScore(pattern)) { return score }
      return candidate.longFieldWeight(index, pattern).map { $0 * Self.fieldScale }
    }
  }

  /// Whether a negated term's text occurs in one of its fields.
  func occurs(
    _ index: Int, _ term: TextTerm, _ pattern: TextPattern, _ candidate: some QueryCandidate
  ) -> Bool {
    switch term.field {
    case .title: return candidate.titleScore(pattern) != nil
    case .url: return candidate.urlScore(pattern) != nil
    case .site: return candidate.host.map { pattern.score(in: $0) != nil } ?? false
    case .body: return candidate.longFieldWeight(index, pattern) != nil
    case .any:
      return candidate.titleScore(pattern) != nil || candidate.tagScore(index, pattern) != nil
        || candidate.urlScore(pattern) != nil || candidate.longFieldWeight(index, pattern) != nil
    }
  }

  /// The patterns of the query's positive text terms, for highlighting matches on screen.
  public var highlightPatterns: [HighlightPattern] {
    terms.compactMap {
      guard case .text(let term, let pattern) = $0, !term.negated else { return nil }
      return HighlightPattern(pattern: pattern, field: term.field)
    }
  }
}

/// What the matcher asks of a note. The searcher answers from its tables (tags as numbers,
/// bodies found by a raw scan), a one-go query from the index's bytes (`FieldCandidate`), a
/// decoded note directly. Titles and URLs are asked for as scores, not Strings, so that the
/// one-go query scores them in the index's bytes without making a String per note.
protocol QueryCandidate {
  /// The pattern's score in the title, or nil.
  func titleScore(_ pattern: TextPattern) -> Int?
  /// The pattern's score in the URL, or nil (also without a URL).
  func urlScore(_ pattern: TextPattern) -> Int?
  var host: String? { get }
  /// The date `after:` and `before:` compare: a note's creation (nil: none, a tag's name).
  var date: Timestamp? { get }
  /// Whether the note carries the tag of term `index`, `key`.
  func hasTag(_ index: Int, _ key: TagKey) -> Bool
  /// The best score of term `index`'s pattern over the note's tags.
  func tagScore(_ index: Int, _ pattern: TextPattern) -> Int?
  /// `Weight.summary` if the pattern occurs in the summary, else `Weight.body` if in the body.
  func longFieldWeight(_ index: Int, _ pattern: TextPattern) -> Int?
}

struct DecodedCandidate: QueryCandidate {
  let note: Note
  let matcher: QueryMatcher
  func titleScore(_ pattern: TextPattern) -> Int? { pattern.score(in: note.title) }
  func urlScore(_ pattern: TextPattern) -> Int? { note.url.flatMap(pattern.score(in:)) }
  var host: String? { note.host }
  var date: Timestamp? { note.created }
  func hasTag(_ index: Int, _ key: TagKey) -> Bool { note.tags.contains { TagKey($0) == key } }
  func tagScore(_ index: Int, _ pattern: TextPattern) -> Int? {
    note.tags.compactMap(pattern.score(in:)).max()
  }
  func longFieldWeight(_ index: Int, _ pattern: TextPattern) -> Int? {
    Self.longFieldWeight(pattern, summary: note.summary, body: note.body)
  }

  static func longFieldWeight(_ pattern: TextPattern, summary: [SummaryNode], body: String?)
    -> Int?
  {
    func inSummary(_ nodes: [SummaryNode]) -> Bool {
      nodes.contains { pattern.occurs(in: $0.plainText) || inSummary($0.children) }
    }
    if inSummary(summary) { return QueryMatcher.Weight.summary }
    if let body, pattern.occurs(in: body) { return QueryMatcher.Weight.body }
    return nil
  }
}

/// The note a summary-and-body question decoded last: a note is asked about once per text term
/// of a query, so the browser's search and the one-go query each keep the last one.
struct LastDecodedNote {
  private var last: (position: Int, note: Note?)?

  /// `DecodedCandidate.longFieldWeight` of the note at `position` of `store`, decoding it
  /// unless it was the last one asked about.
  mutating func longFieldWeight(_ pattern: TextPattern, at position: Int, in store: NoteStore)
    -> Int?
  {
    let note: Note?
    if let last, last.position == position {
      note = last.note
    } else {
      note = store.note(at: position)
      last = (position, note)
    }
    guard let note else { return nil }
    return DecodedCandidate.longFieldWeight(pattern, summary: note.summary, body: note.body)
  }
}

extension QueryMatcher {
  /// Whether a tag named `name` passes the query, read as it reads a note whose only field
  /// is that one tag: a text term matches the name as it would match a note's tag (fuzzy,
  /// `'exact`, `^prefix`, `suffix$`, smart case), `!term` must not occur in it, `#tag` is that
  /// tag itself and `!#tag` every other, `a | b` either. Field terms (`title:` …) and date
  /// terms match no tag: a tag has no title, URL, body or date. The tag lists' `/` filter.
  public func matchesTag(_ name: String) -> Bool {
    score(TagNameCandidate(name: name)) != nil
  }
}

/// A tag as the tag lists' filter shows it to the matcher: a name, and nothing else.
struct TagNameCandidate: QueryCandidate {
  let name: String
  func titleScore(_ pattern: TextPattern) -> Int? { nil }
  func urlScore(_ pattern: TextPattern) -> Int? { nil }
  var host: String? { nil }
  var date: Timestamp? { nil }
  func hasTag(_ index: Int, _ key: TagKey) -> Bool { TagKey(name) == key }
  func tagScore(_ index: Int, _ pattern: TextPattern) -> Int? { pattern.score(in: name) }
  func longFieldWeight(_ index: Int, _ pattern: TextPattern) -> Int? { nil }
}

/// A positive text term's pattern, to mark its matches in a field shown on screen.
public struct HighlightPattern: Sendable {
  let pattern: TextPattern
  public let field: QueryField

  /// The Character offsets in `text` the pattern's match takes, or nil without a match. In a
  /// long field (a summary line, the body) a fuzzy term must occur as written, as the matcher
  /// requires there.
  public func characterOffsets(in text: String, longField: Bool = false) -> [Int]? {
    guard let scalars = pattern.positions(in: text, longField: longField) else { return nil }
    var offsets: [Int] = []
    var scalarIndex = 0
    var wanted = scalars[...]
    for (offset, character) in text.enumerated() {
      let next = scalarIndex + character.unicodeScalars.count
      if let first = wanted.first, first < next {
        offsets.append(offset)
        while let first = wanted.first, first < next { wanted = wanted.dropFirst() }
      }
      scalarIndex = next
    }
    return offsets
  }
}
