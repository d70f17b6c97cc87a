/// Parses query text into a `Query`.
///
/// Grammar (fzf's extended syntax plus tags, fields and dates):
///
///     query  = group { " " group }
///     group  = term { "|" term }                  alternatives (OR), optionally in ( )
///     term   = ["!"] ( "#" text                   a whole tag
///                    | ("after:" | "before:") YYYY-MM-DD
///                    | [field ":"] ["'" | "^"] text ["$"] )
///     field  = "title" | "url" | "site" | "body"
///     text   = bare characters | '"' characters '"'    (\" and \\ inside quotes)
///
/// An unknown `word:` prefix is plain text (so a URL can be typed as it is). Errors carry the
/// column of the problem; nothing is guessed.
public enum QueryParser {
  public static func parse(_ text: String) throws(QueryError) -> Query {
    let characters = Array(text)
    do {
      return try parse(characters)
    } catch {
      // Columns are counted in Characters while parsing; diagnostics count scalars.
      let before = characters.prefix(max(0, error.column - 1))
      let scalars = before.reduce(0) { $0 + $1.unicodeScalars.count }
      throw QueryError(column: scalars + 1, reason: error.reason)
    }
  }

  static func parse(_ characters: [Character]) throws(QueryError) -> Query {
    var groups: [[QueryTerm]] = []
    var pendingOr = false
    var lastBar = 0
    // Parentheses only spell out what `|` does anyway: they must hold exactly one group.
    var openParen: (column: Int, groupCount: Int)?
    for token in try tokens(of: characters) {
      if token.characters == ["("] {
        guard openParen == nil, !pendingOr else {
          throw QueryError(column: token.column, reason: "unexpected '('")
        }
        openParen = (token.column, groups.count)
        continue
      }
      if token.characters == [")"] {
        guard let open = openParen, !pendingOr, groups.count == open.groupCount + 1 else {
          throw QueryError(
            column: token.column,
            reason: openParen == nil
              ? "unexpected ')'" : "expected one group of alternatives (a | b) in parentheses")
        }
        openParen = nil
        continue
      }
      if token.characters == ["|"] {
        guard !groups.isEmpty, !pendingOr else {
          throw QueryError(column: token.column, reason: "expected a term before '|'")
        }
        pendingOr = true
        lastBar = token.column
        continue
      }
      let term = try parseTerm(token)
      if pendingOr {
        groups[groups.count - 1].append(term)
        pendingOr = false
      } else {
        groups.append([term])
      }
    }
    if pendingOr { throw QueryError(column: lastBar, reason: "expected a term after '|'") }
    if let openParen { throw QueryError(column: openParen.column, reason: "unclosed '('") }
    return Query(groups)
  }

  struct Token {
    var characters: [Character]
    /// 1-based column of the first character.
    var column: Int
  }

  /// Splits at spaces outside double quotes; an unclosed quote is an error at the quote.
  static func tokens(of characters: [Character]) throws(QueryError) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    while index < characters.count {
      if characters[index].isWhitespace {
        index += 1
        continue
      }
      if characters[index] == "(" {
        tokens.append(Token(characters: ["("], column: index + 1))
        index += 1
        continue
      }
      let start = index
      while index < characters.count && !characters[index].isWhitespace {
        if characters[index] == "\"" {
          let open = index
          index += 1
          while index < characters.count && characters[index] != "\"" {
            index += characters[index] == "\\" ? 2 : 1
          }
          guard index < characters.count else {
            throw QueryError(column: open + 1, reason: "unclosed quote")
          }
        }
        index += 1
      }
      var end = index
      while end > start && characters[end - 1] == ")" { end -= 1 }
      if end > start {
        tokens.append(Token(characters: Array(characters[start..<end]), column: start + 1))
      }
      for paren in end..<index { tokens.append(Token(characters: [")"], column: paren + 1)) }
    }
    return tokens
  }

  static func parseTerm(_ token: Token) throws(QueryError) -> QueryTerm {
    var rest = token.characters[...]
    var column = token.column
    func drop(_ count: Int) {
      rest = rest.dropFirst(count)
      column += count
    }
    var negated = false
    if rest.first == "!" {
      negated = true
      drop(1)
    }
    if rest.first == "#" {
      drop(1)
      let tag = Note.normalizedTag(
        try textValue(rest, column: column, what: "a tag after '#'").text)
      guard !tag.isEmpty else {
        throw QueryError(column: column, reason: "expected a tag after '#'")
      }
      return .tag(tag, negated: negated)
    }
    let word = String(rest.prefix { $0 != ":" && $0 != "\"" }).lowercased()
    if rest.dropFirst(word.count).first == ":" {
      if word == "after" || word == "before" {
        drop(word.count + 1)
        let date = try parseDate(rest, column: column, after: word)
        return (word == "after") != negated ? .after(date) : .before(date)
      }
      if let field = QueryField(rawValue: word), field != .any {
        drop(word.count + 1)
        return .text(try textTerm(rest, column: column, field: field, negated: negated))
      }
    }
    return .text(try textTerm(rest, column: column, field: .any, negated: negated))
  }

  static func textTerm(
    _ characters: ArraySlice<Character>, column: Int, field: QueryField, negated: Bool
  ) throws(QueryError) -> TextTerm {
    var rest = characters
    var column = column
    var kind = TextMatchKind.fuzzy
    if rest.first == "'" || rest.first == "^" {
      kind = rest.first == "'" ? .exact : .prefix
      rest = rest.dropFirst()
      column += 1
    }
    var suffix = false
    if rest.count > 1, rest.last == "$" {
      suffix = true
      rest = rest.dropLast()
    }
    let operatorText = negated ? "'!'" : field == .any ? "the term" : "'\(field.rawValue):'"
    let value = try textValue(rest, column: column, what: "text after \(operatorText)")
    guard !value.text.isEmpty else {
      throw QueryError(column: column, reason: "expected text after \(operatorText)")
    }
    if suffix { kind = kind == .prefix ? .whole : .suffix }
    if value.quoted && kind == .fuzzy { kind = .exact }
    return TextTerm(value.text, kind: kind, field: field, negated: negated, quoted: value.quoted)
  }

  /// Bare text, or one quoted string with `\"` and `\\` escapes and nothing after it.
  static func textValue(
    _ characters: ArraySlice<Character>, column: Int, what: String
  ) throws(QueryError) -> (text: String, quoted: Bool) {
    guard characters.first == "\"" else {
      if let quote = characters.firstIndex(of: "\"") {
        let at = column + quote - characters.startIndex
        throw QueryError(column: at, reason: "a quote must start the term's text")
      }
      guard !characters.isEmpty else {
        throw QueryError(column: column, reason: "expected \(what)")
      }
      return (String(characters), false)
    }
    var text = ""
    var index = characters.startIndex + 1
    while index < characters.endIndex && characters[index] != "\"" {
      if characters[index] == "\\", index + 1 < characters.endIndex {
        index += 1
      }
      text.append(characters[index])
      index += 1
    }
    let after = index + 1
    if after < characters.endIndex {
      let at = column + after - characters.startIndex
      throw QueryError(column: at, reason: "expected a space after the closing quote")
    }
    return (text, true)
  }

  static func parseDate(
    _ characters: ArraySlice<Character>, column: Int, after word: String
  ) throws(QueryError) -> QueryDate {
    let text = String(characters)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let error = QueryError(column: column, reason: "expected a date YYYY-MM-DD after '\(word):'")
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { throw error }
    guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
      throw QueryError(column: column, reason: "no such day: \(text)")
    }
    return QueryDate(year: year, month: month, day: day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
