import Foundation
import NoteStore
import TestSupport
import Testing

/// Every way a file can fail to import, reader by reader: the exact line the user sees
/// (`path:line:col: error: what was found, what was expected`), and a store left byte for byte
/// as it was. The command-line twin, with the binary and its exit status, is `BadInputTableTests`.
@Suite struct ImportFailureTableTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// The file's name: some readers are chosen by extension (`.rsc`, `.csv`, `.md`).
    var file: String
    /// The file's bytes; nil for a file that does not exist.
    var text: String?
    /// What follows the file's path in the failure's rendered line.
    var message: String
    var testDescription: String { name }

    init(_ name: String, _ file: String, _ text: String?, _ message: String) {
      self.name = name
      self.file = file
      self.text = text
      self.message = message
    }
  }

  /// `count` rows, each an element whose child is the next row: deeper than the page builder
  /// follows (`FlightDumpReader.maxElementDepth`).
  static func chainOfRows(_ count: Int) -> String {
    (0..<count).map {
      "\(String($0, radix: 16)):[\"$\",\"div\",null,{\"children\":\"$\(String($0 + 1, radix: 16))\"}]\n"
    }
    .joined()
  }

  static let cases: [Case] = [
    // The importer, before any reader.
    Case("a file that does not exist", "missing.rsc", nil, ":1:1: error: no such file"),
    Case("an empty file", "empty.md", "", ":1:1: error: file is empty"),
    Case(
      "a JSON file of no known shape", "other.json", #"{"a": [1, 2]}"#,
      ":1:1: error: a JSON file that is not a page dump; expected a flight payload (.rsc), a saved Next.js page (.html), a Markdown or text page dump, a Netscape bookmark file, url-notes' JSON export, or a Pocket, Raindrop, Instapaper or Pinboard export"
    ),
    Case(
      "broken JSON", "broken.json", #"{"a": "#,
      ":1:1: error: an unknown kind of file; expected a flight payload (.rsc), a saved Next.js page (.html), a Markdown or text page dump, a Netscape bookmark file, url-notes' JSON export, or a Pocket, Raindrop, Instapaper or Pinboard export"
    ),
    // Raw flight payloads: framing errors, then the page layer.
    Case(
      "a pretty-printed payload", "pretty.rsc", "1:\"$Sreact.fragment\"\n0:{\n  \"a\": 1\n}\n",
      ":3:1: error: file was reformatted (pretty-printed?): a line does not start with a row header"
    ),
    Case(
      "a row id that is not hex", "bad-id.rsc", "0:1\nG:2\n",
      ":2:1: error: expected a row id (lowercase hex digits) followed by ':', found 'G'"),
    Case(
      "a row id too long", "long-id.rsc", "0:1\n123456789:2\n",
      ":2:1: error: row id longer than 8 hex digits"),
    Case(
      "a row length that is not hex", "bad-length.rsc", "0:1\n1:T1x,ab\n",
      ":2:5: error: expected a lowercase hex digit or ',' in the length of row '1', found 'x'"),
    Case(
      "a hint row without its code", "hint.rsc", "0:1\n1:H\n",
      ":2:4: error: expected a hint code after 'H' in row '1'"),
    Case(
      "the legacy format", "legacy.rsc", "J0:[\"$\",\"div\",null,{}]\n",
      ":1:1: error: legacy React Flight format (before 2023: the tag comes before the row id, as in 'J0:'); not supported"
    ),
    Case(
      "text that is no payload", "notes.rsc", "hello, world\n",
      ":1:1: error: not a React Flight payload: expected a row header such as '0:' or an HTML page with self.__next_f scripts"
    ),
    Case(
      "a page without previews", "plain.rsc", "0:[\"$\",\"p\",null,{\"children\":\"hi\"}]\n",
      ":1:1: error: no note previews found (the payload has 1 rows but no link with a title beside a nested list)"
    ),
    Case(
      "a page without previews and a broken row", "broken-row.rsc", "0:[\"$L1\"]\n1:{oops}\n",
      ":2:4: error: no note previews found (the payload has 2 rows but no link with a title beside a nested list); first problem: row '1' is not valid JSON: expected a member name or '}', found 'o'"
    ),
    Case(
      "elements nested past the limit", "deep.rsc", chainOfRows(402),
      ":201:1: error: page elements nest deeper than 400 levels, the limit (while expanding row 'c8')"
    ),
    Case(
      "posts held as data with no address", "posts.rsc",
      "0:{\"posts\":[{\"title\":\"A\",\"slug\":\"a\",\"tags\":[\"x\"]},{\"title\":\"B\",\"slug\":\"b\",\"tags\":[\"y\"]}]}\n",
      ":1:1: error: no note previews found, but the page holds 2 posts with tags as data and states no address (canonical link, og:url or metadataBase) to resolve their links against; import it again with --base-url URL (the site address its post paths start from), nothing was imported"
    ),
    // Saved pages: the scripts, then the payload placed back in the page.
    Case(
      "a page of the pages router", "old.html",
      "<!DOCTYPE html><html><body>\n<script id=\"__NEXT_DATA__\" type=\"application/json\">{}</script></body></html>\n",
      ":2:13: error: not an App Router page (found __NEXT_DATA__: a pages-router page)"),
    Case(
      "a Next page without flight scripts", "static.html",
      "<!DOCTYPE html><html><head><link href=\"/_next/static/a.css\"></head></html>\n",
      ":1:1: error: HTML page without self.__next_f scripts: not a Next.js App Router page"),
    Case(
      "a push that is not JSON", "push.html",
      "<html><script>self.__next_f.push([0])</script>\n<script>self.__next_f.push([1,'0:1'])</script></html>\n",
      ":2:31: error: malformed self.__next_f.push(...) call: expected a value, found '''"),
    Case(
      "a push of no array", "object.html",
      "<html><script>self.__next_f.push({\"a\":1})</script></html>\n",
      ":1:34: error: malformed self.__next_f.push(...) call: expected an array [type, data]"),
    Case(
      "a push whose data is no string", "number.html",
      "<html><script>self.__next_f.push([0]);self.__next_f.push([1,5])</script></html>\n",
      ":1:58: error: malformed self.__next_f.push(...) call: expected [1, \"…\"]"),
    Case(
      "a push not closed", "unclosed.html",
      "<html><script>self.__next_f.push([0];</script></html>\n",
      ":1:37: error: malformed self.__next_f.push(...) call: expected ')' after the pushed array"),
    Case(
      "bad base64", "base64.html",
      "<html><script>self.__next_f.push([0]);self.__next_f.push([3,\"!!\"])</script></html>\n",
      ":1:58: error: invalid base64 in a self.__next_f.push([3, ...]) chunk"),
    Case(
      "pushes of no data", "empty-push.html",
      "<html><script>self.__next_f.push([0])</script></html>\n",
      ":1:1: error: no flight rows found: expected a row header such as '0:'"),
    Case(
      "a framing error inside a pushed string", "framing.html",
      "<html>\n<script>self.__next_f.push([0])</script>\n<script>self.__next_f.push([1,\"0:\\\"\\u003cb\\u003e\\\"\\nG:1\\n\"])</script>\n",
      ":3:53: error: expected a row id (lowercase hex digits) followed by ':', found 'G'"),
    // Markdown and text.
    Case(
      "a Markdown file with no title anywhere", " .md", "\u{00A0}\n",
      ":1:1: error: no title found, expected front matter 'title:', a heading such as '# Title', or a file name"
    ),
    Case(
      "a text file of blank lines", "blank.txt", "\u{00A0}\n\u{00A0}\n",
      ":3:1: error: no title found, the file holds only blank lines"),
    // Bookmarks.
    Case(
      "a bookmark file without links", "empty-bookmarks.html",
      "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n</DL>\n",
      ":4:1: error: no bookmarks found, expected links written '<DT><A HREF=\"URL\">title</A>' inside a '<DL>' list"
    ),
    Case(
      "a bookmark file of bookmarklets only", "bookmarklets.html",
      "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF=\"javascript:void(0)\">x</A>\n</DL>\n",
      ":5:1: error: no bookmarks found (1 skipped: not web pages), expected links written '<DT><A HREF=\"URL\">title</A>' inside a '<DL>' list"
    ),
    Case(
      "a Pocket HTML export without links", "ril_export.html",
      "<ul><li><a href=\"\" time_added=\"1\">x</a></li></ul>\n",
      ":2:1: error: no saved pages found: expected <li><a href=… time_added=…> links"),
    // url-notes' own exports.
    Case(
      "a JSON export with a note missing its title", "backup.json",
      "[{\"id\":\"aaaaaaaaaaaa\",\"created\":\"2020-01-01T00:00:00Z\",\"updated\":\"2020-01-01T00:00:00Z\",\"title\":5}]\n",
      ":1:97: error: expected a string, found '5' (expected url-notes' JSON export)"),
    Case(
      "a Markdown export with a broken heading", "all.md",
      "## [A](https://a.example/)\n\nTags: x\n\n##  \n",
      ":5:4: error: expected a section heading with a title, '## [Title](url)' or '## Title'"),
    // Services.
    Case(
      "a Pocket CSV with no records", "part_000000.csv", "title,url,time_added,tags,status\n",
      ":2:1: error: a Pocket export with no entries: expected records after the header"),
    Case(
      "a Pocket CSV row without a URL", "part_000000.csv",
      "title,url,time_added,tags,status\nA,,1700000000,,unread\n",
      ":2:3: error: expected a URL in column 'url'"),
    Case(
      "a Pocket CSV row with a bad time", "part_000000.csv",
      "title,url,time_added,tags,status\nA,https://a.example/,soon,,unread\n",
      ":2:22: error: expected a Unix time in column 'time_added', found 'soon'"),
    Case(
      "a CSV row of the wrong width", "part_000000.csv",
      "title,url,time_added,tags,status\nA,https://a.example/,1700000000\n",
      ":2:1: error: expected 5 fields as in the header, found 3"),
    Case(
      "a CSV quote not closed", "part_000000.csv",
      "title,url,time_added,tags,status\n\"A,https://a.example/,1,,unread\n",
      ":2:1: error: a quoted field is not closed: expected a '\"' before the end of the file"),
    Case(
      "text after a CSV closing quote", "part_000000.csv",
      "title,url,time_added,tags,status\n\"A\"x,https://a.example/,1,,unread\n",
      ":2:4: error: expected ',' or the end of the line after the closing quote"),
    Case(
      "a Raindrop CSV with a bad date", "raindrop.csv",
      "id,title,note,excerpt,url,folder,tags,created\n1,A,,,https://a.example/,,,yesterday\n",
      ":2:28: error: expected an ISO 8601 date in column 'created', found 'yesterday'"),
    Case(
      "an Instapaper CSV with broken tags", "instapaper.csv",
      "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://a.example/,A,,Unread,1,[x\n",
      ":2:32: error: expected a JSON array of tag names in column 'tags'"),
    Case(
      "a CSV of no known service", "list.csv", "name,age,city\nAda,36,London\n",
      ":1:1: error: a CSV file whose header 'name,age,city' is none of the known exports; expected the header of a Pocket (title,url,time_added,tags,status), Raindrop (id,title,note,excerpt,url,folder,tags,created,…) or Instapaper (URL,Title,Selection,Folder,Timestamp) export"
    ),
    Case(
      "a Pinboard export with a non-object", "pinboard.json",
      "[{\"href\":\"https://a.example/\",\"description\":\"A\"},\n5]\n",
      ":2:1: error: expected a bookmark object in the array"),
    Case(
      "a Pinboard bookmark with a bad time", "pinboard.json",
      "[{\"href\":\"https://a.example/\",\"description\":\"A\",\"time\":\"noon\"}]\n",
      ":1:2: error: expected a bookmark with an \"href\" and a \"time\" in ISO 8601"),
    Case(
      "a Pinboard export cut short", "pinboard.json",
      "[{\"href\":\"https://a.example/\",\"description\":\"A\"},\n",
      ":2:1: error: unexpected end of input, expected a value"),
  ]

  @Test(arguments: cases) func failsWithItsPositionAndLeavesTheStore(_ input: Case) throws {
    let directory = TemporaryDirectory()
    let storePath = directory.file("store/notes.json")
    let store = try NoteStore.open(path: storePath)
    let setup = try NoteImporter().importPaths(
      [Fixtures.sampleData("tag-gpu.rsc.txt").path], into: store)
    try #require(setup.succeeded)
    let path = directory.file(input.file)
    if let text = input.text { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    let before = StoreFiles(of: storePath)
    let count = store.count

    let report = try NoteImporter().importPaths([path], into: store)

    #expect(report.files.map { $0.failure?.description } == [path + input.message])
    #expect(report.added == 0 && report.merged == 0 && report.unchanged == 0)
    #expect(StoreFiles(of: storePath) == before)
    #expect(store.count == count)
  }

  @Test func aDirectoryWithoutDumpsNamesWhatItLookedFor() throws {
    let directory = TemporaryDirectory()
    let storePath = directory.file("store/notes.json")
    let store = try NoteStore.open(path: storePath)
    let empty = directory.file("nothing")
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: empty + "/photo.jpg"))
    let report = try NoteImporter().importPaths([empty], into: store)
    #expect(
      report.files.map { $0.failure?.description } == [
        empty + ":1:1: error: no page dumps in this directory (looked for .csv, .flight, .htm, "
          + ".html, .json, .markdown, .md, .rsc, .txt, .x-component)"
      ])
    #expect(!FileManager.default.fileExists(atPath: storePath))
  }
}
