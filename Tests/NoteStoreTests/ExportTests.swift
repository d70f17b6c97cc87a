import TestSupport
import Testing

@testable import NoteStore

@Suite struct ExportTests {
  static let created = Timestamp(secondsSince1970: 1_689_033_600)
  static let updated = Timestamp(secondsSince1970: 1_689_120_000)

  let notes = [
    Note(
      id: NoteID("aaaaaaaaaaaa"), url: "https://example.com/a?x=1&y=\"2\"",
      title: "Tools <that> last & [endure]", tags: ["terminal", "unix"],
      summary: [
        SummaryNode(
          markup: "**CPU:** fast *enough*",
          children: [SummaryNode(markup: "`perf` stat", children: [SummaryNode(markup: "deep")])]),
        SummaryNode(markup: "second"),
      ],
      body: "# Title\n\nFirst paragraph.\n\n## Part\n",
      created: ExportTests.created, updated: ExportTests.updated),
    Note(
      id: NoteID("bbbbbbbbbbbb"), url: nil, title: "Hand-written note",
      summary: [SummaryNode(markup: "just a thought")], created: ExportTests.created,
      updated: ExportTests.updated, published: Timestamp(secondsSince1970: 1_588_032_000)),
    Note(
      id: NoteID("cccccccccccc"), url: "https://b.example/(paren) path", title: "",
      tags: ["a,b"], created: ExportTests.created, updated: ExportTests.updated),
  ]

  @Test func netscapeExportIsAnEscapedBookmarkFile() {
    #expect(
      NetscapeBookmarkExporter.export(notes) == """
        <!DOCTYPE NETSCAPE-Bookmark-file-1>
        <!-- This is an automatically generated file.
             It will be read and overwritten.
             DO NOT EDIT! -->
        <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
        <META NAME="generator" CONTENT="url-notes">
        <TITLE>Bookmarks</TITLE>
        <H1>Bookmarks</H1>
        <DL><p>
            <DT><A HREF="https://example.com/a?x=1&amp;y=&quot;2&quot;" ADD_DATE="1689033600" \
        LAST_MODIFIED="1689120000" TAGS="terminal,unix">Tools &lt;that&gt; last &amp; [endure]</A>
            <DD>CPU: fast enough
        perf stat
        deep
        second
            <DT><A HREF="https://b.example/(paren) path" ADD_DATE="1689033600" \
        LAST_MODIFIED="1689120000" TAGS="a\\,b">https://b.example/(paren) path</A>
        </DL><p>

        """)
  }

  @Test func netscapeExportReadsBackToTheSameBookmarks() throws {
    let exported = Array(NetscapeBookmarkExporter.export(notes).utf8)
    let reader = NetscapeBookmarkReader()
    #expect(reader.recognizes(exported, path: "bookmarks.html"))
    let drafts = try reader.read(exported, path: "bookmarks.html")
    let linked = notes.filter { $0.url != nil }
    #expect(drafts.map(\.url) == linked.map(\.url))
    #expect(drafts.map(\.title) == linked.map { $0.title.isEmpty ? $0.url! : $0.title })
    #expect(drafts.map(\.tags) == [["terminal", "unix"], ["a,b"]])
    #expect(drafts.map(\.created) == linked.map(\.created))
    #expect(drafts.map(\.updated) == linked.map(\.updated))
    #expect(
      drafts[0].summary.map(\.plainText) == ["CPU: fast enough", "perf stat", "deep", "second"])
  }

  @Test func sampleArticleSurvivesANetscapeRoundTrip() throws {
    let bytes = try Fixtures.bytes("markdown/terminal-tools-article.md")
    let draft = try #require(try MarkdownDumpReader().read(bytes, path: "a.md").first)
    let note = Note(
      id: NoteID("dddddddddddd"), url: draft.url, title: draft.title, tags: draft.tags,
      summary: draft.summary, body: draft.body, created: Self.created, updated: Self.updated)
    let back = try NetscapeBookmarkReader()
      .read(Array(NetscapeBookmarkExporter.export([note]).utf8), path: "b.html")
    #expect(back.map(\.url) == [draft.url])
    #expect(back.map(\.title) == [draft.title])
    #expect(back.map(\.tags) == [draft.tags])
    #expect(
      back[0].summary.map(\.plainText) == SummaryNode.flatten(draft.summary).map(\.node.plainText))
  }

  @Test func markdownExportHasOneReadableSectionPerNote() {
    #expect(
      MarkdownExporter.export(notes) == """
        ## [Tools <that> last & \\[endure\\]](https://example.com/a?x=1&y="2") <!-- id: aaaaaaaaaaaa -->

        Tags: terminal, unix

        - **CPU:** fast *enough*
          - `perf` stat
            - deep
        - second

        > # Title
        >
        > First paragraph.
        >
        > ## Part

        ## Hand-written note <!-- id: bbbbbbbbbbbb -->

        Published: 2020-04-28T00:00:00Z

        - just a thought

        ## [https://b.example/(paren) path](<https://b.example/(paren) path>) <!-- id: cccccccccccc -->

        Tags: a\\,b

        """)
    #expect(MarkdownExporter.export([]) == "")
  }
}
