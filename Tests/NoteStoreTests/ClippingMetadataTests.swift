import ByteJSON
import Diagnostics
import Testing

@testable import NoteStore

/// What web clippers write about a page (front matter, Defuddle's JSON block, Jina's header)
/// becomes the note's title, URL, tags and dates; links in the text never name the page.
@Suite struct ClippingMetadataTests {
  func read(
    _ source: String, path: String = "clip.md", flavor: MarkdownDumpReader.Flavor = .markdown
  )
    throws -> NoteDraft
  {
    let drafts = try MarkdownDumpReader(flavor: flavor).read(Array(source.utf8), path: path)
    try #require(drafts.count == 1)
    return drafts[0]
  }

  func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

  @Test(arguments: [
    ("2024-02-15", "2024-02-15T00:00:00Z"),
    ("2024-02-15T09:19:32 (UTC -03:00)", "2024-02-15T12:19:32Z"),
    ("2024-02-15T09:19:32Z", "2024-02-15T09:19:32Z"),
    ("2024-02-15T09:19:32.123+02:00", "2024-02-15T07:19:32Z"),
    ("2024-02-15 09:19", "2024-02-15T09:19:00Z"),
    ("\"2024-02-15T09:19:32-0130\"", "2024-02-15T10:49:32Z"),
  ])
  func clipperDatesAreRead(text: String, iso: String) {
    #expect(MarkdownDumpReader.clippingDate(text) == time(iso))
  }

  @Test(arguments: ["July 11, 2023", "2024-13-01", "2024-02-15T25:00", "2024-02-15 (soon)", ""])
  func otherDatesAreNone(text: String) {
    #expect(MarkdownDumpReader.clippingDate(text) == nil)
  }

  @Test func frontMatterAsObsidianAndMarkDownloadWriteIt() throws {
    let draft = try read(
      """
      ---
      title: "Notes: on clipping"
      source: https://a.example/post
      author:
        - "[[Someone]]"
      published: 2020-04-28
      date: 2023-01-02
      tags:
        - clippings
        - 'reading list'
      "watch-status": done
      ---
      # Notes: on clipping

      Text with [a link](https://other.example/).

      ## Part
      """)
    #expect(draft.title == "Notes: on clipping")
    #expect(draft.url == "https://a.example/post")
    #expect(draft.tags == ["clippings", "reading list"])
    #expect(draft.created == time("2023-01-02"))
    #expect(draft.published == time("2020-04-28"))
    #expect(draft.summary.map(\.plainText) == ["Part"])
  }

  @Test func createdBeatsDateBeatsPublishedAndInlineTagListsAreRead() throws {
    let created = try read(
      "---\ncreated: 2024-01-01\ndate: 2023-01-01\ntags: [a, \"b c\"]\n---\nx\n")
    #expect(created.created == time("2024-01-01"))
    #expect(created.tags == ["a", "b c"])
    #expect(created.title == "clip")
    let published = try read("---\nlink: https://l.example/\npublished: 2020-04-28\n---\n# T\n")
    #expect(published.created == time("2020-04-28"))
    #expect(published.published == time("2020-04-28"))
    #expect(published.url == "https://l.example/")
  }

  @Test func aDifferentFirstHeadingIsOutlineWhenSeveralH1sFollow() throws {
    let draft = try read("---\ntitle: Paper\n---\n# Introduction\n# Methods\n## Setup\n")
    #expect(draft.title == "Paper")
    #expect(outlineDump(draft.summary) == "Introduction\nMethods\n  Setup")
  }

  @Test func defuddleJSONBlock() throws {
    let draft = try read(
      """
      ```json
      {
        "title": "Maker's Schedule",
        "published": "2009-07-01",
        "description": "Why meetings cost makers more.",
        "url": "https://paulgraham.com/makersschedule.html"
      }
      ```

      Text citing [YC](http://ycombinator.com/).
      """)
    #expect(draft.title == "Maker's Schedule")
    #expect(draft.url == "https://paulgraham.com/makersschedule.html")
    #expect(draft.created == time("2009-07-01"))
    #expect(draft.summary.map(\.plainText) == ["Why meetings cost makers more."])
  }

  @Test(arguments: [MarkdownDumpReader.Flavor.markdown, .text])
  func jinaReaderHeader(flavor: MarkdownDumpReader.Flavor) throws {
    let draft = try read(
      """
      Title: Example Domain

      URL Source: https://example.com/

      Published Time: 2024-05-06T07:08:09Z

      Markdown Content:
      This domain is for use in examples. See [IANA](https://www.iana.org/).
      """, path: "jina.txt", flavor: flavor)
    #expect(draft.title == "Example Domain")
    #expect(draft.url == "https://example.com/")
    #expect(draft.created == time("2024-05-06T07:08:09Z"))
  }

  @Test func sourceLinesCountOnlyInTheHeaderBlock() throws {
    let header = try read("# T\n\n<link rel=\"canonical\" href=\"https://c.example/t\">\n\nText.\n")
    #expect(header.url == "https://c.example/t")
    let body = try read(
      "# T\n\n## Part\n\nQuoted from elsewhere:\n\n> Source: https://elsewhere.example/\n")
    #expect(body.url == nil)
    let later = try read(
      "# T\n" + String(repeating: "Prose line.\n", count: 20) + "Source: https://x.example/\n")
    #expect(later.url == nil)
  }

  @Test func titleFallsBackToTheFileNameThenTheFirstHeading() throws {
    #expect(try read("Just text.\n\n## Part\n", path: "/notes/My Clip.md").title == "My Clip")
    #expect(try read("## Only H2\n\ntext\n", path: "/notes/.md").title == "Only H2")
  }

  @Test func plainTextStillTakesItsFirstLine() throws {
    let draft = try read("A plain title\n\nBody text.\n", path: "note.txt", flavor: .text)
    #expect(draft.title == "A plain title")
    #expect(draft.created == nil)
  }
}
