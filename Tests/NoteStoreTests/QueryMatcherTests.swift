import TestSupport
import Testing

@testable import NoteStore

/// The matcher on decoded notes (match / no match tables) and the searcher on a store
/// (exact ranked orders).
@Suite struct QueryMatcherTests {
  static let framework = SampleNotes.note(
    "a1", url: "https://world.hey.com/dhh/the-framework-desktop-is-a-beast-636fb4ff",
    title: "The Framework Desktop is a beast", tags: ["hardware", "mini pc", "gpu"],
    summary: [SummaryNode(markup: "**CPU:** AMD Ryzen AI Max 395+")],
    created: Timestamp(iso8601: "2025-08-01T00:00:00Z")!)
  static let gptOSS = SampleNotes.note(
    "b2", url: "https://magazine.sebastianraschka.com/p/from-gpt-2-to-gpt-oss",
    title: "From GPT-2 to gpt-oss: Analyzing the Architectural Advances",
    tags: ["llm", "gpu", "moe"],
    summary: [
      SummaryNode(
        markup: "Batching and parallelism",
        children: [
          SummaryNode(markup: "Quantization to *MXFP4*")
        ])
    ],
    created: Timestamp(iso8601: "2025-08-10T00:00:00Z")!)
  static let terminal = SampleNotes.note(
    "c3", url: "https://quietshell.example/terminal-tools", title: "Why Terminal Tools Endure",
    body: "The teletype was a printer with a keyboard.",
    created: Timestamp(iso8601: "2024-03-05T00:00:00Z")!)
  static let tokyo = SampleNotes.note(
    "d4", title: "東京の夜 ÉCOLE Straße", tags: ["Reise", "機械学習"],
    created: Timestamp(iso8601: "2023-01-01T00:00:00Z")!)
  static let notes = [framework, gptOSS, terminal, tokyo]

  static func matching(_ query: String) throws -> [String] {
    let matcher = QueryMatcher(try QueryParser.parse(query))
    return notes.filter { matcher.score($0) != nil }.map(\.id.rawValue)
  }

  @Test(arguments: [
    ("frmwk dsktp", ["a1"]),
    ("FRMWK", []),  // an uppercase letter makes the term case-sensitive
    ("Frmwk", ["a1"]),
    ("gpu", ["a1", "b2"]),
    ("#gpu !#hardware", ["b2"]),
    ("#GPU", ["a1", "b2"]),
    ("#gp", []),  // a tag term is a whole tag
    ("#\"mini pc\"", ["a1"]),
    ("!#\"mini pc\" #gpu", ["b2"]),
    ("#llm | #hardware", ["a1", "b2"]),
    ("#moe | terminal", ["b2", "c3"]),
    ("teletype", ["c3"]),  // only in the body
    ("body:teletype", ["c3"]),
    ("title:teletype", []),
    ("'mxfp4", ["b2"]),  // in a nested summary node
    ("mxfp", ["b2"]),
    ("bchpar", []),  // long fields are never fuzzy
    ("'batching par", ["b2"]),
    ("\"batching and\"", ["b2"]),
    ("\"batching par\"", []),
    ("^why", ["c3"]),
    ("^endure", []),
    ("endure$", ["c3"]),
    ("^why terminal tools endure$", ["c3"]),
    ("'hey.com", ["a1"]),
    ("site:hey", ["a1"]),
    ("site:dhh", []),
    ("url:dhh", ["a1"]),
    ("!gpt", ["a1", "c3", "d4"]),
    ("!beast !teletype", ["b2", "d4"]),
    ("東京", ["d4"]),
    ("東夜", []),  // CJK is matched as written, never scattered
    ("école", ["d4"]),  // Unicode case folding
    ("straße", ["d4"]),
    ("#reise", ["d4"]),
    ("機械", ["d4"]),
    ("after:2025-08-01", ["a1", "b2"]),
    ("after:2025-08-02", ["b2"]),
    ("before:2025-08-01", ["c3", "d4"]),
    ("after:2024-01-01 before:2025-06-30", ["c3"]),
    ("", ["a1", "b2", "c3", "d4"]),
  ])
  func matchesExactlyTheseNotes(_ query: String, _ expected: [String]) throws {
    #expect(try Self.matching(query) == expected)
  }

  @Test func titleBeatsTagsBeatsURLBeatsSummaryBeatsBody() throws {
    func score(_ query: String, _ note: Note) throws -> Int? {
      QueryMatcher(try QueryParser.parse(query)).score(note)
    }
    let inTitle = try #require(try score("beast", Self.framework))
    let inTags = try #require(try score("mini", Self.framework))
    let inURL = try #require(try score("dhh", Self.framework))
    let inSummary = try #require(try score("ryzen", Self.framework))
    let inBody = try #require(try score("keyboard", Self.terminal))
    #expect(inTitle > inTags && inTags > inURL && inURL > inSummary && inSummary > inBody)
    // A word-start match scores above a scattered one in the same field.
    let boundary = try #require(try score("desk", Self.framework))
    let scattered = try #require(try score("dstp", Self.framework))
    #expect(boundary > scattered)
  }

  @Test func fuzzyScoresFollowFzf() {
    func score(_ pattern: String, _ text: String) -> Int? {
      TextPattern(pattern, kind: .fuzzy).score(in: text)
    }
    // fzf: "fb" in "foo bar": f at the start (16 + 2×10), a gap of 3 (-3 -1 -1),
    // b after a space (16 + 10).
    #expect(score("fb", "foo bar") == 57)
    #expect(score("fb", "foobar") == 16 + 20 - 3 - 1 + 16)
    #expect(score("oba", "foobar") == 16 + 0 + 16 + 4 + 16 + 4)
    #expect(score("xyz", "foobar") == nil)
    #expect(TextPattern("fb", kind: .fuzzy).positions(in: "foo bar") == [0, 4])
  }

  /// The tag lists' filter: a tag as the one tag of a note, through the same matcher.
  @Test func tagsMatchAsTheOneTagOfANote() throws {
    let tags = ["gpu", "GPU-cluster", "hardware", "mini pc", "東京"]
    func kept(_ text: String) throws -> [String] {
      let matcher = QueryMatcher(try QueryParser.parse(text))
      return tags.filter(matcher.matchesTag)
    }
    #expect(try kept("gp") == ["gpu", "GPU-cluster"])
    #expect(try kept("GPU") == ["GPU-cluster"])  // smart case
    #expect(try kept("hrdw") == ["hardware"])  // fuzzy
    #expect(try kept("!gpu") == ["hardware", "mini pc", "東京"])  // negated: as written
    #expect(try kept("#gpu") == ["gpu"])  // the whole tag, any case
    #expect(try kept("#GPU") == ["gpu"])
    #expect(try kept("!#gpu") == ["GPU-cluster", "hardware", "mini pc", "東京"])
    #expect(try kept("#\"mini pc\" | hard") == ["hardware", "mini pc"])
    #expect(try kept("pc$") == ["mini pc"])
    #expect(try kept("東京") == ["東京"])
    #expect(try kept("title:gpu") == [])  // a tag has no title
    #expect(try kept("after:2020-01-01") == [])  // nor a date
    #expect(try kept("!title:gpu") == tags)
  }
}
