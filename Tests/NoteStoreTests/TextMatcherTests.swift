import ByteKernels
import Testing

@testable import NoteStore

/// `TextMatcher.matches(_:)` answers ASCII text by a byte search; these tests hold it to its
/// definition, `text.lowercased().contains(needle.lowercased())` as NoteStore compiles it.
@Suite struct TextMatcherTests {
  /// The definition, compiled in NoteStore: in this test module, where other files import
  /// Foundation, `contains` would be Foundation's (which finds "\n" in "\r\n" and finds
  /// nothing for an empty needle).
  static func reference(_ needle: String, _ text: String) -> Bool {
    TextMatcher(needle).exactlyMatches(text)
  }

  static func scalars(_ text: String) -> [String] {
    text.unicodeScalars.map { String($0.value, radix: 16) }
  }

  @Test func exactAnswersOnASCIIAndAdversarialText() {
    let cases: [(needle: String, text: String, matches: Bool)] = [
      ("quixotry", "A QUIXOTRY of notes", true),
      ("QuiXotry", "quixotry", true),
      ("quixotry", "quixotr", false),
      ("quixotry", "quix otry", false),
      ("a\"b\\c", "A\"B\\C", true),
      ("tab\there", "TAB\tHERE", true),
      ("[x]", "a [X] b", true),
      ("k", "\u{212A}elvin", true),  // KELVIN SIGN lowercases to "k"
      ("kelvin", "\u{212A}ELVIN", true),
      ("\u{212A}", "kilo", true),  // and so does the needle
      ("i", "\u{130}stanbul", false),  // "İ" lowercases to "i" + a combining dot: one Character
      ("i\u{307}stanbul", "\u{130}stanbul", true),
      ("a;b", "A\u{37E}B", true),  // GREEK QUESTION MARK is canonically ";"
      ("x`y", "x\u{1FEF}y", true),  // and GREEK VARIA "`"
      ("quixotry", "quixotr\u{301}y", false),
      ("quixotry", "QUIXOTRY\u{301}", false),  // the last letter takes the accent
      ("cafe", "Café", false),
      ("café", "CAFE\u{301}", true),
      ("\n", "a\r\nb", false),  // CR LF is one Character
      ("\r", "a\r\nb", false),
      ("a\r\nb", "A\r\nB", true),
      ("b\nc", "ab\ncd", true),
      ("straße", "STRASSE", false),
      ("", "anything", true),
    ]
    for (needle, text, matches) in cases {
      #expect(Self.reference(needle, text) == matches, "reference: \(needle) in \(text)")
      #expect(TextMatcher(needle).matches(text) == matches, "\(needle) in \(Self.scalars(text))")
    }
  }

  @Test func theByteSearchAnswersForASCIITextAndMatchesBetweenASCIIBytes() throws {
    let matcher = TextMatcher("Kelvin")
    let needle = try #require(matcher.asciiNeedle)
    #expect(TextMatcher.asciiMatch("the KELVIN scale", needle) == true)
    #expect(TextMatcher.asciiMatch("kelvi", needle) == false)
    #expect(TextMatcher.asciiMatch("\u{212A}elvin", needle) == nil)
    // Non-ASCII text: a match with ASCII bytes or an end on both sides answers yes.
    #expect(TextMatcher.asciiMatch("kelvin é", needle) == true)
    #expect(TextMatcher.asciiMatch("é KELVIN", needle) == true)
    #expect(TextMatcher.asciiMatch("éKelvin.", needle) == nil)  // a scalar before it
    #expect(TextMatcher.asciiMatch("kelvin\u{301} é", needle) == nil)  // "n" takes the accent
    #expect(TextMatcher.asciiMatch("kelvin\u{301} kelvin é", needle) == true)  // the second
    #expect(TextMatcher.asciiMatch("kelvi é", needle) == nil)  // no bytes: the exact path
    #expect(TextMatcher("a\nb").asciiNeedle == nil)
    #expect(TextMatcher("\u{212A}").asciiNeedle == Array("k".utf8))
    #expect(TextMatcher("東京").asciiNeedle == nil)
    #expect(TextMatcher("").asciiNeedle == nil)
  }

  @Test func randomTextMatchesAsTheDefinitionSays() {
    let textAlphabet = [
      "a", "b", "A", "B", "k", "K", "i", "I", ";", "`", " ", "\n", "\r", "\r\n", "\t", "\u{212A}",
      "\u{130}", "\u{37E}", "\u{1FEF}", "\u{301}", "\u{307}", "é", "ß", "SS", "東", "😀", "\"",
    ]
    let needleAlphabet = [
      "a", "b", "A", "B", "k", "K", "i", "I", ";", "`", " ", "\n", "\r", "\t", "\u{212A}", "é",
      "ß", "\u{307}", "東",
    ]
    var random = SplitMix64(seed: 0x5EED_2)
    var asciiAnswers = 0
    var nonASCIITextAnswers = 0
    for _ in 0..<20_000 {
      let needle = random.string(from: needleAlphabet, maxPieces: 3)
      let text = random.string(from: textAlphabet, maxPieces: 10)
      let matcher = TextMatcher(needle)
      if let asciiNeedle = matcher.asciiNeedle,
        TextMatcher.asciiMatch(text, asciiNeedle) != nil
      {
        asciiAnswers += 1
        if !text.utf8.allSatisfy({ $0 < 0x80 }) { nonASCIITextAnswers += 1 }
      }
      #expect(
        matcher.matches(text) == Self.reference(needle, text),
        "\(Self.scalars(needle)) in \(Self.scalars(text))")
    }
    #expect(asciiAnswers > 1_000)  // the fast path was exercised, not only the fallback
    #expect(nonASCIITextAnswers > 300)  // on text with non-ASCII too (335 with this seed)
  }

  /// A note matches through its title, URL, tags or any summary node at any depth.
  @Test func notesMatchThroughEveryField() {
    let deep = SummaryNode(
      markup: "top",
      children: [SummaryNode(markup: "mid", children: [SummaryNode(markup: "**QUIX**otry")])])
    let matcher = TextMatcher("quixotry")
    #expect(matcher.matches([deep]))
    #expect(
      !matcher.matches([SummaryNode(markup: "quix", children: [SummaryNode(markup: "otry")])]))
    #expect(!matcher.matches([SummaryNode]()))
  }
}
