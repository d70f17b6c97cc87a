/// A parsed search query: groups that must all match (AND), each a list of alternatives of
/// which one must match (OR, written `a | b`).
///
/// The same value drives the browser's `/` and `url-notes list --query`; `QueryParser` builds
/// it from text, `QueryMatcher` evaluates it on a note, `description` writes it back.
public struct Query: Equatable, Sendable, CustomStringConvertible {
  public var groups: [[QueryTerm]]

  public init(_ groups: [[QueryTerm]] = []) { self.groups = groups }

  /// True for the empty query, which every note matches.
  public var isEmpty: Bool { groups.isEmpty }

  /// The query in its canonical text form: terms separated by spaces, alternatives in
  /// parentheses ("#gpu (#llm | #ai) !#hardware").
  public var description: String {
    groups.map { group in
      let terms = group.map(\.description)
      return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " | ") + ")"
    }.joined(separator: " ")
  }

  /// Whether every note this query matches is also matched by `wider`: then a search for
  /// this query may start from `wider`'s result (the user typed more of the same query).
  /// Conservative: true only when each of `wider`'s groups is kept or narrowed by one group here.
  public func narrows(_ wider: Query) -> Bool {
    guard groups.count >= wider.groups.count else { return false }
    for (mine, theirs) in zip(groups, wider.groups) {
      guard mine.count == theirs.count else { return false }
      for (term, other) in zip(mine, theirs) where term != other {
        guard term.narrows(other) else { return false }
      }
    }
    return true
  }
}

/// One term of a query.
public enum QueryTerm: Equatable, Sendable, CustomStringConvertible {
  /// Text that must (or, negated, must not) occur in a field.
  case text(TextTerm)
  /// The note has (or, negated, lacks) this tag, compared case-insensitively.
  case tag(String, negated: Bool)
  /// The note's date (`created`) is on or after this day.
  case after(QueryDate)
  /// The note's date (`created`) is before this day.
  case before(QueryDate)

  public var description: String {
    switch self {
    case .text(let term): return term.description
    case .tag(let tag, let negated):
      let quoted = tag.contains(where: { $0 == " " || $0 == "\"" || $0 == "|" })
      return (negated ? "!#" : "#") + (quoted ? "\"\(tag)\"" : tag)
    case .after(let date): return "after:\(date)"
    case .before(let date): return "before:\(date)"
    }
  }

  /// Whether this term matches only notes that `wider` matches.
  func narrows(_ wider: QueryTerm) -> Bool {
    guard case .text(let term) = self, case .text(let other) = wider else { return false }
    return term.narrows(other)
  }
}

/// The fields a text term looks in.
public enum QueryField: String, Equatable, Sendable, CaseIterable {
  /// Title, tags, URL, summary and body (a plain term).
  case any
  case title
  /// The whole URL.
  case url
  /// The URL's host.
  case site
  /// The summary and the article body.
  case body
}

/// How a text term's text must occur.
public enum TextMatchKind: Equatable, Sendable {
  /// The characters in order, possibly with others between them (in short fields: title,
  /// tags, URL, host); as written in long ones (summary, body), where scattered letters
  /// would match almost anything.
  case fuzzy
  /// As written, anywhere (`'text` or `"quoted phrase"`).
  case exact
  /// At the start of the field (`^text`).
  case prefix
  /// At the end of the field (`text$`).
  case suffix
  /// The whole field (`^text$`).
  case whole
}

/// A text term: what to look for, how, where, and whether it must be absent.
public struct TextTerm: Equatable, Sendable, CustomStringConvertible {
  public var text: String
  public var kind: TextMatchKind
  public var field: QueryField
  public var negated: Bool
  /// Written between double quotes (a phrase, always matched as written).
  public var quoted: Bool

  public init(
    _ text: String, kind: TextMatchKind = .fuzzy, field: QueryField = .any, negated: Bool = false,
    quoted: Bool = false
  ) {
    self.text = text
    self.kind = kind
    self.field = field
    self.negated = negated
    self.quoted = quoted
  }

  public var description: String {
    var result = negated ? "!" : ""
    if field != .any { result += field.rawValue + ":" }
    if kind == .exact && !quoted { result += "'" }
    if kind == .prefix || kind == .whole { result += "^" }
    result += quoted ? "\"\(text)\"" : text
    if kind == .suffix || kind == .whole { result += "$" }
    return result
  }

  /// True when `wider` is the same term with a shorter text that this one extends: fuzzy and
  /// exact matches of a longer text imply matches of its prefix. Negated terms widen instead.
  func narrows(_ wider: TextTerm) -> Bool {
    guard !negated, !wider.negated, kind == wider.kind, field == wider.field,
      quoted == wider.quoted, kind == .fuzzy || kind == .exact
    else { return false }
    return text.hasPrefix(wider.text)
  }
}

/// A calendar day in UTC, as written in `after:` and `before:`.
public struct QueryDate: Equatable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Midnight UTC at the start of the day.
  public var start: Timestamp {
    let text = description + "T00:00:00Z"
    return Timestamp(iso8601: text) ?? Timestamp(secondsSince1970: 0)
  }

  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
