import Foundation
import NoteStore
import TestSupport
import Testing

/// One spelling of a tag whatever the way in: the editor (add, the form, `$EDITOR`, which all
/// save through `NoteEditor`), tag rename, and the importers (through the pending notes).
@Suite struct TagWhitespaceTests {
  let directory = TemporaryDirectory()

  @Test func editorsRenamesAndImportsCollapseWhitespaceInTags() throws {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    var editor = NoteEditor(store: store)
    let added = try editor.add(
      NoteDraft(url: nil, title: "Typed", tags: ["  with  two \t spaces ", "a\u{00A0}b"]))
    #expect(added.tags == ["with two spaces", "a b"])
    try editor.renameTag("a b", to: "new\n name")
    #expect(store.note(added.id)?.tags == ["with two spaces", "new name"])

    let bookmarks = directory.file("bookmarks.html")
    try """
    <!DOCTYPE NETSCAPE-Bookmark-file-1>
    <DL><p>
    <DT><A HREF="https://example.com/p" TAGS="with   two spaces,new  name">P</A>
    </DL><p>
    """.write(toFile: bookmarks, atomically: true, encoding: .utf8)
    let report = try NoteImporter().importPaths([bookmarks], into: store)
    #expect(report.succeeded, "\(report.files)")
    #expect(store.tagCounts().map(\.tag).sorted() == ["new name", "with two spaces"])
  }
}
