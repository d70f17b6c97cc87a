import Foundation
import TestSupport
import Testing

/// Hostile and broken files through the built `url-notes import`: each case has its exact
/// message, exit status 1, and leaves every store file byte-identical.
///
/// Inputs are generated here (the 100 MB line is never committed). The messages are the
/// importers' own; where one could say more (depth, cycles, encoding) the README's
/// Reliability section says so.
@Suite struct BadInputTableTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// File name; its extension picks nothing by itself (readers sniff the bytes).
    var file: String
    var bytes: @Sendable () -> [UInt8]
    /// The stderr line after "PATH" (for the store case the path is the store's).
    var message: String
    var testDescription: String { name }
  }

  static let failedSummary = "0 added, 0 merged, 0 unchanged, 1 file failed; 0 notes were written\n"

  static let cases: [Case] = [
    Case(
      name: "empty file", file: "empty.rsc", bytes: { [] }, message: ":1:1: error: file is empty"),
    Case(
      name: "binary file", file: "binary.rsc",
      bytes: {
        var random = SeededBytes(seed: 7)
        return (0..<4096).map { _ in random.next() }
      },
      message:
        ":1:1: error: binary file, expected a saved page (flight payload, HTML, Markdown or text)"),
    Case(
      name: "100 MB single line", file: "long-line.rsc",
      bytes: {
        Array("0:\"".utf8) + [UInt8](repeating: 0x61, count: 100 << 20) + Array("\"\n".utf8)
      },
      message:
        ":1:1: error: row '0' is longer than the limit of 67108864 bytes"
    ),
    Case(
      name: "JSON nested 10,000 deep (flight row)", file: "deep.rsc",
      bytes: {
        Array("0:".utf8) + [UInt8](repeating: 0x5B, count: 10_000)
          + [UInt8](repeating: 0x5D, count: 10_000) + [0x0A]
      },
      message:
        ":1:515: error: no note previews found (the payload has 1 rows but no link with a title beside a nested list); first problem: row '0' nests arrays and objects deeper than 512 levels; row kept opaque"
    ),
    Case(
      name: "JSON nested 10,000 deep (plain JSON)", file: "deep.json",
      bytes: { [UInt8](repeating: 0x5B, count: 10_000) + [UInt8](repeating: 0x5D, count: 10_000) },
      message:
        ":1:1: error: an unknown kind of file; expected a flight payload (.rsc), a saved Next.js page (.html), a Markdown or text page dump, a Netscape bookmark file, url-notes' JSON export, or a Pocket, Raindrop, Instapaper or Pinboard export"
    ),
    Case(
      name: "cycle of references", file: "cycle.rsc",
      bytes: { Array("0:[\"$L1\"]\n1:[\"$2\"]\n2:[\"$1\"]\n".utf8) },
      message:
        ":1:1: error: no note previews found (the payload has 3 rows but no link with a title beside a nested list)"
    ),
    Case(
      name: "reference to a missing row", file: "missing-row.rsc",
      bytes: { Array("0:[\"$L1\",null,{\"children\":\"$7\"}]\n1:I[9665,[],\"x\"]\n".utf8) },
      message:
        ":1:1: error: no note previews found (the payload has 2 rows but no link with a title beside a nested list)"
    ),
    Case(
      name: "invalid UTF-8", file: "invalid-utf8.rsc",
      bytes: {
        Array("0:[\"$\",\"title\",null,{\"children\":\"caf".utf8) + [0xE9, 0x20, 0xFF, 0xFE]
          + Array("\"}]\n".utf8)
      },
      message:
        ":1:1: error: no note previews found (the payload has 1 rows but no link with a title beside a nested list)"
    ),
    Case(
      name: "lone surrogate", file: "lone-surrogate.rsc",
      bytes: { Array("0:[\"$\",\"title\",null,{\"children\":\"x\\ud800y\"}]\n".utf8) },
      message:
        ":1:1: error: no note previews found (the payload has 1 rows but no link with a title beside a nested list)"
    ),
    Case(
      name: "pretty-printed flight dump", file: "pretty.rsc",
      bytes: {
        Array("1:\"$Sreact.fragment\"\n0:{\n  \"P\": null,\n  \"b\": \"x\"\n}\n".utf8)
      },
      message:
        ":3:1: error: file was reformatted (pretty-printed?): a line does not start with a row header"
    ),
    Case(
      name: "Netscape bookmarks with broken markup", file: "broken-bookmarks.html",
      bytes: {
        Array(
          "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n<DT><H3>Folder\n<DT><A HREF=\n<DD><<<>>>\n</DL"
            .utf8)
      },
      message:
        ":7:5: error: no bookmarks found, expected links written '<DT><A HREF=\"URL\">title</A>' inside a '<DL>' list"
    ),
  ]

  @Test(arguments: cases) func badInputIsRefusedAndTheStoreIsUntouched(_ input: Case) throws {
    let directory = TemporaryDirectory()
    let store = directory.file("store/notes.json")
    let url = try BuiltProducts.executable("url-notes")
    let setup = try ProcessResult.run(
      [url, "import", "--store", store, Fixtures.sampleData("tag-gpu.rsc.txt").path])
    try #require(setup.status == 0)
    let file = directory.file(input.file)
    try Data(input.bytes()).write(to: URL(fileURLWithPath: file))
    let before = StoreFiles(of: store)

    let result = try ProcessResult.run([url, "import", "--store", store, file])
    #expect(result.status == 1)
    #expect(result.stderrText == file + input.message + "\n")
    #expect(result.stdoutText == Self.failedSummary)
    #expect(StoreFiles(of: store) == before)
  }

  @Test func theStoreFileItselfIsRefused() throws {
    let directory = TemporaryDirectory()
    let store = directory.file("store/notes.json")
    let url = try BuiltProducts.executable("url-notes")
    let setup = try ProcessResult.run(
      [url, "import", "--store", store, Fixtures.sampleData("tag-gpu.rsc.txt").path])
    try #require(setup.status == 0)
    let before = StoreFiles(of: store)
    let result = try ProcessResult.run([url, "import", "--store", store, store])
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(store):1:1: error: this is a url-notes store, not a page dump (use --store to open it)\n"
    )
    #expect(result.stdoutText == Self.failedSummary)
    #expect(StoreFiles(of: store) == before)
  }
}

/// Reproducible noise for the binary-file case.
struct SeededBytes {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt8 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 56)
  }
}
