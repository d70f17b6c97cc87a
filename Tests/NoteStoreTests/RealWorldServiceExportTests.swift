import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The service exports of ../shared/samples/real-world-2 (written by other projects, never
/// copied here), against the facts its README lists.
@Suite(SharedSamples.required("real-world-2"))
struct RealWorldServiceExportTests {
  static let pocketExport = "real-world-2/bookmarks/b09-pocket-ril_export.html"

  /// b09: 421 links (403 unread, 18 archived), all unique; 82 tagged with 28 distinct tags;
  /// 100 titles that are their URL; Malayalam titles; entities decoded.
  @Test func pocketRilExportReadsEveryLinkWithTagsAndDates() throws {
    let bytes = try SharedSamples.bytes(Self.pocketExport)
    #expect(PocketHTMLReader().recognizes(bytes, path: "ril_export.html"))
    #expect(!NetscapeBookmarkReader().recognizes(bytes, path: "ril_export.html"))
    let drafts = try PocketHTMLReader().read(bytes, path: "ril_export.html")
    #expect(drafts.count == 421)
    #expect(Set(drafts.compactMap(\.url)).count == 421)
    #expect(drafts.filter { !$0.tags.isEmpty }.count == 82)
    #expect(
      Set(drafts.flatMap(\.tags)) == [
        "adhd", "advice", "books", "depression", "design", "fashion", "film", "fitness",
        "frontend", "ftii", "javascript", "josy joseph", "kindle", "long", "longread",
        "machine learning", "malayalam", "pocket", "poetry", "read", "revisit", "selfcare",
        "short stories", "skincare", "sohaila abdali", "ux", "writing", "xr",
      ])
    #expect(drafts.filter { $0.title == $0.url }.count == 100)
    let ux = try #require(
      drafts.first { $0.url == "https://uxplanet.org/how-to-analyze-user-interviews-250fddb1e8d7" })
    #expect(ux.tags == ["pocket", "ux"])
    #expect(
      ux.title == "How to analyze user interviews?. Every fifteen minutes of a conversation… |")
    #expect(ux.created?.iso8601 == "2020-08-05T04:38:19Z")
    #expect(
      drafts[0].url == "https://truecopythink.media/the-irishman-review-by-sreehari-sreedharan")
    #expect(
      drafts[0].title
        == "ഇന്നുമുതല്‍ നീ മനുഷ്യരെ പിടിക്കുന്നവന്‍ ആകും - ശ്രീഹരി ശ്രീധരന്‍ | TrueCopy")
    #expect(drafts[0].created?.iso8601 == "2020-08-12T15:52:55Z")
    #expect(drafts[4].title == "'ദൈവം അടിസ്ഥാനപരമായി ഫെമിനിസ്റ്റാണ്'")
    #expect(drafts[420].tags == ["film"])
    #expect(drafts[420].created?.iso8601 == "2020-07-20T07:36:30Z")
    #expect(drafts.allSatisfy { $0.created != nil && $0.summary.isEmpty })
  }

  @Test func pocketRilExportImportsOnceAndAgainChangesNothing() throws {
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let path = SharedSamples.url(Self.pocketExport).path
    let first = try NoteImporter().importPaths([path], into: store)
    #expect(first.files.map(\.format) == ["pocket-html"])
    #expect(first.added == 421 && first.failed == 0)
    let again = try NoteImporter().importPaths([path], into: store)
    #expect(again.added == 0 && again.merged == 0 && again.unchanged == 421)
  }
}
