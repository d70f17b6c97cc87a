import Testing

@testable import NoteStore

/// The query language as text: each query parses to exactly these terms (written back in
/// canonical form), and each malformed one fails with exactly this column and reason.
@Suite struct QueryParserTests {
  @Test(arguments: [
    ("frmwk dsktp", "frmwk dsktp"),
    ("  'exact  ^prefix suffix$ ^whole$ ", "'exact ^prefix suffix$ ^whole$"),
    ("!term !'also", "!term !'also"),
    ("a | b c", "(a | b) c"),
    ("#gpu (#llm | #ai) !#hardware", "#gpu (#llm | #ai) !#hardware"),
    ("#gpu #llm | #ai !#hardware", "#gpu (#llm | #ai) !#hardware"),
    ("#\"tag with spaces\" !#\"mini pc\"", "#\"tag with spaces\" !#\"mini pc\""),
    // A tag as the store keeps it (`Note.normalizedTag`), so it finds the notes that carry it.
    ("#\" mini \t\n pc \"", "#\"mini pc\""),
    ("\"two words\"", "\"two words\""),
    (
      "title:frame url:hey site:hey.com body:teletype",
      "title:frame url:hey site:hey.com body:teletype"
    ),
    ("TITLE:^The", "title:^The"),
    ("!title:beast", "!title:beast"),
    ("after:2024-01-01 before:2025-06-30", "after:2024-01-01 before:2025-06-30"),
    ("!after:2024-01-01", "before:2024-01-01"),
    ("https://example.com/a", "https://example.com/a"),
    ("東京", "東京"),
    ("\"say \\\"hi\\\"\"", "\"say \"hi\"\""),
  ])
  func parsesToCanonicalText(_ query: String, _ canonical: String) throws {
    #expect(try QueryParser.parse(query).description == canonical)
  }

  @Test func termsCarryKindFieldAndNegation() throws {
    let query = try QueryParser.parse("'ex ^pre suf$ ^all$ !neg title:\"a b\"$ #t !#u")
    #expect(
      query.groups == [
        [.text(TextTerm("ex", kind: .exact))],
        [.text(TextTerm("pre", kind: .prefix))],
        [.text(TextTerm("suf", kind: .suffix))],
        [.text(TextTerm("all", kind: .whole))],
        [.text(TextTerm("neg", negated: true))],
        [.text(TextTerm("a b", kind: .suffix, field: .title, quoted: true))],
        [.tag("t", negated: false)],
        [.tag("u", negated: true)],
      ])
    #expect(try QueryParser.parse("").isEmpty)
  }

  @Test(arguments: [
    ("\"abc", 1, "unclosed quote"),
    ("gpu #\"mini pc", 6, "unclosed quote"),
    ("after:2024-13-01", 7, "no such day: 2024-13-01"),
    ("x before:2025-02-29", 10, "no such day: 2025-02-29"),
    ("after:yesterday", 7, "expected a date YYYY-MM-DD after 'after:'"),
    ("after:", 7, "expected a date YYYY-MM-DD after 'after:'"),
    ("| a", 1, "expected a term before '|'"),
    ("a | | b", 5, "expected a term before '|'"),
    ("a |", 3, "expected a term after '|'"),
    ("#", 2, "expected a tag after '#'"),
    ("!#\"  \"", 3, "expected a tag after '#'"),
    ("!", 2, "expected text after '!'"),
    ("title:", 7, "expected text after 'title:'"),
    ("^", 2, "expected text after the term"),
    ("ab\"c d\"", 3, "a quote must start the term's text"),
    ("\"a b\"c", 6, "expected a space after the closing quote"),
    ("é\u{301}x \"", 5, "unclosed quote"),  // columns count scalars: é + accent are two
    ("(a | b", 1, "unclosed '('"),
    ("a)", 2, "unexpected ')'"),
    ("(a b)", 5, "expected one group of alternatives (a | b) in parentheses"),
    ("((a | b))", 2, "unexpected '('"),
  ])
  func malformedQueriesNameTheColumn(_ query: String, _ column: Int, _ reason: String) {
    #expect(throws: QueryError(column: column, reason: reason)) { try QueryParser.parse(query) }
  }

  @Test func errorsReadLikeEveryOtherInputError() {
    #expect(
      QueryError(column: 5, reason: "unclosed quote").description
        == "query:1:5: error: unclosed quote")
  }

  @Test func typingMoreNarrowsOnlyWhereMatchesCanOnlyShrink() throws {
    func narrows(_ longer: String, _ shorter: String) throws -> Bool {
      try QueryParser.parse(longer).narrows(QueryParser.parse(shorter))
    }
    #expect(try narrows("frmw", "frm"))
    #expect(try narrows("frm d", "frm"))
    #expect(try narrows("'exac", "'exa"))
    #expect(try !narrows("!frmw", "!frm"))  // a longer excluded text excludes less
    #expect(try !narrows("^pre", "^pr"))  // anchored terms are simply evaluated again
    #expect(try !narrows("frm", "frmw"))  // Backspace widens
    #expect(try narrows("a | bc", "a | b"))
    #expect(try !narrows("a | b", "a"))
  }
}
