import ByteJSON
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The Next.js pages of `../shared/samples/real-world-2/flight` that hold no note previews
/// (f02, f03, f05, f06) or are no App Router pages at all (f08, f09), read in place against the
/// facts in that folder's README; skipped, with the reason printed, when it is absent. (f01,
/// f04 and f07 carry post lists as data: the post-list reader's tests cover them.)
@Suite struct RealWorldPageNegativeTests {
  /// The whole-page message of a payload with `rows` rows and no previews, at 1:1.
  static func noPreviews(_ rows: Int) -> Diagnostic {
    Diagnostic(
      "no note previews found (the payload has \(rows) rows but no link with a title beside a "
        + "nested list)", at: TextPosition(line: 1, column: 1))
  }

  static let pagesRouter = "not an App Router page (found __NEXT_DATA__: a pages-router page)"

  static let cases: [(file: String, problem: Diagnostic)] = [
    ("f02-next13.5-engineering101-strategic-patterns.rsc", noPreviews(9)),
    ("f03-next14.1-dw3624-posts-pages-1.txt", noPreviews(11)),
    ("f05-next15-nextjs.org.html", noPreviews(47)),
    ("f06-next15.3-perimsx-tags-linux.html", noPreviews(152)),
    (
      "f08-pagesrouter-septemhill-index.html",
      Diagnostic(pagesRouter, at: TextPosition(line: 1, column: 4532))
    ),
    (
      "f09-pagesrouter-m.soundcloud.com.html",
      Diagnostic(pagesRouter, at: TextPosition(line: 66, column: 38206))
    ),
  ]

  @Test(arguments: cases.indices)
  func pageWithoutPreviewsSaysSoAndStoresNothing(index: Int) throws {
    guard let folder = RealWorld2.folder else { return }
    let (file, problem) = Self.cases[index]
    let path = folder + "/flight/" + file
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let reader = try #require(
      NoteImporter.defaultReaders.first { $0.recognizes(bytes, path: path) })
    #expect(reader.format == "flight")
    #expect(throws: problem) { try reader.read(bytes, path: path) }
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let report = try NoteImporter().importPaths([path], into: store)
    #expect(report.failed == 1)
    #expect(store.count == 0)
  }
}
