import Foundation
import NoteStore
import TestSupport
import Testing

/// NoteEditor on real store files: validation, durable edits, conflicts between two store
/// instances on one path, undo/redo (also after reopening), tag rename and merge.
@Suite struct EditingEditorTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }
  static let t1 = Timestamp(iso8601: "2026-03-01T10:00:00Z")!
  static let t2 = Timestamp(iso8601: "2026-03-02T10:00:00Z")!

  /// A store with three notes, and an editor whose clock says `t1`.
  func seeded() throws -> (NoteStore, NoteEditor) {
    let store = try NoteStore.open(path: path)
    try store.apply([
      .put(
        SampleNotes.note(
          "aaaaaaaaaaaa", url: "https://example.com/a", title: "A", tags: ["GPU", "llm"])),
      .put(
        SampleNotes.note(
          "bbbbbbbbbbbb", url: "https://example.com/b", title: "B", tags: ["hardware", "gpu"])),
      .put(SampleNotes.note("cccccccccccc", title: "C", tags: ["Graphics", "rare"])),
    ])
    return (store, NoteEditor(store: store, clock: { Self.t1 }))
  }

  func draft(_ url: String?, _ title: String, _ tags: [String] = []) -> NoteDraft {
    NoteDraft(url: url, title: title, tags: tags, summary: [SummaryNode(markup: "point")])
  }

  @Test func validationMessages() throws {
    let (store, _) = try seeded()
    func problems(_ draft: NoteDraft, editing: NoteID? = nil) -> [String] {
      NoteValidation.problems(in: draft.tidied, editing: editing, store: store).map(\.message)
    }
    #expect(problems(draft(" https://example.com/new ", " New ")) == [])
    #expect(
      problems(draft("example.com/x", "  ", ["a", "", "B", "b"])) == [
        "malformed URL \"example.com/x\": expected an absolute URL such as https://example.com/page",
        "the title is empty",
        "tag 2 is empty",
        "tags \"B\" and \"b\" are the same tag (tags ignore case)",
      ])
    #expect(
      problems(draft("file:///home/me/x.html", "T"))
        == [
          "malformed URL \"file:///home/me/x.html\": expected an absolute URL such as https://example.com/page"
        ])
    #expect(
      problems(draft("HTTPS://Example.com:443/a/#top", "T"))
        == ["another note already has this URL: aaaaaaaaaaaa \"A\""])
    #expect(problems(draft("https://example.com/a", "T"), editing: NoteID("aaaaaaaaaaaa")) == [])
  }

  @Test func addIsDurableWithURLHashIdAndTimes() throws {
    var (store, editor) = try seeded()
    let note = try editor.add(draft(" https://example.com/new ", " New ", [" x ", "y z"]))
    let expected = Note(
      id: NoteID.forURL("https://example.com/new"), url: "https://example.com/new", title: "New",
      tags: ["x", "y z"], summary: [SummaryNode(markup: "point")], created: Self.t1,
      updated: Self.t1)
    #expect(note == expected)
    #expect(try NoteStore.open(path: path).note(note.id) == expected)
    #expect(store.count == 4)
    #expect(editor.history.done.map(\.summary) == ["added \"New\""])
    let withoutURL = try editor.add(draft(nil, "No link"))
    #expect(withoutURL.url == nil && withoutURL.id.rawValue.count == NoteID.length)
  }

  @Test func addRefusesADuplicateURLAndWritesNothing() throws {
    var (store, editor) = try seeded()
    let before = FileManager.default.bytes(atPath: path + ".journal")
    #expect(
      throws: EditError.invalid(
        .duplicateURL("https://EXAMPLE.com/b/", owner: NoteID("bbbbbbbbbbbb"), ownerTitle: "B"))
    ) { try editor.add(draft("https://EXAMPLE.com/b/", "Again")) }
    #expect(FileManager.default.bytes(atPath: path + ".journal") == before)
    #expect(store.count == 3 && !editor.history.canUndo)
  }

  @Test func updateKeepsCreatedAndProvenanceAndSetsUpdated() throws {
    var (store, editor) = try seeded()
    var base = store.note(NoteID("aaaaaaaaaaaa"))!
    base.provenance = [Provenance(file: "/x.rsc", format: "flight", imported: SampleNotes.time)]
    try store.apply([.put(base)])
    var edited = NoteDraft(base)
    edited.title = "A, edited"
    edited.tags.append("new")
    let note = try editor.update(base.id, to: edited, base: base)
    #expect(note.title == "A, edited" && note.tags == ["GPU", "llm", "new"])
    #expect(note.created == SampleNotes.time && note.updated == Self.t1)
    #expect(note.provenance == base.provenance)
    #expect(try NoteStore.open(path: path).note(base.id) == note)
    // An unchanged draft writes nothing and is no undo step.
    #expect(try editor.update(base.id, to: NoteDraft(note), base: note) == note)
    #expect(editor.history.done.count == 1)
  }

  @Test func anImportedURLThatHandWrittenNotesMayNotHaveIsKeptOnEdit() throws {
    var (store, editor) = try seeded()
    let bookmark = SampleNotes.note("eeeeeeeeeeee", url: "place:sort=8", title: "Smart folder")
    try store.apply([.put(bookmark)])
    var draft = NoteDraft(bookmark)
    draft.title = "Renamed folder"
    #expect(try editor.update(bookmark.id, to: draft, base: bookmark).title == "Renamed folder")
    let edited = store.note(bookmark.id)!
    draft.url = "place:sort=9"
    #expect(
      throws: EditError.invalid(
        .malformedURL(
          "place:sort=9", reason: "expected an absolute URL such as https://example.com/page"))
    ) { try editor.update(bookmark.id, to: draft, base: edited) }
  }

  @Test func conflictWhenAnotherProcessChangedTheNote() throws {
    var (store, editor) = try seeded()
    let base = store.note(NoteID("aaaaaaaaaaaa"))!
    // A second instance on the same path: another process.
    let other = try NoteStore.open(path: path)
    var otherEditor = NoteEditor(store: other, clock: { Self.t2 })
    var theirs = NoteDraft(base)
    theirs.title = "Theirs"
    let theirNote = try otherEditor.update(base.id, to: theirs, base: base)

    var mine = NoteDraft(base)
    mine.title = "Mine"
    let expected = EditConflict(
      id: base.id, base: base, current: theirNote, attempted: mine.applied(to: base, at: Self.t1))
    #expect(throws: EditError.conflict(expected)) {
      try editor.update(base.id, to: mine, base: base)
    }
    #expect(
      expected.message
        == "note aaaaaaaaaaaa \"Theirs\" was changed by another process; nothing was saved")
    #expect(try NoteStore.open(path: path).note(base.id)?.title == "Theirs")

    // Deleted elsewhere: also a conflict, for an edit and for a delete.
    let b = store.note(NoteID("bbbbbbbbbbbb"))!
    try otherEditor.delete(b.id, base: b)
    #expect(
      throws: EditError.conflict(EditConflict(id: b.id, base: b, current: nil, attempted: nil))
    ) {
      try editor.delete(b.id, base: b)
    }
  }

  @Test func changesToOtherNotesMergeOnReload() throws {
    var (store, editor) = try seeded()
    let other = try NoteStore.open(path: path)
    var otherEditor = NoteEditor(store: other, clock: { Self.t2 })
    let c = other.note(NoteID("cccccccccccc"))!
    var theirs = NoteDraft(c)
    theirs.title = "C by them"
    try otherEditor.update(c.id, to: theirs, base: c)
    let added = try otherEditor.add(draft("https://example.com/theirs", "Theirs"))

    let a = store.note(NoteID("aaaaaaaaaaaa"))!
    var mine = NoteDraft(a)
    mine.title = "A by me"
    try editor.update(a.id, to: mine, base: a)
    // Their add is seen by my validation once my edit has reloaded the store.
    #expect(throws: EditError.self) { try editor.add(draft("https://example.com/theirs", "Dup")) }

    let reopened = try NoteStore.open(path: path)
    #expect(reopened.count == 4)
    #expect(reopened.note(a.id)?.title == "A by me")
    #expect(reopened.note(c.id)?.title == "C by them")
    #expect(reopened.note(added.id)?.title == "Theirs")
  }

  @Test func duplicateURLsFromAnotherProcessAreSeenAfterTheIndexWasBuilt() throws {
    var (store, editor) = try seeded()
    try editor.add(draft("https://example.com/mine", "Mine"))  // builds the URL index
    let other = try NoteStore.open(path: path)
    var otherEditor = NoteEditor(store: other, clock: { Self.t2 })
    let theirs = try otherEditor.add(draft("https://example.com/theirs", "Theirs"))
    #expect(
      throws: EditError.invalid(
        .duplicateURL("https://example.com/theirs/", owner: theirs.id, ownerTitle: "Theirs"))
    ) { try editor.add(draft("https://example.com/theirs/", "Dup")) }

    // My delete, their add of the same URL, my undo: refused, not a second note with it.
    let a = store.note(NoteID("aaaaaaaaaaaa"))!
    try editor.delete(a.id, base: a)
    let taken = try otherEditor.add(draft("https://example.com/a", "Took the URL"))
    #expect(
      throws: EditError.invalid(
        .duplicateURL("https://example.com/a", owner: taken.id, ownerTitle: "Took the URL"))
    ) { try editor.undo() }
    #expect(editor.history.done.count == 2)
    #expect(editor.problems(in: draft("https://example.com/mine", "T"), editing: nil).count == 1)
  }

  @Test func aStoreBrokenByHandIsNeverOverwritten() throws {
    var (store, editor) = try seeded()
    try store.compact()
    let a = store.note(NoteID("aaaaaaaaaaaa"))!
    // A hand edit that breaks the file, written atomically as editors do (a new inode).
    let broken = Array("{\"format\":\"url-notes\",\"formatVersion\":1,\"notes\":[\n{\"id\":".utf8)
    try Data(broken).write(to: URL(fileURLWithPath: path), options: .atomic)
    var changed = NoteDraft(a)
    changed.title = "Changed"
    do {
      try editor.update(a.id, to: changed, base: a)
      Issue.record("an edit of an unparsable store was accepted")
    } catch {
      guard case .store(let storeError) = error else {
        Issue.record("expected a store error, got \(error)")
        return
      }
      #expect(storeError.kind == .corrupt)
      #expect(error.message.hasPrefix("\(path):"))
    }
    #expect(FileManager.default.bytes(atPath: path) == broken)
    #expect(!editor.history.canUndo)
  }

  @Test func undoAndRedoEveryKindOfEditAlsoAfterReopening() throws {
    var (store, editor) = try seeded()
    let original = store.allNotes().sorted { $0.id < $1.id }
    let added = try editor.add(draft("https://example.com/n", "N"))
    let a = store.note(NoteID("aaaaaaaaaaaa"))!
    var changed = NoteDraft(a)
    changed.summary = [SummaryNode(markup: "new", children: [SummaryNode(markup: "deeper")])]
    try editor.update(a.id, to: changed, base: a)
    try editor.delete(NoteID("bbbbbbbbbbbb"), base: store.note(NoteID("bbbbbbbbbbbb"))!)
    try editor.renameTag("gpu", to: "Graphics card")
    let done = store.allNotes().sorted { $0.id < $1.id }
    #expect(
      editor.history.done.map(\.summary) == [
        "added \"N\"", "edited \"A\"", "deleted \"B\"",
        "renamed tag \"GPU\" to \"Graphics card\" (1 note)",
      ])

    // A new process with the saved history: every step is on disk, so undo works there.
    let reopened = try NoteStore.open(path: path)
    var later = NoteEditor(store: reopened, history: editor.history, clock: { Self.t2 })
    while try later.undo() != nil {}
    #expect(try NoteStore.open(path: path).allNotes().sorted { $0.id < $1.id } == original)
    #expect(reopened.note(added.id) == nil)
    #expect(later.history.undone.count == 4 && !later.history.canUndo)

    while try later.redo() != nil {}
    #expect(try NoteStore.open(path: path).allNotes().sorted { $0.id < $1.id } == done)

    // A new edit ends the redo chain.
    try later.undo()
    try later.add(draft(nil, "Fresh"))
    #expect(!later.history.canRedo)
  }

  @Test func undoAfterAnotherProcessChangedTheNoteIsAConflict() throws {
    var (store, editor) = try seeded()
    let a = store.note(NoteID("aaaaaaaaaaaa"))!
    var mine = NoteDraft(a)
    mine.title = "Mine"
    let myNote = try editor.update(a.id, to: mine, base: a)
    let other = try NoteStore.open(path: path)
    var otherEditor = NoteEditor(store: other, clock: { Self.t2 })
    var theirs = NoteDraft(myNote)
    theirs.title = "Theirs"
    let theirNote = try otherEditor.update(a.id, to: theirs, base: myNote)

    #expect(
      throws: EditError.conflict(
        EditConflict(id: a.id, base: myNote, current: theirNote, attempted: a))
    ) { try editor.undo() }
    #expect(editor.history.done.count == 1)
    #expect(try NoteStore.open(path: path).note(a.id) == theirNote)
  }

  @Test func renameTagAcrossNotesKeepsPlaceAndDropsDuplicates() throws {
    var (store, editor) = try seeded()
    try store.apply([
      // Hand-edited stores can hold one tag twice in two spellings.
      .put(SampleNotes.note("dddddddddddd", title: "D", tags: ["x", "gpu", "GPU"]))
    ])
    #expect(throws: EditError.tag(.targetExists("Graphics"))) {
      try editor.renameTag("gpu", to: "graphics")
    }
    #expect(throws: EditError.tag(.unknownTag("nope"))) { try editor.renameTag("nope", to: "x") }
    #expect(throws: EditError.tag(.emptyName)) { try editor.renameTag("gpu", to: "  ") }

    let edit = try editor.renameTag("Gpu", to: "graphics card")
    #expect(edit.kind == .renameTag(from: "GPU", to: "graphics card"))
    #expect(edit.changes.map(\.id.rawValue) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "dddddddddddd"])
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.note(NoteID("aaaaaaaaaaaa"))?.tags == ["graphics card", "llm"])
    #expect(reopened.note(NoteID("bbbbbbbbbbbb"))?.tags == ["hardware", "graphics card"])
    #expect(reopened.note(NoteID("dddddddddddd"))?.tags == ["x", "graphics card"])
    #expect(reopened.note(NoteID("aaaaaaaaaaaa"))?.updated == Self.t1)

    // A case-only rename is allowed; one undo step takes back all of it.
    try editor.renameTag("GRAPHICS CARD", to: "Graphics Card")
    #expect(store.tagCounts(order: .name).map(\.tag).contains("Graphics Card"))
    try editor.undo()
    try editor.undo()
    #expect(store.note(NoteID("aaaaaaaaaaaa"))?.tags == ["GPU", "llm"])
    #expect(store.note(NoteID("dddddddddddd"))?.tags == ["x", "gpu", "GPU"])
  }

  @Test func mergeTagIntoAnother() throws {
    var (store, editor) = try seeded()
    #expect(throws: EditError.tag(.sameTag("GPU"))) { try editor.mergeTag("gpu", into: "GPU") }
    #expect(throws: EditError.tag(.unknownTag("none"))) {
      try editor.mergeTag("gpu", into: "none")
    }
    try store.apply([
      .put(SampleNotes.note("dddddddddddd", title: "D", tags: ["graphics", "x", "gpu"]))
    ])
    let edit = try editor.mergeTag("gpu", into: "GRAPHICS")
    #expect(edit.summary == "merged tag \"GPU\" into \"Graphics\" (3 notes)")
    #expect(store.note(NoteID("aaaaaaaaaaaa"))?.tags == ["Graphics", "llm"])
    #expect(store.note(NoteID("bbbbbbbbbbbb"))?.tags == ["hardware", "Graphics"])
    #expect(store.note(NoteID("dddddddddddd"))?.tags == ["graphics", "x"])
    #expect(store.tagCounts().first == TagCount(tag: "Graphics", count: 4))
    try editor.undo()
    #expect(store.note(NoteID("dddddddddddd"))?.tags == ["graphics", "x", "gpu"])
  }

  @Test func tagsUsedByASingleNote() throws {
    let (store, _) = try seeded()
    #expect(
      store.singleUseTags() == [
        SingleUseTag(tag: "Graphics", note: NoteID("cccccccccccc"), title: "C"),
        SingleUseTag(tag: "hardware", note: NoteID("bbbbbbbbbbbb"), title: "B"),
        SingleUseTag(tag: "llm", note: NoteID("aaaaaaaaaaaa"), title: "A"),
        SingleUseTag(tag: "rare", note: NoteID("cccccccccccc"), title: "C"),
      ])
  }

  @Test func renamingATagOnAThousandNotesIsOneStoreWrite() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(
      (0..<1000).map { index in
        .put(
          SampleNotes.note(String(format: "%012x", index), title: "N\(index)", tags: ["t", "u"]))
      })
    try store.apply([.put(SampleNotes.note("ffffffffffff", title: "seed journal"))])
    var editor = NoteEditor(store: store)
    let journalBefore = FileManager.default.bytes(atPath: path + ".journal").count
    let start = Timestamp.monotonicNanoseconds()
    let edit = try editor.renameTag("t", to: "renamed")
    let milliseconds = Double(Timestamp.monotonicNanoseconds() - start) / 1e6
    #expect(edit.changes.count == 1000)
    #expect(FileManager.default.bytes(atPath: path + ".journal").count > journalBefore)
    #expect(try NoteStore.open(path: path).tagCounts().map(\.tag).sorted() == ["renamed", "u"])
    #expect(milliseconds < 2000, "took \(milliseconds) ms")
  }
}
