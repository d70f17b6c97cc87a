import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// Pages that hold their posts as data (`"posts":[…]` props) instead of rendered links: the
/// pass that finds them by structure, and how their links are resolved.
@Suite struct FlightPostListTests {
  let directory = TemporaryDirectory()
  static let now = Timestamp(iso8601: "2026-01-02T03:04:05Z")!

  /// A client component given a list of three posts, with `head` in the page's metadata row.
  static func page(head: String = "") -> String {
    #"0:["$","$L1",null,{"posts":[{"title":"First","slug":"first","tags":["a","b"],"date":"2024-01-02T00:00:00.000Z","summary":"One.\nTwo."},{"title":"Second","path":"/notes/second","tags":[]},{"title":"Third","url":"https://elsewhere.example/third","tags":["c"]}]}]"#
      + "\n1:I[\"1\",[],\"List\"]\n2:[" + head + "]\n"
  }

  func importing(_ text: String, baseURL: String? = nil) throws -> (ImportReport, [Note], String) {
    let path = directory.file("page.rsc")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let report = try NoteImporter(
      readers: NoteImporter.readers(baseURL: baseURL), now: Self.now
    ).importPaths([path], into: store)
    return (report, report.files.flatMap(\.added).compactMap { store.note($0) }, path)
  }

  @Test func postsResolveAgainstTheSiteOfTheCanonicalLink() throws {
    let head = #"["$","link","c",{"rel":"canonical","href":"https://blog.example/tags/a"}]"#
    let (_, notes, _) = try importing(Self.page(head: head))
    #expect(
      notes.map(\.url) == [
        "https://blog.example/first", "https://blog.example/notes/second",
        "https://elsewhere.example/third",
      ])
    #expect(notes.map(\.title) == ["First", "Second", "Third"])
    #expect(notes.map(\.tags) == [["a", "b"], [], ["c"]])
    #expect(notes[0].summary.map(\.plainText) == ["One.", "Two."])
    #expect(
      notes.map(\.created.iso8601) == ["2024-01-02T00:00:00Z", Self.now.iso8601, Self.now.iso8601])
  }

  @Test func ogURLAndMetadataBaseStateTheAddressToo() throws {
    let og = #"["$","meta","o",{"property":"og:url","content":"https://og.example/x/y"}]"#
    #expect(try importing(Self.page(head: og)).1.first?.url == "https://og.example/first")
    let base = #"{"metadataBase":"https://base.example"}"#
    #expect(try importing(Self.page(head: base)).1.first?.url == "https://base.example/first")
  }

  @Test func baseURLIsAFolderAndWinsOverThePageAddress() throws {
    let head = #"["$","link","c",{"rel":"canonical","href":"https://blog.example/"}]"#
    let (_, notes, _) = try importing(Self.page(head: head), baseURL: "https://b.example/til")
    #expect(
      notes.map(\.url) == [
        "https://b.example/til/first", "https://b.example/notes/second",
        "https://elsewhere.example/third",
      ])
  }

  @Test func withoutAnAddressThePostsAreCountedAndTheOptionNamed() throws {
    let (report, notes, path) = try importing(Self.page())
    #expect(notes.isEmpty)
    #expect(
      report.files.map(\.failure?.description) == [
        path + ":1:1: error: no note previews found, but the page holds 3 posts with tags as data "
          + "and states no address (canonical link, og:url or metadataBase) to resolve their links "
          + "against; import it again with --base-url URL (the site address its post paths start "
          + "from), nothing was imported"
      ])
    #expect(!FileManager.default.fileExists(atPath: directory.file("notes.json")))
  }

  /// Not post lists: one object, an item without tags, tags that are not strings.
  @Test(arguments: [
    #"0:{"posts":[{"title":"Only","slug":"only","tags":["a"]}]}"#,
    #"0:{"posts":[{"title":"A","slug":"a","tags":["a"]},{"title":"B","slug":"b"}]}"#,
    #"0:{"posts":[{"title":"A","slug":"a","tags":["a"]},{"title":"B","slug":"b","tags":[1]}]}"#,
    #"0:{"posts":[{"title":"A","tags":["a"]},{"title":"B","tags":["b"]}]}"#,
  ])
  func shapesThatAreNotPostLists(payload: String) throws {
    let (report, _, _) = try importing(payload + "\n", baseURL: "https://b.example/")
    #expect(
      report.files.first?.failure?.description.contains("error: no note previews found (") == true)
  }
}
