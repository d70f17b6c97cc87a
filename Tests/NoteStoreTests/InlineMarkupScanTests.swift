import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// `InlineMarkup.spans(of:)` and `plainText(of:)` scan UTF-8 bytes; these tests hold them to
/// the scalar-by-scalar parser they replaced (kept below as the reference), span for span and
/// byte for byte.
@Suite struct InlineMarkupScanTests {
  /// The parser before the byte scan, unchanged: the definition of the markup's meaning.
  enum Reference {
    static func spans(of markup: String) -> [InlineSpan] {
      var spans: [InlineSpan] = []
      var current = ""
      var style: InlineStyle = []
      func flush() {
        guard !current.isEmpty else { return }
        if let last = spans.last, last.style == style {
          spans[spans.count - 1].text += current
        } else {
          spans.append(InlineSpan(current, style))
        }
        current = ""
      }
      let scalars = Array(markup.unicodeScalars)
      var index = 0
      while index < scalars.count {
        let scalar = scalars[index]
        if scalar == "\\" && index + 1 < scalars.count {
          current.unicodeScalars.append(scalars[index + 1])
          index += 2
          continue
        }
        if scalar == "`" {
          flush()
          style.formSymmetricDifference(.code)
        } else if style.contains(.code) {
          current.unicodeScalars.append(scalar)
        } else if scalar == "*" && index + 1 < scalars.count && scalars[index + 1] == "*" {
          flush()
          style.formSymmetricDifference(.bold)
          index += 1
        } else if scalar == "*" {
          flush()
          style.formSymmetricDifference(.italic)
        } else {
          current.unicodeScalars.append(scalar)
        }
        index += 1
      }
      flush()
      return spans
    }

    static func plainText(of markup: String) -> String {
      collapseWhitespace(spans(of: markup).map(\.text).joined())
    }

    /// The scalar loop `collapseWhitespace` had for non-ASCII text (its ASCII path agreed).
    static func collapseWhitespace(_ text: String) -> String {
      var result = ""
      var pendingSpace = false
      for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
          pendingSpace = !result.isEmpty
        } else {
          if pendingSpace { result.unicodeScalars.append(" ") }
          pendingSpace = false
          result.unicodeScalars.append(scalar)
        }
      }
      return result
    }
  }

  /// Spans as comparable values that are exact about bytes (String `==` is canonical
  /// equivalence, which would hide a scalar written differently).
  static func exact(_ spans: [InlineSpan]) -> [[UInt8]] {
    spans.map { [$0.style.rawValue] + Array($0.text.utf8) }
  }

  static func expectSameAsReference(
    _ markup: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let scalars = markup.unicodeScalars.map { String($0.value, radix: 16) }
    #expect(
      exact(InlineMarkup.spans(of: markup)) == exact(Reference.spans(of: markup)),
      "spans of \(scalars)", sourceLocation: sourceLocation)
    #expect(
      Array(InlineMarkup.plainText(of: markup).utf8)
        == Array(Reference.plainText(of: markup).utf8),
      "plain text of \(scalars)", sourceLocation: sourceLocation)
    let spans = InlineMarkup.spans(of: markup)
    #expect(
      Array(InlineMarkup.plainText(of: spans).utf8) == Array(Reference.plainText(of: markup).utf8),
      "plain text of the spans of \(scalars)", sourceLocation: sourceLocation)
  }

  @Test func exactSpansOfFixedMarkup() {
    let cases: [(String, [InlineSpan])] = [
      ("", []),
      ("plain", [InlineSpan("plain")]),
      ("**CPU:** fast", [InlineSpan("CPU:", .bold), InlineSpan(" fast")]),
      ("*a*`b`c", [InlineSpan("a", .italic), InlineSpan("b", .code), InlineSpan("c")]),
      ("a``b", [InlineSpan("ab")]),  // an empty code span merges its neighbours
      ("a****b", [InlineSpan("ab")]),
      ("`x*y\\`z`", [InlineSpan("x*y`z", .code)]),  // `*` is text in code; `\` still escapes
      (#"\*not\* italic"#, [InlineSpan("*not* italic")]),
      ("ends with \\", [InlineSpan("ends with \\")]),  // a trailing backslash is text
      ("**open bold", [InlineSpan("open bold", .bold)]),
      ("***both***", [InlineSpan("both", [.bold, .italic])]),
      ("\\日本", [InlineSpan("日本")]),
      ("a\\😀b", [InlineSpan("a😀b")]),
      ("*\\e\u{301}*", [InlineSpan("e\u{301}", .italic)]),
      ("x\\\u{301}", [InlineSpan("x\u{301}")]),  // the escape takes the combining mark alone
    ]
    for (markup, expected) in cases {
      #expect(Self.exact(InlineMarkup.spans(of: markup)) == Self.exact(expected), "\(markup)")
      Self.expectSameAsReference(markup)
    }
    #expect(InlineMarkup.plainText(of: "**CPU:**  2\\*3\n`x`  ") == "CPU: 2*3 x")
    #expect(InlineMarkup.plainText(of: " \u{3000}**東京**\u{3000}") == "東京")
  }

  @Test func randomMarkupParsesAsTheReferenceDoes() {
    let alphabet = [
      "*", "**", "`", "\\", "\\", "a", "b", "Z", " ", "  ", "\n", "\t", "中", "日本", "😀", "👩‍👩‍👧",
      "e\u{301}", "\u{301}", "é", "\u{A0}", "\r\n", "\u{2028}",
    ]
    var random = SplitMix64(seed: 0x5EED_1)
    for round in 0..<5_000 {
      var markup = random.string(from: alphabet, maxPieces: 16)
      if round % 7 == 0 { markup += "\\" }
      Self.expectSameAsReference(markup)
    }
  }

  @Test func collapsesWhitespaceAsTheScalarLoopDid() {
    let cases: [(String, String)] = [
      ("", ""), ("a", "a"), ("  a  b  ", "a b"), ("a\u{A0}\u{3000}b", "a b"),
      ("\u{2028}東京\u{2029}", "東京"), ("a\u{200B}b", "a\u{200B}b"),  // ZERO WIDTH SPACE is not
      ("a\u{85}b\u{1680}c", "a b c"), ("\u{205F}", ""), ("x\u{202F}\u{180E}y", "x \u{180E}y"),
    ]
    for (text, expected) in cases {
      #expect(Array(InlineMarkup.collapseWhitespace(text).utf8) == Array(expected.utf8), "\(text)")
    }
    let alphabet = [
      "a", "é", "東", "😀", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
      "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}",
      "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{180E}", "\u{2060}", "\u{301}",
    ]
    var random = SplitMix64(seed: 0x5EED_3)
    for _ in 0..<5_000 {
      let text = random.string(from: alphabet, maxPieces: 10)
      #expect(
        Array(InlineMarkup.collapseWhitespace(text).utf8)
          == Array(Reference.collapseWhitespace(text).utf8),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  /// Every bullet of the shipped samples and the test fixtures, imported as a user would.
  /// (The real payloads of ../shared hold no previews: they add no bullets.)
  @Test func sampleNotesParseAsTheReferenceDoes() throws {
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let sources = [
      Fixtures.sampleData().path, Fixtures.url("flight").path, Fixtures.url("markdown").path,
      Fixtures.url("hostile").path, Fixtures.url("netscape").path,
    ]
    _ = try NoteImporter().importPaths(sources, into: store)
    var markups: [String] = []
    for header in store.headers {
      let note = try #require(store.note(header.id))
      markups += SummaryNode.flatten(note.summary).map(\.node.markup) + [note.title]
    }
    #expect(markups.count > 90)
    #expect(markups.contains { $0.contains("**") })
    for markup in markups { Self.expectSameAsReference(markup) }
  }
}
