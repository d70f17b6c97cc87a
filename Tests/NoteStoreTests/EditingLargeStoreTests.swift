import Foundation
import NoteStore
import TestSupport
import Testing

/// Edits on a large store are journal appends, never a rewrite of the snapshot. 5,000 notes by
/// default; `URL_NOTES_EDIT_NOTES=100000` runs it at the benchmark's size. Latency is measured
/// by `url-notes-bench` ("persist one edit"), not asserted here.
@Suite struct EditingLargeStoreTests {
  static let size =
    ProcessInfo.processInfo.environment["URL_NOTES_EDIT_NOTES"].flatMap(Int.init) ?? 5_000

  @Test func editsTouchOnlyTheJournal() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("notes.json")
    let store = try NoteStore.open(path: path)
    let summary = [
      SummaryNode(
        markup: "**Point:** a sentence of summary text about the page",
        children: [SummaryNode(markup: "a detail"), SummaryNode(markup: "another detail")])
    ]
    try store.apply(
      (0..<Self.size).map { index in
        let url = "https://site\(index % 97).example/articles/\(index)"
        return .put(
          Note(
            id: NoteID.forURL(NormalizedURL.normalize(url)!), url: url, title: "Article \(index)",
            tags: ["topic \(index % 300)", "common", "kind \(index % 7)"], summary: summary,
            created: SampleNotes.time, updated: SampleNotes.time))
      })
    let snapshot = FileManager.default.bytes(atPath: path)
    var editor = NoteEditor(store: store)

    for round in 0..<5 {
      let added = try editor.add(
        NoteDraft(
          url: "https://new.example/\(round)", title: "New \(round)", tags: ["common"],
          summary: summary))
      var draft = NoteDraft(added)
      draft.title += " (edited)"
      let edited = try editor.update(added.id, to: draft, base: added)
      try editor.delete(edited.id, base: edited)
      _ = try editor.undo()
      _ = try editor.add(NoteDraft(url: nil, title: "Plain \(round)"))
    }
    // The snapshot was not rewritten: every edit went to the journal.
    #expect(FileManager.default.bytes(atPath: path) == snapshot)
  }
}
