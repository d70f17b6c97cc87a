import ByteJSON
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import NoteStore

@Suite struct NetscapeBookmarksTests {
  let reader = NetscapeBookmarkReader()

  func read(_ fixture: String, folderTags: Bool = false) throws -> [NoteDraft] {
    try NetscapeBookmarkReader(folderTags: folderTags)
      .read(try Fixtures.bytes("netscape/\(fixture)"), path: fixture)
  }

  func problem(_ text: String) -> Diagnostic? {
    do {
      _ = try reader.read(Array(text.utf8), path: "b.html")
      return nil
    } catch {
      return error
    }
  }

  func lines(_ nodes: [SummaryNode]) -> [String] { nodes.map(\.plainText) }

  @Test func firefoxExportReadsAnchorsDescriptionsAndEntities() throws {
    let drafts = try read("firefox.html")
    #expect(
      drafts.map(\.url) == [
        "https://news.ycombinator.com/item?id=44840728",
        "https://quietshell.example/2023/07/why-terminal-tools-endure",
        "https://example.jp/%E8%A8%98%E4%BA%8B?a=1&b=2",
        "https://www.mozilla.org/en-US/firefox/",
      ])
    #expect(
      drafts.map(\.title) == [
        "Ask HN: What \"terminal\" tools do you use daily?", "Why Terminal Tools Endure",
        "ターミナルの話 🐚", "Get Involved — Firefox",
      ])
    #expect(drafts.map(\.tags) == [[], ["terminal", "unix"], [], ["browser"]])
    #expect(
      drafts[0].summary == [
        SummaryNode(spans: [InlineSpan("A long thread of recommendations.")]),
        SummaryNode(spans: [InlineSpan("Mostly Rust rewrites & classics.")]),
      ])
    #expect(drafts[1...].allSatisfy { $0.summary.isEmpty && $0.body == nil })
  }

  @Test func folderNamesBecomeTagsOnlyWhenAskedAndNeverForBrowserRoots() throws {
    let drafts = try read("firefox.html", folderTags: true)
    #expect(
      drafts.map(\.tags) == [
        [], ["terminal", "unix", "Reading"], ["Reading", "日本語"], ["browser"],
      ])
  }

  @Test func lowercaseSingleQuotedAndBareAttributes() throws {
    let drafts = try read("linkding.html")
    #expect(
      drafts.map(\.url) == [
        "https://swift.org/documentation/", "https://ratatui.rs/", "https://example.com/untitled",
        "https://buku.example/a",
      ])
    #expect(
      drafts.map(\.title) == [
        "Swift Documentation", "Ratatui", "https://example.com/untitled", "buku export",
      ])
    #expect(
      drafts.map(\.tags) == [
        ["swift", "docs", "reference"], ["rust", "tui"], [], ["buku", "cli"],
      ])
    #expect(
      drafts.map { lines($0.summary) } == [
        ["Official docs."], [], ["Saved without a title.", "Second line"], [],
      ])
  }

  @Test func brokenMarkupStillYieldsItsAnchors() throws {
    let drafts = try read("broken.html", folderTags: true)
    #expect(
      drafts.map(\.url) == [
        "https://one.example/", "https://two.example/", "https://three.example/",
        "https://four.example/?q=1 < 2", "https://five.example/",
      ])
    #expect(
      drafts.map(\.title) == [
        "First, never closed", "Second, unterminated quote", "https://three.example/",
        "Fourth & bold 1 < 2", "Fifth",
      ])
    #expect(
      drafts.map(\.tags) == [
        [], ["a", "b"], [], ["Folder without end"], ["Folder without end"],
      ])
    #expect(lines(drafts[3].summary) == ["description never closed"])
  }

  @Test(arguments: [
    ("&amp; &lt; &gt; &quot; &#39; &apos;", "& < > \" ' '"),
    ("&#233;t&#xE9; &#X1F41A;", "été 🐚"),
    ("&copy; &#0; &#xZZ; &amp &#1114112;", "&copy; &#0; &#xZZ; &amp &#1114112;"),
  ])
  func entitiesDecodeAndUnknownOnesStay(encoded: String, decoded: String) throws {
    let html = "<DL><DT><A HREF=\"https://e.example/?a=1&amp;b=2\">\(encoded)</A></DL>"
    let draft = try #require(try reader.read(Array(html.utf8), path: "b.html").first)
    #expect(draft.title == decoded)
    #expect(draft.url == "https://e.example/?a=1&b=2")
  }

  @Test func filesWithoutAnchorsAreProblems() {
    #expect(
      problem("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n</DL>\n")
        == Diagnostic(
          "no bookmarks found, expected links written '<DT><A HREF=\"URL\">title</A>' inside a "
            + "'<DL>' list", at: TextPosition(line: 4, column: 1)))
    #expect(problem("")?.message == "file is empty")
    #expect(problem("<DL>\u{0}")?.message == "binary file, expected a Netscape bookmark file")
  }

  @Test func recognizesTheDoctypeOrListsOfLinks() throws {
    #expect(reader.recognizes(try Fixtures.bytes("netscape/firefox.html"), path: "b.html"))
    #expect(reader.recognizes(Array("<!doctype netscape-bookmark-file-1>".utf8), path: "x"))
    #expect(reader.recognizes(Array("<html><dl><p><DT> <a\n href=x>y</a>".utf8), path: "x"))
    #expect(!reader.recognizes(Array("<html><p><a href=x>y</a></html>".utf8), path: "x"))
    let savedPage = "<html><script>self.__next_f=[]</script><dl><dt><a href=x>y</a></dl>"
    #expect(!reader.recognizes(Array(savedPage.utf8), path: "page.html"))
    #expect(!reader.recognizes(Array("<dl><dt><abbr>HREF</abbr>".utf8), path: "x"))
    #expect(!reader.recognizes(try Fixtures.bytes("markdown/terminal-tools-article.md"), path: "x"))
    #expect(reader.format == "netscape")
  }

  @Test func datesInAnyUnitBecomeCreatedAndUpdated() throws {
    let drafts = try read("firefox.html")
    #expect(
      drafts.map(\.created)
        == [1_690_000_000, 1_689_033_600, 1_690_000_200, 1_690_000_300].map {
          Timestamp(secondsSince1970: $0)
        })
    #expect(drafts.map(\.updated?.secondsSince1970) == [1_690_000_100, 1_689_033_600, nil, nil])
    #expect(
      NetscapeBookmarkReader.timestamp("1616337559000")
        == Timestamp(secondsSince1970: 1_616_337_559))
    #expect(
      NetscapeBookmarkReader.timestamp("1616337559000000")
        == Timestamp(secondsSince1970: 1_616_337_559))
    #expect(NetscapeBookmarkReader.timestamp("0") == nil)
    #expect(NetscapeBookmarkReader.timestamp("soon") == nil)
  }

  @Test func pagesThatAreNotWebPagesAreSkippedWithAWarningAndTheRestLands() throws {
    let html = """
      <!DOCTYPE NETSCAPE-Bookmark-file-1>
      <DL><p>
        <DT><A HREF="javascript:alert(1)">Bookmarklet</A>
        <DT><A HREF="/relative/page">Relative</A>
        <DT><A HREF="mailto:a@b.example">Mail</A>
        <DT><A HREF="https://ok.example/">Fine</A>
      </DL>
      """
    let reading = try reader.readWithWarnings(Array(html.utf8), path: "b.html")
    #expect(reading.drafts.map(\.url) == ["https://ok.example/"])
    let absolute = "not an absolute URL (expected one such as https://example.com/page)"
    #expect(
      reading.warnings == [
        Diagnostic(
          "skipped \"javascript:alert(1)\" (\"Bookmarklet\"): a bookmarklet (javascript:), not a "
            + "web page", at: TextPosition(line: 3, column: 7), severity: .warning),
        Diagnostic(
          "skipped \"/relative/page\" (\"Relative\"): \(absolute)",
          at: TextPosition(line: 4, column: 7), severity: .warning),
        Diagnostic(
          "skipped \"mailto:a@b.example\" (\"Mail\"): \(absolute)",
          at: TextPosition(line: 5, column: 7), severity: .warning),
      ])
    let directory = TemporaryDirectory()
    let path = directory.file("b.html")
    try html.write(toFile: path, atomically: true, encoding: .utf8)
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let report = try NoteImporter().importPaths([path], into: store)
    #expect(
      report.files.first?.warnings.first?.description
        == "\(path):3:7: warning: \(reading.warnings[0].message)")
    #expect(report.added == 1)
  }

  @Test func escapedCommasStayInsideTagsAndRootFoldersAreNoTags() throws {
    #expect(NetscapeBookmarkReader.splitTags(#"a\, b,c\\d, e\f,,"#) == ["a, b", #"c\d"#, #"e\f"#])
    let html = """
      <DL><p><DT><H3>Bookmarks Toolbar</H3><DL><p>
        <DT><H3>Favorites</H3><DL><p><DT><A HREF="https://a.example/">A</A></DL><p>
      </DL><p>
      <DT><H3>Other Bookmarks</H3><DL><p><DT><A HREF="https://b.example/">B</A></DL><p></DL>
      """
    let drafts = try NetscapeBookmarkReader(folderTags: true).read(Array(html.utf8), path: "b")
    #expect(drafts.map(\.tags) == [["Favorites"], []])
  }
  /// Browsers' roots are known by how they are written, in any language: Chrome's flagged bar
  /// (German), Safari's first two folded folders outside any list and its Reading List id.
  @Test func localizedRootFoldersAreKnownByStructure() throws {
    let chrome = """
      <!DOCTYPE NETSCAPE-Bookmark-file-1>
      <DL><p>
        <DT><H3 ADD_DATE="1" PERSONAL_TOOLBAR_FOLDER="true">Lesezeichenleiste</H3>
        <DL><p><DT><A HREF="https://a.example/">A</A>
          <DT><H3>Reisen</H3><DL><p><DT><A HREF="https://b.example/">B</A></DL><p>
        </DL><p>
        <DT><H3>Weitere</H3><DL><p><DT><A HREF="https://c.example/">C</A></DL><p>
      </DL><p>
      """
    let fromChrome = try NetscapeBookmarkReader(folderTags: true)
      .read(Array(chrome.utf8), path: "chrome.html")
    #expect(fromChrome.map(\.tags) == [[], ["Reisen"], ["Weitere"]])
    let safari = """
      <!DOCTYPE NETSCAPE-Bookmark-file-1>
      \t<HTML>
      \t<H1>Lesezeichen</H1>
      \t<DT><H3 FOLDED>Favoriten</H3>
      \t<DL><p>
      \t\t<DT><A HREF="https://a.example/">A</A>
      \t\t<DT><H3 FOLDED>Favoriten</H3>
      \t\t<DL><p><DT><A HREF="https://b.example/">B</A></DL><p>
      \t</DL><p>
      \t<DT><H3 FOLDED>Lesezeichenmenü</H3>
      \t<DL><p><DT><A HREF="https://c.example/">C</A></DL><p>
      \t<DT><H3 FOLDED>Arbeit</H3>
      \t<DL><p><DT><A HREF="https://d.example/">D</A></DL><p>
      \t<DT><H3 FOLDED id="com.apple.ReadingList">Leseliste</H3>
      \t<DL><p><DT><A HREF="https://e.example/">E</A></DL><p>
      </HTML>
      """
    let fromSafari = try NetscapeBookmarkReader(folderTags: true)
      .read(Array(safari.utf8), path: "safari.html")
    #expect(fromSafari.map(\.tags) == [[], ["Favoriten"], [], ["Arbeit"], []])
  }
}
