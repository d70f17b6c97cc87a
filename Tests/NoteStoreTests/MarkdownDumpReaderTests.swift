import ByteJSON
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// An outline as indented lines of stored markup, two spaces per level: diffs read as trees.
func outlineDump(_ nodes: [SummaryNode]) -> String {
  SummaryNode.flatten(nodes).map { String(repeating: "  ", count: $0.depth) + $0.node.markup }
    .joined(separator: "\n")
}

@Suite struct MarkdownDumpReaderTests {
  let markdown = MarkdownDumpReader()
  let text = MarkdownDumpReader(flavor: .text)

  func readOne(_ source: String, _ reader: MarkdownDumpReader = MarkdownDumpReader()) throws
    -> NoteDraft
  {
    let drafts = try reader.read(Array(source.utf8), path: "page.md")
    try #require(drafts.count == 1)
    return drafts[0]
  }

  func problem(_ bytes: [UInt8], _ reader: MarkdownDumpReader = MarkdownDumpReader())
    -> Diagnostic?
  {
    do {
      _ = try reader.read(bytes, path: "page.md")
      return nil
    } catch {
      return error
    }
  }

  @Test func sampleArticleReadsToItsExactNote() throws {
    let bytes = try Fixtures.bytes("markdown/terminal-tools-article.md")
    let draft = try #require(try markdown.read(bytes, path: "terminal-tools-article.md").first)
    #expect(draft.title == "Why Terminal Tools Endure")
    #expect(draft.url == "https://quietshell.example/2023/07/why-terminal-tools-endure")
    #expect(draft.tags == ["terminal", "unix", "productivity"])
    #expect(draft.body == String(decoding: bytes, as: UTF8.self))
    #expect(
      outlineDump(draft.summary) == """
        The fifty-year interface
          Text is the universal adapter
          The Unix philosophy, restated
        **Speed:** what the keyboard buys you
          Muscle memory compounds
            A note on `vim` and `emacs`
          Latency you can feel
        Why the GUI didn't win (and where it did)
        Living with both — 両方と暮らす
          A short checklist
        """)
    #expect(
      draft.summary[1].spans == [
        InlineSpan("Speed:", .bold), InlineSpan(" what the keyboard buys you"),
      ])
    #expect(
      draft.summary[1].children[0].children[0]
        == SummaryNode(spans: [
          InlineSpan("A note on "), InlineSpan("vim", .code), InlineSpan(" and "),
          InlineSpan("emacs", .code),
        ]))
  }

  @Test func shippedSampleMatchesTheFixture() throws {
    let shipped = try Data(contentsOf: Fixtures.sampleData("terminal-tools-article.md"))
    #expect(Array(shipped) == (try Fixtures.bytes("markdown/terminal-tools-article.md")))
    #expect(markdown.recognizes(Array(shipped), path: "terminal-tools-article.md"))
  }

  @Test(arguments: [
    ("# *Title Here*", "Title Here"),
    ("# **Title Here**", "Title Here"),
    ("# _Title Here_", "Title Here"),
    ("# ***Title*** Here", "Title Here"),
    ("# [Title](https://example.com/) Here", "Title Here"),
    ("# <span class=\"t\">Title</span> `Here`", "Title Here"),
    ("# Title &amp; Here ##", "Title & Here"),
    ("# snake_case_title\\*", "snake_case_title*"),
    ("Title Here\n==========", "Title Here"),
  ])
  func titleLosesItsMarkup(heading: String, title: String) throws {
    #expect(try readOne(heading + "\n\nBody.\n").title == title)
  }

  @Test func bylineAndDateLinesAreNeitherTitleNorOutline() throws {
    for date in ["2023年7月11日", "July 11, 2023", "2023-07-11"] {
      let draft = try readOne(
        "# *Notes on Flight*\n\n山田 太郎\n\(date)\n\nIntro.\n\n## Rows\n\nText.\n")
      #expect(draft.title == "Notes on Flight")
      #expect(outlineDump(draft.summary) == "Rows")
    }
  }

  @Test func headingLevelsNestAndPromote() throws {
    let onlyH3 = try readOne("# T\n### A\n#### A1\n### B\n")
    #expect(outlineDump(onlyH3.summary) == "A\n  A1\nB")
    let skipped = try readOne("# T\n## A\n#### deep\n### mid\n## B\n")
    #expect(outlineDump(skipped.summary) == "A\n  deep\n  mid\nB")
    let navAbove = try readOne("## Menu\n# <img src=x>\n# *Real Title*\n## Part\n")
    #expect(navAbove.title == "Real Title")
    #expect(outlineDump(navAbove.summary) == "Part")
  }

  @Test(arguments: [
    "Comments", "12 Comments", "Responses", "コメント", "3件のコメント", "Leave a Reply",
    "2 thoughts on “Notes”", "Comments (4)",
  ])
  func outlineStopsAtTheCommentSection(heading: String) throws {
    let draft = try readOne("# T\n## Kept\n## \(heading)\n### Alice\n## After\n")
    #expect(outlineDump(draft.summary) == "Kept")
  }

  @Test func discussionEndsTheOutlineOnlyWhenNothingOrdinaryFollows() throws {
    let paper = try readOne("# T\n## Method\n## Discussion\n## Conclusion\n")
    #expect(outlineDump(paper.summary) == "Method\nDiscussion\nConclusion")
    let blog = try readOne("# T\n## Method\n## Discussion\n### bob\n### carol\n")
    #expect(outlineDump(blog.summary) == "Method")
  }

  @Test func footerHeadingsAreLeftOutButABodyBreakIsNot() throws {
    let footer = try readOne("# T\n## A\n\ntext\n\n---\n\n## Follow us\n© 2024 Site\n")
    #expect(outlineDump(footer.summary) == "A")
    let body = try readOne("# T\n## A\n\ntext\n\n---\n\n## B\n\nMore prose.\n")
    #expect(outlineDump(body.summary) == "A\nB")
  }

  @Test func codeFencesHideHeadingsAndSetextHeadingsCount() throws {
    let draft = try readOne(
      """
      Title
      =====

      Intro text.

      Part one
      --------

      ```sh
      # not a heading
      ```

      ~~~
      ## nor this
      ~~~

      ### Sub
      - item
      ---
      """)
    #expect(draft.title == "Title")
    #expect(outlineDump(draft.summary) == "Part one\n  Sub")
  }

  @Test func frontMatterGivesTitleURLAndTags() throws {
    let listed = try readOne(
      "---\ntitle: \"FM Title\"\nurl: https://fm.example/post\ntags: [swift, tui]\n---\n# Heading\n"
    )
    #expect(listed.title == "FM Title")
    #expect(listed.summary.isEmpty)
    #expect(listed.url == "https://fm.example/post")
    #expect(listed.tags == ["swift", "tui"])
    let plain = try readOne("---\nsource: 'https://fm.example/a'\ntags: a, b, A\n---\n# H\n")
    #expect(plain.title == "H")
    #expect(plain.url == "https://fm.example/a")
    #expect(plain.tags == ["a", "b"])
    let yamlList = try readOne("---\ntitle: FM Only\ntags:\n  - one\n  - two\n---\nNo heading.\n")
    #expect(yamlList.title == "FM Only")
    #expect(yamlList.tags == ["one", "two"])
    #expect(yamlList.summary.isEmpty)
  }

  @Test(arguments: [
    ("URL: <https://a.example/x>", "https://a.example/x"),
    ("**Source:** https://a.example/y", "https://a.example/y"),
    ("原文：https://a.example/ja", "https://a.example/ja"),
    ("> Original: [here](https://a.example/q)", "https://a.example/q"),
    (
      "Read the [original](https://a.example/o) and [source](https://b.example/s).",
      "https://a.example/o"
    ),
    ("Source: ftp://a.example/f\nSource: /relative\nURL: http://a.example/h", "http://a.example/h"),
  ])
  func sourceURLIsTheFirstAbsoluteHTTPOne(line: String, url: String) throws {
    #expect(try readOne("# T\n\n\(line)\n\n## Part\n").url == url)
  }

  @Test func noURLOrTagsWhenTheDumpNamesNone() throws {
    let draft = try readOne(
      "# T\n\nSee [docs](https://x.example/) for more.\n\n## Comments\n\nSource: https://c.example/\n"
    )
    #expect(draft.url == nil)
    #expect(draft.tags == [])
  }

  @Test func headingMarkupBecomesInlineSpans() {
    #expect(
      MarkdownDumpReader.inlineSpans("*a **b***")
        == [InlineSpan("a ", .italic), InlineSpan("b", [.bold, .italic])])
    #expect(
      MarkdownDumpReader.inlineSpans("__Step 1:__  run `make  all` <https://x.example/>")
        == [
          InlineSpan("Step 1:", .bold), InlineSpan(" run "), InlineSpan("make  all", .code),
          InlineSpan(" https://x.example/"),
        ])
    #expect(MarkdownDumpReader.inlineSpans("2 * 3 and **open") == [InlineSpan("2 * 3 and **open")])
  }

  @Test func plainTextDumpOutlinesNumberedAndUnderlinedSections() throws {
    let source = """

      Why Terminal Tools Endure
      =========================

      Source: https://quietshell.example/t
      Tags: terminal

      1. The fifty-year interface

      A paragraph, then a list:
      1. not a heading
      2. nor this

      1.1 Text is the universal adapter

      1.2 Small programs

      2. Speed

      2023 was a good year

      Living with both
      ================

      3 Comments
      ----------

      Nice post.

      """
    let draft = try readOne(source, text)
    #expect(draft.title == "Why Terminal Tools Endure")
    #expect(draft.url == "https://quietshell.example/t")
    #expect(draft.tags == ["terminal"])
    #expect(draft.body == source)
    #expect(
      outlineDump(draft.summary) == """
        1. The fifty-year interface
          1.1 Text is the universal adapter
          1.2 Small programs
        2. Speed
        Living with both
        """)
    #expect(try readOne("Title line\n\nJust prose.\n", text).summary.isEmpty)
  }

  @Test func bodyIsTheWholeTextWithBOMStrippedAndLineEndsNormalised() throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("# T\r\n\r\n## A\r\nline\rend\n".utf8)
    let draft = try #require(try markdown.read(bytes, path: "a.md").first)
    #expect(draft.body == "# T\n\n## A\nline\nend\n")
    #expect(outlineDump(draft.summary) == "A")
  }

  @Test func latinOneAccentsReadWithReplacementCharacters() throws {
    let bytes =
      Array("# Caf".utf8) + [0xE9] + Array("\n\nTr".utf8) + [0xE8] + Array("s bien.\n".utf8)
    let draft = try #require(try markdown.read(bytes, path: "a.md").first)
    #expect(draft.title == "Caf\u{FFFD}")
  }

  @Test func errorsNameWhatWasExpectedAndWhere() throws {
    #expect(problem([]) == Diagnostic("file is empty", at: TextPosition(line: 1, column: 1)))
    #expect(problem([0xEF, 0xBB, 0xBF])?.message == "file is empty")
    #expect(
      problem(Array("# T\nab".utf8) + [0, 1, 2])
        == Diagnostic(
          "binary file, expected a Markdown or text page dump",
          at: TextPosition(line: 2, column: 3)))
    let noise: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xD8, 0xFE, 0xC0, 0x80, 0xF5, 0x41]
    #expect(
      problem(noise)
        == Diagnostic(
          "binary file, expected a Markdown or text page dump",
          at: TextPosition(line: 1, column: 1)))
    #expect(try readOne("Just a paragraph.\n").title == "page")
    #expect(
      throws: Diagnostic(
        "no title found, expected front matter 'title:', a heading such as '# Title', or a "
          + "file name", at: TextPosition(line: 1, column: 1))
    ) { try markdown.read(Array("Just a paragraph.\n".utf8), path: "/notes/.md") }
    #expect(
      problem(Array("\n  \n".utf8), text)?.message
        == "no title found, the file holds only blank lines")
  }

  @Test func recognizesByExtensionOrLeadingHeading() {
    let page = Array("# T\n".utf8)
    #expect(markdown.recognizes([], path: "x.md"))
    #expect(markdown.recognizes([], path: "dir.v2/X.Markdown"))
    #expect(markdown.recognizes(Array("\n\n## Part\n".utf8), path: "dump"))
    #expect(markdown.recognizes(Array("---\nurl: x\n---\n".utf8), path: "dump"))
    #expect(markdown.recognizes(Array("<!-- saved -->\n<!--x-->\n# T\n".utf8), path: "dump"))
    #expect(!markdown.recognizes(Array("<!-- open\n# T\n".utf8), path: "dump"))
    #expect(!markdown.recognizes(Array("#hashtag\n".utf8), path: "dump"))
    #expect(!markdown.recognizes(Array("0:[\"$\"]\n".utf8), path: "page.rsc"))
    #expect(text.recognizes(page, path: "notes.txt"))
    #expect(text.recognizes(Array("Plain words\n".utf8), path: "notes.TXT"))
    #expect(!text.recognizes(Array("1f:T4a,{}".utf8), path: "tag-gpu.rsc.txt"))
    #expect(!text.recognizes(Array("Plain words\n".utf8), path: "notes.md"))
    #expect(markdown.format == "markdown" && text.format == "text")
  }

  /// Found by `.ci/fuzz` (markdown target), minimized: the plain-text title sits inside what
  /// opened as front matter, so the metadata lines ended before they began and the range
  /// trapped in the text reader. Both readers now answer.
  @Test func fuzzFindingFrontMatterEndingAfterTheTitle() throws {
    let input = Array("---\n-:\n\ncomment\r---".utf8)
    #expect(try markdown.read(input, path: "page.md").map(\.title) == ["page"])
    let drafts = try text.read(input, path: "page.txt")
    #expect(drafts.map(\.title) == ["---"])
    #expect(drafts.map(\.url) == [nil])
  }
}
