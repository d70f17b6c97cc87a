import Diagnostics
import Foundation
import NoteStore
import TestSupport
import Testing

/// `NoteEditor.saveEditFile`: the one decision after `$EDITOR` that the browser and the `edit`
/// command share, on a real store.
@Suite struct EditingEditFileOutcomeTests {
  let directory = TemporaryDirectory()
  static let t1 = Timestamp(iso8601: "2026-03-01T10:00:00Z")!

  func seeded() throws -> (NoteStore, NoteEditor, Note) {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    try store.apply([
      .put(SampleNotes.note("aaaaaaaaaaaa", url: "https://example.com/a", title: "A")),
      .put(SampleNotes.note("bbbbbbbbbbbb", url: "https://example.com/b", title: "B")),
    ])
    let note = try #require(store.note(NoteID("aaaaaaaaaaaa")))
    return (store, NoteEditor(store: store, clock: { Self.t1 }), note)
  }

  /// The rendered file with one header line replaced.
  func file(_ note: Note, replacing prefix: String, with line: String) -> String {
    NoteEditFile.render(note).split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix(prefix) ? line : String($0) }.joined(separator: "\n")
  }

  @Test func eachOutcome() throws {
    var (store, editor, note) = try seeded()
    let header = NoteEditFile.instructions.split(separator: "\n").count
    // Whitespace the parse tidies away changes nothing, and nothing is written.
    let journal = FileManager.default.contents(atPath: store.path + ".journal")
    #expect(
      editor.saveEditFile(file(note, replacing: "title:", with: "title:   A  "), base: note)
        == .unchanged)
    #expect(FileManager.default.contents(atPath: store.path + ".journal") == journal)
    // A syntax error and a validation problem are fixable, at their line and column.
    #expect(
      editor.saveEditFile(file(note, replacing: "title:", with: "nonsense"), base: note)
        == .fixable(
          Diagnostic(
            "expected a header field (url:, title: or tags:) or a blank line before the summary",
            at: TextPosition(line: header + 2, column: 1))))
    #expect(
      editor.saveEditFile(
        file(note, replacing: "url:", with: "url: https://example.com/b"), base: note)
        == .fixable(
          Diagnostic(
            "another note already has this URL: bbbbbbbbbbbb \"B\"",
            at: TextPosition(line: header + 1, column: 6))))
    // A real change is saved.
    guard
      case .saved(let saved) = editor.saveEditFile(
        file(note, replacing: "title:", with: "title: A2"), base: note)
    else {
      Issue.record("not saved")
      return
    }
    #expect(saved.title == "A2" && saved.updated == Self.t1)
    #expect(store.note(note.id)?.title == "A2")
    // Saving against the old version now is a conflict the text cannot fix.
    guard
      case .refused(.conflict(let conflict), let draft) = editor.saveEditFile(
        file(note, replacing: "title:", with: "title: A3"), base: note)
    else {
      Issue.record("no conflict")
      return
    }
    #expect(conflict.current?.title == "A2" && draft.title == "A3")
  }
}
