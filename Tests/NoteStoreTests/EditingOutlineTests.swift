import Foundation
import NoteStore
import TestSupport
import Testing

/// The summary outline text: exact rendering, round trips of every imported tree, and one test
/// per error with its line and column.
@Suite struct EditingOutlineTests {
  static let tree = [
    SummaryNode(
      markup: "**CPU:** AMD Ryzen",
      children: [
        SummaryNode(markup: "16 cores", children: [SummaryNode(markup: "Zen5")]),
        SummaryNode(markup: ""),
      ]),
    SummaryNode(markup: "- starts with a dash"),
    SummaryNode(markup: "# not a heading"),
  ]

  @Test func rendersTwoSpacesPerLevelWithBullets() {
    #expect(
      OutlineText.render(Self.tree)
        == """
        - **CPU:** AMD Ryzen
          - 16 cores
            - Zen5
          -
        - - starts with a dash
        - # not a heading

        """)
    #expect(OutlineText.render([]) == "")
  }

  @Test func parsesWhatItRenders() throws {
    #expect(try OutlineText.parse(OutlineText.render(Self.tree)) == Self.tree)
  }

  @Test func bulletsAreOptionalAndBlankLinesIgnored() throws {
    let text = "Top\n  child one\n\n  - child two   \n    grandchild\nSecond\r\n"
    #expect(
      try OutlineText.parse(text) == [
        SummaryNode(
          markup: "Top",
          children: [
            SummaryNode(markup: "child one"),
            SummaryNode(markup: "child two", children: [SummaryNode(markup: "grandchild")]),
          ]),
        SummaryNode(markup: "Second"),
      ])
  }

  @Test func dedentingSeveralLevelsAtOnceIsFine() throws {
    let forest = try OutlineText.parse("- a\n  - b\n    - c\n- d\n")
    #expect(
      SummaryTreeText.lines(forest, text: \.markup) == ["├─ a", "│  └─ b", "│     └─ c", "└─ d"])
  }

  @Test func everyImportedTreeRoundTrips() throws {
    let store = try NoteStore.open(path: TemporaryDirectory().file("notes.json"))
    let samples =
      ["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt", "tag-hardware.rsc.txt"]
      .map { Fixtures.url("flight/" + $0).path }
      + [Fixtures.url("markdown/terminal-tools-article.md").path]
    _ = try NoteImporter().importPaths(samples, into: store)
    let notes = store.allNotes()
    #expect(notes.count == 4)
    var nodes = 0
    for note in notes {
      let text = OutlineText.render(note.summary)
      #expect(try OutlineText.parse(text) == note.summary, "\(note.title)")
      nodes += note.summary.reduce(0) { $0 + $1.nodeCount }
    }
    #expect(nodes > 50)
  }

  @Test func fixtureTreesRoundTripLineForLine() throws {
    for name in ["ask-hn-chatgpt-700m", "framework-desktop", "gpt-2-to-gpt-oss"] {
      let expected = try String(
        contentsOf: Fixtures.url("expected/\(name).tree.txt"), encoding: .utf8
      ).split(separator: "\n").map(String.init)
      let forest = try OutlineText.parse(Self.outline(fromTreeLines: expected))
      #expect(SummaryTreeText.lines(forest, text: \.markup) == expected, "\(name)")
    }
  }

  /// Turns `├─ x` / `│  └─ y` dump lines back into outline lines (3 columns per level there).
  static func outline(fromTreeLines lines: [String]) -> String {
    lines.map { line -> String in
      let scalars = Array(line.unicodeScalars)
      let marker = scalars.firstIndex { $0 == "├" || $0 == "└" }!
      let depth = marker / 3
      return String(repeating: "  ", count: depth) + "- "
        + String(String.UnicodeScalarView(scalars[(marker + 3)...]))
    }.joined(separator: "\n")
  }

  @Test func tabInIndentationNamesLineAndColumn() {
    #expect(throws: OutlineError(.tabIndentation, line: 2, column: 3)) {
      try OutlineText.parse("- a\n  \t- b\n")
    }
    #expect(
      OutlineError(.tabIndentation, line: 2, column: 3).description
        == "2:3: error: tab in the indentation; indent with 2 spaces per level")
  }

  @Test func oddIndentation() {
    let error = OutlineError(.oddIndentation(spaces: 3), line: 3, column: 4)
    #expect(throws: error) { try OutlineText.parse("- a\n  - b\n   - c\n") }
    #expect(
      error.description
        == "3:4: error: indentation of 3 spaces is not a multiple of 2; indent with 2 spaces per level"
    )
  }

  @Test func jumpOfTwoLevels() {
    let error = OutlineError(.indentationJump(depth: 2, allowed: 1), line: 2, column: 5)
    #expect(throws: error) { try OutlineText.parse("- a\n    - b\n") }
    #expect(
      error.description
        == "2:5: error: indented 2 levels deeper than the line before; expected at most 2 spaces")
  }

  @Test func indentedFirstLineAndLineOffset() {
    let error = OutlineError(.indentationJump(depth: 1, allowed: 0), line: 11, column: 3)
    #expect(throws: error) { try OutlineText.parse("\n  - a\n", firstLine: 10) }
    #expect(
      error.message == "the first bullet is indented; expected it at the start of the line")
  }
}
