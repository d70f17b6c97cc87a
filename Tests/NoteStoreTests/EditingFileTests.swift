import Diagnostics
import NoteStore
import TestSupport
import Testing

/// The `$EDITOR` file: exact text, round trips (bodies kept), and line-numbered errors.
@Suite struct EditingFileTests {
  static let note = SampleNotes.note(
    "0123456789ab", url: "https://example.com/a", title: "A page",
    tags: ["gpu", "large language model", "a,b", "back\\slash"],
    summary: [
      SummaryNode(markup: "**CPU:** fast", children: [SummaryNode(markup: "16 cores")]),
      SummaryNode(markup: "Quiet"),
    ],
    body: "# Heading\n\n--- body ---\nmore text")

  @Test func rendersHeaderOutlineAndBody() {
    let text = NoteEditFile.render(Self.note)
    #expect(text.hasPrefix(NoteEditFile.instructions))
    #expect(
      text.dropFirst(NoteEditFile.instructions.count)
        == """
        url: https://example.com/a
        title: A page
        tags: gpu, large language model, a\\,b, back\\\\slash

        - **CPU:** fast
          - 16 cores
        - Quiet

        --- body ---
        # Heading

        --- body ---
        more text

        """)
    #expect(NoteEditFile.instructions.split(separator: "\n").allSatisfy { $0.hasPrefix("#") })
  }

  @Test func parsesWhatItRenders() throws {
    #expect(try NoteEditFile.parse(NoteEditFile.render(Self.note)) == NoteDraft(Self.note))
    var plain = Self.note
    plain.url = nil
    plain.body = nil
    plain.tags = []
    plain.summary = []
    let text = NoteEditFile.render(plain)
    #expect(!text.split(separator: "\n").contains { $0 == NoteEditFile.bodySeparator })
    #expect(try NoteEditFile.parse(text) == NoteDraft(plain))
  }

  @Test func importedNotesRoundTripWithBodies() throws {
    let store = try NoteStore.open(path: TemporaryDirectory().file("notes.json"))
    _ = try NoteImporter().importPaths(
      [
        Fixtures.url("flight/tag-gpu.rsc.txt").path,
        Fixtures.url("markdown/terminal-tools-article.md").path,
      ], into: store)
    let notes = store.allNotes()
    #expect(notes.contains { $0.body != nil })
    for note in notes {
      #expect(try NoteEditFile.parse(NoteEditFile.render(note)) == NoteDraft(note), "\(note.title)")
    }
  }

  @Test func fieldsIgnoreCaseAndCommentsAndWindowsLineEnds() throws {
    let text =
      "# a comment\r\n\r\nTitle:  Spaced  \r\nURL:\r\ntags: x , y z\r\n\r\nTop\r\n# gone\r\n  Child\r\n"
    #expect(
      try NoteEditFile.parse(text)
        == NoteDraft(
          url: nil, title: "Spaced", tags: ["x", "y z"],
          summary: [SummaryNode(markup: "Top", children: [SummaryNode(markup: "Child")])]))
  }

  @Test func errorsNameTheLine() {
    let cases: [(String, EditFileError)] = [
      (
        "title: t\nnonsense\n",
        EditFileError(
          line: 2, column: 1,
          "expected a header field (url:, title: or tags:) or a blank line before the summary")
      ),
      (
        "title: t\n- **CPU:** fast\n",
        EditFileError(
          line: 2, column: 1,
          "expected a header field (url:, title: or tags:) or a blank line before the summary")
      ),
      (
        "# c\nauthor: me\n",
        EditFileError(line: 2, column: 1, "unknown field 'author'; expected url:, title: or tags:")
      ),
      (
        "title: a\ntitle: b\n",
        EditFileError(line: 2, column: 1, "second 'title:' line (the first is on line 1)")
      ),
      (
        "url: https://x.org\n\n- a\n",
        EditFileError(line: 2, column: 1, "missing the 'title:' line in the header")
      ),
      (
        "title: t\ntags: a,, b\n",
        EditFileError(
          line: 2, column: 1, "tag 2 is empty; expected tags separated by single commas")
      ),
      (
        "# c\ntitle: t\n\n- a\n      - b\n",
        EditFileError(
          line: 5, column: 7,
          "indented 3 levels deeper than the line before; expected at most 2 spaces")
      ),
    ]
    for (text, expected) in cases {
      #expect(throws: expected) { try NoteEditFile.parse(text) }
    }
    #expect(
      EditFileError(line: 5, column: 7, "bad").diagnostic.inFile("/tmp/n.txt").description
        == "/tmp/n.txt:5:7: error: bad")
  }

  @Test func validationProblemsPointAtTheirHeaderValue() {
    let text = NoteEditFile.render(Self.note)
    let header = NoteEditFile.instructions.split(separator: "\n").count
    #expect(
      NoteEditFile.position(of: .malformedURL("x", reason: "r"), in: text)
        == TextPosition(line: header + 1, column: 6))
    #expect(
      NoteEditFile.position(of: .emptyTitle, in: text)
        == TextPosition(line: header + 2, column: 8))
    #expect(
      NoteEditFile.diagnostic(for: .duplicateTag("a", "A"), in: text).inFile("n.txt").description
        == "n.txt:\(header + 3):7: error: tags \"a\" and \"A\" are the same tag (tags ignore case)")
    // A value after several spaces: the column is where it starts.
    #expect(
      NoteEditFile.position(of: .emptyTitle, in: "url:\ntitle:   x\n")
        == TextPosition(line: 2, column: 10))
  }
}
