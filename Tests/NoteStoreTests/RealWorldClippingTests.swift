import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The Markdown clippings of `../shared/samples/real-world-2/markdown` (MarkDownload, Obsidian
/// Web Clipper, Defuddle, hand-made templates), read in place against the facts in that
/// folder's README; skipped, with the reason printed, when the folder is absent.
@Suite struct RealWorldClippingTests {
  /// The one note the importer's readers make of the file, with the format that read it.
  func read(_ name: String) throws -> (format: String, draft: NoteDraft)? {
    guard let folder = RealWorld2.folder else { return nil }
    let path = folder + "/markdown/" + name
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let reader = try #require(
      NoteImporter.defaultReaders.first { $0.recognizes(bytes, path: path) })
    let drafts = try reader.read(bytes, path: path)
    try #require(drafts.count == 1)
    return (reader.format, drafts[0])
  }

  func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

  @Test func obsidianClipWithItsTitleOnlyInTheFileName() throws {
    guard let (format, draft) = try read("68 Bits of Unsolicited Advice.md") else { return }
    #expect(format == "markdown")
    #expect(draft.title == "68 Bits of Unsolicited Advice")
    #expect(draft.url == "https://kk.org/thetechnium/68-bits-of-unsolicited-advice/")
    #expect(draft.tags == [])
    #expect(draft.summary == [])
    #expect(draft.created == time("2023-09-12"))
    // The README's "published 2020-04-28": the article's own date, kept beside the clip date.
    #expect(draft.published == time("2020-04-28"))
    #expect(draft.body?.hasPrefix("---\ncategories:\n") == true)
  }

  @Test func markDownloadWithItsOwnDateFormat() throws {
    guard let (format, draft) = try read("typstodcs.md") else { return }
    #expect(format == "markdown")
    #expect(draft.title == "Syntax – Typst Documentation")
    #expect(draft.url == "https://typst.app/docs/reference/syntax/")
    #expect(draft.tags == [])
    #expect(draft.created == time("2024-02-15T12:19:32Z"))
    #expect(draft.published == nil)
    #expect(outlineDump(draft.summary) == "Markup\nMath mode\nCode mode\nEscape sequences")
  }

  @Test func defuddleMetadataBlockAndNoURLFromTheText() throws {
    guard let (format, draft) = try read("table-layout--paulgraham.com-makersschedule.md")
    else { return }
    #expect(format == "markdown")
    #expect(draft.title == "Maker's Schedule, Manager's Schedule")
    #expect(draft.url == nil)
    #expect(draft.tags == [])
    #expect(draft.created == nil)
    #expect(draft.published == nil)
    #expect(draft.summary == [])
  }

  @Test func frontMatterTitleBeatsTheFirstHeading() throws {
    let name =
      "Cytokeratin 13 (CK13) expression in cancer a tissue microarray study on 10,439 tumors.md"
    guard let (format, draft) = try read(name) else { return }
    #expect(format == "markdown")
    #expect(
      draft.title
        == "Cytokeratin 13 (CK13) expression in cancer: a tissue microarray study on 10,439 tumors")
    #expect(draft.url == "https://onlinelibrary.wiley.com/doi/10.1111/apm.13280")
    #expect(draft.tags == [])
    #expect(draft.created == time("2025-06-09"))
    #expect(
      outlineDump(draft.summary)
        == "Abstract\nIntroduction\nMethodology\nResults\nDiscussion\nConclusion")
  }

  @Test func templateWithQuotedKeysAndItsAddressUnderLinks() throws {
    guard let (format, draft) = try read("Ponyo.md") else { return }
    #expect(format == "markdown")
    #expect(draft.title == "Gake no ue no Ponyo")
    #expect(draft.url == "https://www.imdb.com/title/tt0876563/")
    #expect(draft.tags == [])
    #expect(draft.created == time("2026-02-20"))
    #expect(outlineDump(draft.summary) == "Review")
  }

  @Test func thisRepositorysReadmeIsMarkdownThoughItMentionsNextF() throws {
    let path = Fixtures.repositoryRoot.appendingPathComponent("README.md").path
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.count > 1000 && String(decoding: bytes, as: UTF8.self).contains("__next_f"))
    let reader = try #require(
      NoteImporter.defaultReaders.first { $0.recognizes(bytes, path: path) })
    #expect(reader.format == "markdown")
    let draft = try #require(try reader.read(bytes, path: path).first)
    #expect(draft.title == "url-notes")
    #expect(draft.url == nil)
    #expect(draft.summary.first?.plainText == "Try it")
  }
}
