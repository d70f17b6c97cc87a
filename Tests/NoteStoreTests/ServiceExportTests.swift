import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The read-later and bookmarking services' exports, imported through the importer as a user
/// would: each recognised by content, with exact notes, dates and errors.
@Suite struct ServiceExportTests {
  let directory = TemporaryDirectory()
  static let now = Timestamp(iso8601: "2026-01-02T03:04:05Z")!

  /// Imports `paths` into a fresh store; the report and the notes each file added, in order.
  func importing(_ paths: [String]) throws -> (
    report: ImportReport, notes: [Note], store: NoteStore
  ) {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let report = try NoteImporter(now: Self.now).importPaths(paths, into: store)
    let notes = report.files.flatMap(\.added).compactMap { store.note($0) }
    return (report, notes, store)
  }

  func fixture(_ name: String) -> String { Fixtures.url("services/" + name).path }

  func lines(_ note: Note) -> [String] { note.summary.map(\.plainText) }

  @Test func pocketCSVWithQuotedCommasQuotesAndNewlines() throws {
    let (report, notes, _) = try importing([fixture("pocket.csv")])
    #expect(report.files.map(\.format) == ["pocket-csv"])
    #expect(
      notes.map(\.url) == [
        "https://example.org/pocket-retro", "https://example.org/quotes?a=1&b=2",
        "https://example.org/two-lines", "https://example.org/untitled",
      ])
    #expect(
      notes.map(\.title) == [
        "Pocket, the end: a retrospective", "A title with \"quotes\"", "Two lines in a title",
        "https://example.org/untitled",
      ])
    #expect(
      notes.map(\.tags) == [["history", "read later"], [], ["writing", "essays"], ["misc"]])
    #expect(
      notes.map(\.created.iso8601) == [
        "2024-06-01T00:00:00Z", "2020-08-12T15:52:55Z", "2020-09-13T12:26:40Z",
        "2017-07-14T02:40:00Z",
      ])
    #expect(notes.allSatisfy { $0.updated == Self.now })
    #expect(
      notes.allSatisfy { $0.summary.isEmpty && $0.provenance.map(\.format) == ["pocket-csv"] })
  }

  @Test func raindropCSVNotesAndExcerptsBecomeTheText() throws {
    let (report, notes, _) = try importing([fixture("raindrop.csv")])
    #expect(report.files.map(\.format) == ["raindrop-csv"])
    #expect(
      notes.map(\.url) == [
        "https://developer.apple.com/xcode/swift-testing/", "https://raindrop.io/",
      ])
    #expect(notes.map(\.title) == ["Swift Testing", "Raindrop, the app"])
    #expect(notes.map(\.tags) == [["swift", "testing"], []])
    #expect(
      notes.map(lines) == [
        ["My note: use traits", "for skipping", "Swift Testing is a new framework."], [],
      ])
    #expect(notes.map(\.created.iso8601) == ["2024-06-11T08:15:30Z", "2023-01-05T10:20:30Z"])
  }

  @Test func instapaperCSVSelectionsAndJSONTags() throws {
    let (report, notes, _) = try importing([fixture("instapaper.csv")])
    #expect(report.files.map(\.format) == ["instapaper-csv"])
    #expect(notes.map(\.url) == ["https://example.com/long-read", "https://example.com/starred"])
    #expect(notes.map(\.title) == ["The Long Read, Part 1", "Starred piece"])
    #expect(notes.map(\.tags) == [["longform", "essays"], []])
    #expect(notes.map(lines) == [["A passage", "worth keeping"], []])
    #expect(notes.map(\.created.iso8601) == ["2023-11-14T22:13:20Z", "2023-07-22T04:26:40Z"])
  }

  @Test func pinboardJSONDescriptionsExtendedAndSpaceSeparatedTags() throws {
    let (report, notes, _) = try importing([fixture("pinboard.json")])
    #expect(report.files.map(\.format) == ["pinboard-json"])
    #expect(notes.map(\.url) == ["https://pinboard.in/howto/", "https://example.net/café"])
    #expect(notes.map(\.title) == ["Pinboard: How To", "https://example.net/café"])
    #expect(notes.map(\.tags) == [["pinboard", "help", "reference"], []])
    #expect(notes.map(lines) == [["The manual.", "Second line."], []])
    #expect(notes.map(\.created.iso8601) == ["2020-03-04T05:06:07Z", "2019-12-31T23:59:59Z"])
  }

  @Test func reimportingEveryExportChangesNothing() throws {
    let paths = ["pocket.csv", "raindrop.csv", "instapaper.csv", "pinboard.json"].map(fixture)
    let (first, _, store) = try importing(paths)
    #expect(first.added == 10 && first.failed == 0)
    let again = try NoteImporter(now: Self.now).importPaths(paths, into: store)
    #expect(again.added == 0 && again.merged == 0 && again.unchanged == 10)
  }

  /// Bad exports: one line naming the position and what was expected; nothing is stored.
  @Test(arguments: [
    (
      "unknown.csv", "name,age,city\nbob,3,Lyon\n",
      ":1:1: error: a CSV file whose header 'name,age,city' is none of the known exports; "
        + "expected the header of a Pocket (title,url,time_added,tags,status), Raindrop "
        + "(id,title,note,excerpt,url,folder,tags,created,…) or Instapaper "
        + "(URL,Title,Selection,Folder,Timestamp) export"
    ),
    (
      "open.csv", "title,url,time_added,tags,status\n\"never closed,https://a.example/,1,,unread\n",
      ":2:1: error: a quoted field is not closed: expected a '\"' before the end of the file"
    ),
    (
      "stray.csv", "title,url,time_added,tags,status\n\"t\"x,https://a.example/,1,,unread\n",
      ":2:4: error: expected ',' or the end of the line after the closing quote"
    ),
    (
      "short.csv", "title,url,time_added,tags,status\nt,https://a.example/,1,,unread\nt,u\n",
      ":3:1: error: expected 5 fields as in the header, found 2"
    ),
    (
      "date.csv",
      "title,url,time_added,tags,status\n\"é, t\",https://a.example/,yesterday,,unread\n",
      ":2:27: error: expected a Unix time in column 'time_added', found 'yesterday'"
    ),
    (
      "nourl.csv", "URL,Title,Selection,Folder,Timestamp\n,t,,Unread,1\n",
      ":2:1: error: expected a URL in column 'url'"
    ),
    (
      "empty.csv", "title,url,time_added,tags,status\r\n",
      ":2:1: error: a Pocket export with no entries: expected records after the header"
    ),
    (
      "pinboard.json", #"[{"href":"https://a.example/","description":"a"},{"description":"b"}]"#,
      ":1:50: error: expected a bookmark with an \"href\" and a \"time\" in ISO 8601"
    ),
    (
      "pinboard-cut.json", "[{\"href\":\"https://a.example/\",\"description\":\"a\"}\n",
      ":2:1: error: unexpected end of input, expected ']'"
    ),
  ])
  func badExportsFailWithPositionsAndStoreNothing(name: String, text: String, message: String)
    throws
  {
    let path = directory.file(name)
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    let (report, _, store) = try importing([path])
    #expect(report.files.map(\.failure?.description) == [path + message])
    #expect(store.count == 0)
    #expect(!FileManager.default.fileExists(atPath: directory.file("notes.json")))
  }

  @Test func textWithCommasIsStillAPlainTextNote() throws {
    let path = directory.file("list.txt")
    #expect(
      FileManager.default.createFile(
        atPath: path, contents: Data("Hello, world\nmore, text\n".utf8)))
    let (report, notes, _) = try importing([path])
    #expect(report.files.map(\.format) == ["text"])
    #expect(notes.map(\.title) == ["Hello, world"])
  }
}
