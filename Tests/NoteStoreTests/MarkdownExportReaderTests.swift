import Diagnostics
import Testing

@testable import NoteStore

/// url-notes' own Markdown export is recognised by its lines and read back section by section.
@Suite struct MarkdownExportReaderTests {
  let reader = MarkdownExportReader()

  func read(_ text: String) throws -> [NoteDraft] {
    try reader.read(Array(text.utf8), path: "all.md")
  }

  @Test func sectionsBecomeNotesWithTheirIdsTagsOutlinesAndBodies() throws {
    let text = """
      ## [A \\[b\\] c](<https://a.example/x (1)>) <!-- id: aaaaaaaaaaaa -->

      Tags: one, two\\, three, back\\\\slash
      Published: 2020-04-28T00:00:00Z

      - **Top:** first
        - child
      - second

      > # Body
      >
      > text

      ## \\[Not a link\\] <!-- id: bbbbbbbbbbbb -->

      ## Old export without an id
      """
    #expect(reader.recognizes(Array(text.utf8), path: "all.md"))
    let drafts = try read(text)
    #expect(drafts.map(\.title) == ["A [b] c", "[Not a link]", "Old export without an id"])
    #expect(drafts.map(\.url) == ["https://a.example/x (1)", nil, nil])
    #expect(drafts.map(\.id) == [NoteID("aaaaaaaaaaaa"), NoteID("bbbbbbbbbbbb"), nil])
    #expect(drafts[0].tags == ["one", "two, three", "back\\slash"])
    #expect(drafts.map(\.published) == [Timestamp(iso8601: "2020-04-28T00:00:00Z"), nil, nil])
    #expect(outlineDump(drafts[0].summary) == "**Top:** first\n  child\nsecond")
    #expect(drafts[0].body == "# Body\n\ntext\n")
    #expect(drafts.allSatisfy { $0.fromExport })
    #expect(drafts[1].summary.isEmpty && drafts[1].body == nil)
  }

  @Test func aPageWithProseIsNotAnExport() {
    for text in [
      "## [T](https://a.example/)\n\nSome prose.\n", "# T\n\n- a\n", "Tags: a\n## T\n",
      "- a\n", "",
    ] {
      #expect(!reader.recognizes(Array(text.utf8), path: "x.md"), "\(text)")
    }
  }

  @Test func oddHeadingsDoNotTrap() throws {
    #expect(try read("## <!-- id: -->\n").map(\.title) == ["<!-- id: -->"])
    #expect(try read("## [unclosed\n").map(\.title) == ["[unclosed"])
    #expect(try read("## [t](x\n").map(\.url) == [nil])
  }
}
