import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The export formats are promises: a store built from every sample and fixture, exported in
/// each format and imported back, gives the same notes field by field; importing an export into
/// the store it came from changes nothing.
@Suite struct RoundTripTests {
  let directory = TemporaryDirectory()

  /// Every dump the repository ships (the `data/` samples and the importer fixtures, service
  /// exports included), the
  /// real-world-2 clippings and bookmark files when `../shared` is present, and two notes
  /// written by hand (one without a URL, one with a comma in a tag).
  func fullStore(_ name: String = "full.json") throws -> NoteStore {
    let store = try NoteStore.open(path: directory.file(name))
    // Directories import their dump files; the files that hold no notes just fail.
    var paths = [
      Fixtures.sampleData().path, Fixtures.url("flight").path, Fixtures.url("markdown").path,
      Fixtures.url("netscape").path, Fixtures.url("hostile").path, Fixtures.url("services").path,
    ]
    if let shared = RealWorld2.folder {
      paths += ["/markdown", "/bookmarks", "/flight", "/../real-world-flight"].map { shared + $0 }
    }
    let report = try NoteImporter(now: Self.importTime).importPaths(paths, into: store)
    #expect(report.added > 20)
    let written = Timestamp(iso8601: "2025-12-24T08:00:00Z")!
    try store.apply([
      .put(
        Note(
          id: NoteID("0123456789ab"), url: nil, title: "A thought, no link", tags: ["idea"],
          summary: [
            SummaryNode(markup: "**Why:** *because*", children: [SummaryNode(markup: "x")])
          ],
          body: "free text\n", created: written, updated: written)),
      .put(
        Note(
          id: NoteID("ba9876543210"), url: "https://example.org/commas?q=1&r=2",
          title: "Tags with commas", tags: ["a, b", "c\\d", "plain"], created: written,
          updated: Timestamp(iso8601: "2025-12-25T09:30:00Z")!,
          published: Timestamp(iso8601: "2020-04-28T00:00:00Z")!)),
    ])
    return store
  }

  static let importTime = Timestamp(iso8601: "2026-03-04T05:06:07Z")!
  static let laterTime = Timestamp(iso8601: "2026-06-07T08:09:10Z")!

  func allNotes(_ store: NoteStore) -> [Note] {
    store.notes(matching: NoteFilter()).sorted { $0.id < $1.id }
  }

  func write(_ text: String, to name: String) throws -> String {
    let path = directory.file(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func jsonExport(_ notes: [Note]) -> String {
    var bytes: [UInt8] = []
    JSONExporter.writeNotes(notes) { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func jsonExportRestoresExactlyIntoAnEmptyStore() throws {
    let original = allNotes(try fullStore())
    let export = try write(jsonExport(original), to: "backup.json")
    let restored = try NoteStore.open(path: directory.file("restored.json"))
    let report = try NoteImporter(now: Self.laterTime).importPaths([export], into: restored)
    #expect(report.files.map(\.failure) == [nil])
    #expect(report.files.map(\.format) == ["json"])
    #expect(report.added == original.count)
    let back = allNotes(restored)
    #expect(back.count == original.count)
    #expect(original.contains { $0.published != nil })
    for (note, copy) in zip(original, back) {
      expectSameContent(copy, note)
      #expect(copy.published == note.published)
      #expect(copy.body == note.body)
      #expect(copy.created == note.created)
      #expect(copy.updated == note.updated)
      #expect(copy.provenance == note.provenance)
    }
  }

  /// Id, URL, title, tags and summary markup: what every export of a note keeps.
  func expectSameContent(_ copy: Note, _ note: Note) {
    #expect(copy.id == note.id)
    #expect(copy.url == note.url)
    #expect(copy.title == note.title)
    #expect(copy.tags == note.tags)
    #expect(copy.summary == note.summary)
  }

  @Test func markdownExportImportsAsTheSameNotes() throws {
    let original = allNotes(try fullStore())
    let export = try write(MarkdownExporter.export(original), to: "all.md")
    let restored = try NoteStore.open(path: directory.file("restored.json"))
    let report = try NoteImporter(now: Self.laterTime).importPaths([export], into: restored)
    #expect(report.files.map(\.failure) == [nil])
    #expect(report.files.map(\.format) == ["markdown-export"])
    let back = allNotes(restored)
    #expect(back.count == original.count)
    for (note, copy) in zip(original, back) {
      expectSameContent(copy, note)
      #expect(copy.published == note.published)
      // A quote cannot say whether the text ended with a line break.
      #expect(copy.body.map(Self.withFinalLineBreak) == note.body.map(Self.withFinalLineBreak))
    }
  }

  static func withFinalLineBreak(_ text: String) -> String {
    text.hasSuffix("\n") ? text : text + "\n"
  }

  @Test func netscapeExportImportsBackToTheSameBookmarks() throws {
    let original = allNotes(try fullStore()).filter { $0.url != nil }
    let export = try write(NetscapeBookmarkExporter.export(original), to: "bookmarks.html")
    let restored = try NoteStore.open(path: directory.file("restored.json"))
    let report = try NoteImporter(now: Self.laterTime).importPaths([export], into: restored)
    #expect(report.files.map(\.failure) == [nil])
    #expect(report.files.map(\.warnings) == [[]])
    let back = restored.notes(matching: NoteFilter())
    let byURL = Dictionary(uniqueKeysWithValues: back.map { ($0.url!, $0) })
    #expect(back.count == original.count)
    for note in original {
      let copy = try #require(byURL[note.url!])
      #expect(copy.title == note.title)
      #expect(copy.tags == note.tags)
      #expect(copy.created == note.created)
      #expect(copy.updated == note.updated)
      #expect(
        copy.summary.map(\.plainText)
          == SummaryNode.flatten(note.summary).map(\.node.plainText).filter { !$0.isEmpty })
    }
  }

  @Test(arguments: ["json", "markdown", "netscape"])
  func everyExportImportedIntoItsOwnStoreChangesNothing(format: String) throws {
    let store = try fullStore()
    let before = allNotes(store)
    let text: String
    switch format {
    case "json": text = jsonExport(before)
    case "markdown": text = MarkdownExporter.export(before)
    default: text = NetscapeBookmarkExporter.export(before)
    }
    let export = try write(text, to: "export.\(format)")
    let report = try NoteImporter(now: Self.laterTime).importPaths([export], into: store)
    #expect(report.files.map(\.failure) == [nil])
    #expect(report.added == 0)
    #expect(report.merged == 0)
    #expect(allNotes(store) == before)
  }

  @Test func oneNoteOfShowJSONAndAnEmptyExportAreRead() throws {
    let reader = JSONExportReader()
    #expect(reader.recognizes(Array("  []\n".utf8), path: "x.json"))
    #expect(try reader.read(Array("[]".utf8), path: "x.json") == [])
    let note = SampleNotes.note("abcdefabcdef", url: "https://a.example/", title: "A")
    let one = Array(JSONExporter.note(note).utf8)
    #expect(reader.recognizes(one, path: "x.json"))
    #expect(
      try reader.read(one, path: "x.json") == [
        NoteDraft(
          url: "https://a.example/", title: "A", id: note.id, created: note.created,
          updated: note.updated, provenance: [], fromExport: true)
      ])
    #expect(!reader.recognizes(Array(#"[{"a": 1}]"#.utf8), path: "x.json"))
    #expect(!reader.recognizes(Array(#"{"format": "url-notes"}"#.utf8), path: "x.json"))
  }

  @Test func aDamagedBackupFailsAtItsPositionAndStoresNothing() throws {
    let store = try NoteStore.open(path: directory.file("s.json"))
    let text = """
      [{"created": "2026-01-02T03:04:05Z", "id": "aaaaaaaaaaaa", "provenance": [],
        "summary": [], "tags": [], "title": "ok", "updated": "2026-01-02T03:04:05Z", "url": null},
       {"created": "yesterday", "id": "bbbbbbbbbbbb", "provenance": [], "summary": [],
        "tags": [], "title": "bad", "updated": "2026-01-02T03:04:05Z", "url": null}]
      """
    let path = try write(text, to: "bad.json")
    let report = try NoteImporter().importPaths([path], into: store)
    #expect(
      report.files.map(\.failure?.description) == [
        "\(path):3:14: error: expected a time like \"2026-01-31T12:00:00Z\", found \"yesterday\" "
          + "(expected url-notes' JSON export)"
      ])
    #expect(store.count == 0)
  }

  /// `published` is an optional key of the store's notes: a store written before it existed
  /// loads with none, and a note that has one keeps it through a save and a reopen.
  @Test func publishedIsStoredAndOlderStoresWithoutItLoad() throws {
    let path = directory.file("old.json")
    let old =
      #"{"format":"url-notes","formatVersion":2,"notes":[\#n"#
      + #"{"created":"2024-01-01T00:00:00Z","id":"aaaaaaaaaaaa","provenance":[],"summary":[],"#
      + #""tags":["x"],"title":"Old","updated":"2024-01-02T00:00:00Z","url":"https://o.example/"}"#
      + "\n],\"tombstones\":[\n]}\n"
    try old.write(toFile: path, atomically: true, encoding: .utf8)
    let store = try NoteStore.open(path: path)
    var note = try #require(store.note(NoteID("aaaaaaaaaaaa")))
    #expect(note.published == nil)
    #expect(note.title == "Old")
    note.published = Timestamp(iso8601: "2020-04-28T00:00:00Z")!
    try store.apply([.put(note)])
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.note(NoteID("aaaaaaaaaaaa")) == note)
    #expect(
      JSONExporter.note(note).contains(#""published":"2020-04-28T00:00:00Z","summary":[]"#))
  }
}

/// `../shared/samples/real-world-2`, read in place (never copied into the repository).
enum RealWorld2 {
  /// The folder, or nil (with the reason printed) when it is absent.
  static let folder: String? = {
    let url = SharedSamples.url("real-world-2")
    guard SharedSamples.isPresent("real-world-2") else {
      print("skipped: the shared test data \(url.standardized.path) is absent")
      return nil
    }
    return url.path
  }()
}
