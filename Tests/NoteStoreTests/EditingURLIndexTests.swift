import TestSupport
import Testing

@testable import NoteStore

/// The duplicate-URL index: every spelling of one normalised URL lands in one bucket, and the
/// editor finds duplicates through it in any spelling.
@Suite struct EditingURLIndexTests {
  /// Groups of spellings that normalise alike.
  static let spellings = [
    [
      "https://example.com/a/b", "HTTPS://EXAMPLE.COM/a/b/", "https://example.com:443/a/b//",
      "https://example.com/a/b#top", " https://example.com/a/b? ", "https://example.com/a/b/?#x",
    ],
    [
      "https://example.com", "https://Example.com/", "https://example.com:443/?",
      "https://example.com#f",
    ],
    ["http://example.com:80/x?q=1", "http://EXAMPLE.com/x/?q=1#frag", "http://example.com/x?q=1"],
    [
      "https://news.ycombinator.com/item?id=44840728",
      "https://news.ycombinator.com/item/?id=44840728",
    ],
  ]

  @Test func spellingsThatNormaliseAlikeShareAKey() {
    for group in Self.spellings {
      let normalized = Set(group.map { NormalizedURL.normalize($0) })
      #expect(normalized.count == 1, "\(group)")
      #expect(Set(group.map(URLIndex.key)).count == 1, "\(group.map(URLIndex.key))")
    }
    #expect(URLIndex.key("https://example.com/a/b") == "b")
    #expect(URLIndex.key("https://news.ycombinator.com/item?id=1") == "item?id=1")
    #expect(URLIndex.key("https://Example.com:443") == "example.com")
  }

  @Test func theEditorFindsDuplicatesInAnySpelling() throws {
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    var editor = NoteEditor(store: store)
    for group in Self.spellings {
      let first = try editor.add(NoteDraft(url: group[0], title: group[0]))
      for spelling in group.dropFirst() {
        #expect(
          editor.problems(in: NoteDraft(url: spelling, title: "T"), editing: nil)
            == [.duplicateURL(NoteDraft.trimmed(spelling), owner: first.id, ownerTitle: group[0])])
        #expect(editor.problems(in: NoteDraft(url: spelling, title: "T"), editing: first.id) == [])
      }
    }
    // Same last segment, different page: no duplicate.
    #expect(
      editor.problems(in: NoteDraft(url: "https://example.com/other/b", title: "T"), editing: nil)
        == [])
  }
}
