import NoteStore
import TestSupport
import Testing

/// Every rule of the three-way merge (git's merge driver) and of the two-way merge with
/// tombstones (`merge OTHER`), on small snapshots, with exact results.
@Suite struct NoteMergeTests {
  static let base = SampleNotes.time

  /// A note whose last change is `minutes` after the base time.
  func note(
    _ id: String, _ title: String, tags: [String] = [], url: String? = nil, minutes: Int64 = 0,
    summary: [String] = []
  ) -> Note {
    var note = SampleNotes.note(
      id, url: url, title: title, tags: tags, summary: summary.map { SummaryNode(markup: $0) })
    note.updated = at(minutes)
    return note
  }

  func at(_ minutes: Int64) -> Timestamp {
    Timestamp(secondsSince1970: Self.base.secondsSince1970 + minutes * 60)
  }

  func snapshot(_ notes: Note..., tombstones: [String: Int64] = [:]) -> StoreSnapshot {
    StoreSnapshot(
      notes: notes,
      tombstones: Dictionary(uniqueKeysWithValues: tombstones.map { (NoteID($0), at($1)) }))
  }

  func titles(_ report: MergeReport) -> [String] { report.result.notes.map(\.title) }

  @Test func addsFromEitherSideAndKeepsUnchangedNotes() {
    let ancestor = snapshot(note("01", "Kept"))
    let report = NoteMerge.threeWay(
      ancestor: ancestor, ours: snapshot(note("01", "Kept"), note("02", "Ours new")),
      theirs: snapshot(note("01", "Kept"), note("03", "Theirs new")))
    #expect(titles(report) == ["Kept", "Ours new", "Theirs new"])
    #expect(report.added.map(\.title) == ["Theirs new"])
    #expect(report.changed.isEmpty && report.deleted.isEmpty && report.conflicts.isEmpty)
  }

  @Test func aDeleteOnOneSideOfAnUnchangedNoteDeletesIt() {
    let ancestor = snapshot(note("01", "One"), note("02", "Two"), note("03", "Three"))
    let ours = snapshot(note("02", "Two"), note("03", "Three"), tombstones: ["01": 5])
    let theirs = snapshot(note("01", "One"), note("02", "Two"), tombstones: ["03": 7])
    let report = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs)
    #expect(titles(report) == ["Two"])
    #expect(report.deleted.map(\.title) == ["Three"])
    #expect(report.result.tombstones == [NoteID("01"): at(5), NoteID("03"): at(7)])
    // Deleted on both sides.
    let both = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: ours)
    #expect(titles(both) == ["Two", "Three"])
  }

  @Test func aNoteChangedOnOneSideTakesThatSide() {
    let ancestor = snapshot(note("01", "Old"), note("02", "Other"))
    let report = NoteMerge.threeWay(
      ancestor: ancestor, ours: snapshot(note("01", "Old"), note("02", "Other edited", minutes: 3)),
      theirs: snapshot(note("01", "New", minutes: 2), note("02", "Other")))
    #expect(titles(report) == ["New", "Other edited"])
    #expect(report.changed.map(\.title) == ["New"])
  }

  @Test func changesToDifferentFieldsOnBothSidesAreAllKept() {
    let ancestor = snapshot(note("01", "Title", tags: ["a"], url: "https://x.example/"))
    let ours = snapshot(
      note("01", "Title edited", tags: ["a"], url: "https://x.example/", minutes: 1))
    let theirs = snapshot(
      note(
        "01", "Title", tags: ["a", "b"], url: "https://x.example/", minutes: 2,
        summary: ["added"]))
    let merged = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs).result.notes
    #expect(
      merged == [
        note(
          "01", "Title edited", tags: ["a", "b"], url: "https://x.example/", minutes: 2,
          summary: ["added"])
      ])
  }

  @Test func theSameFieldChangedOnBothSidesTakesTheNewerSide() {
    let ancestor = snapshot(note("01", "Title", url: "https://old.example/"))
    let ours = snapshot(note("01", "Ours", url: "https://ours.example/", minutes: 5))
    let theirs = snapshot(note("01", "Theirs", url: "https://old.example/", minutes: 9))
    let merged = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs).result.notes
    #expect(merged.map(\.title) == ["Theirs"])
    #expect(merged.map(\.url) == ["https://ours.example/"])  // changed on our side only
    // At equal times the greater value wins, whichever side it is on.
    let tiedOurs = snapshot(note("01", "Alpha", minutes: 5))
    let tiedTheirs = snapshot(note("01", "Beta", minutes: 5))
    let forward = NoteMerge.threeWay(ancestor: ancestor, ours: tiedOurs, theirs: tiedTheirs)
    let backward = NoteMerge.threeWay(ancestor: ancestor, ours: tiedTheirs, theirs: tiedOurs)
    #expect(titles(forward) == ["Beta"])
    #expect(titles(backward) == ["Beta"])
  }

  @Test func tagsMergeAsSetsKeepingAdditionsAndRemovalsOfBothSides() {
    let ancestor = snapshot(note("01", "T", tags: ["keep", "ours-drops", "theirs-drops", "old"]))
    let ours = snapshot(
      note("01", "T", tags: ["new", "keep", "theirs-drops", "ours-adds", "old"], minutes: 1))
    let theirs = snapshot(
      note("01", "T", tags: ["keep", "ours-drops", "theirs-adds", "old", "NEW"], minutes: 2))
    let merged = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs).result.notes
    // "NEW" is "new" in another spelling, added on both sides: kept once, as first met.
    #expect(merged.map(\.tags) == [["new", "keep", "ours-adds", "old", "theirs-adds"]])
  }

  @Test func aRenamedTagOnOneSideAndAnAddedTagOnTheOther() {
    let ancestor = snapshot(note("01", "T", tags: ["ml", "python"]))
    let renamed = snapshot(note("01", "T", tags: ["machine learning", "python"], minutes: 1))
    let added = snapshot(note("01", "T", tags: ["ml", "python", "pandas"], minutes: 2))
    let merged = NoteMerge.threeWay(ancestor: ancestor, ours: added, theirs: renamed)
    #expect(merged.result.notes.map(\.tags) == [["python", "pandas", "machine learning"]])
  }

  @Test func aDeleteAgainstAChangeKeepsTheChangedNoteAndReportsIt() {
    let ancestor = snapshot(note("01", "One"), note("02", "Two"))
    let ours = snapshot(note("01", "One changed", minutes: 4), tombstones: ["02": 3])
    let theirs = snapshot(note("02", "Two changed", minutes: 2), tombstones: ["01": 1])
    let report = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs)
    #expect(titles(report) == ["One changed", "Two changed"])
    #expect(report.result.tombstones.isEmpty)
    #expect(
      report.conflicts.map(\.line) == [
        #"conflict: 01 "One changed" was deleted on their side and changed on ours; the changed note is kept"#,
        #"conflict: 02 "Two changed" was deleted on our side and changed on theirs; the changed note is kept"#,
      ])
    #expect(report.added.map(\.title) == ["Two changed"])
    #expect(report.summary == "1 added, 0 changed, 0 deleted, 2 conflicts")
  }

  @Test func theResultIsSortedAndByteIdenticalEachTime() {
    let ancestor = snapshot(note("0b", "B"), note("0a", "A"))
    let ours = snapshot(note("0c", "C"), note("0a", "A2", minutes: 1), note("0b", "B"))
    let theirs = snapshot(note("0a", "A"), tombstones: ["0b": 9])
    let first = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs)
    let second = NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: theirs)
    #expect(first.result.encoded() == second.result.encoded())
    #expect(
      String(decoding: first.result.encoded(), as: UTF8.self)
        == """
        {"format":"url-notes","formatVersion":2,"notes":[
        {"created":"2026-01-02T03:04:05Z","id":"0a","provenance":[],"summary":[],"tags":[],"title":"A2","updated":"2026-01-02T03:05:05Z"},
        {"created":"2026-01-02T03:04:05Z","id":"0c","provenance":[],"summary":[],"tags":[],"title":"C","updated":"2026-01-02T03:04:05Z"}
        ],"tombstones":[
        {"deleted":"2026-01-02T03:13:05Z","id":"0b"}
        ]}

        """)
  }

  @Test func twoWayTombstonesDecideBetweenANoteAndItsDelete() {
    // Ours deleted 01 at 10; theirs has an older 01 (5): it stays deleted. Ours deleted 02 at
    // 10; theirs changed it later (12): kept and reported. Theirs deleted 03 at 0, ours changed
    // it at 1: kept and reported.
    let ours = snapshot(note("03", "Ours only", minutes: 1), tombstones: ["01": 10, "02": 10])
    let theirs = snapshot(
      note("01", "Older", minutes: 5), note("02", "Newer", minutes: 12),
      note("04", "Theirs only"), tombstones: ["03": 0])
    let report = NoteMerge.twoWay(ours: ours, theirs: theirs)
    #expect(titles(report) == ["Newer", "Ours only", "Theirs only"])
    #expect(report.added.map(\.title) == ["Newer", "Theirs only"])
    #expect(report.conflicts.map(\.id) == [NoteID("02"), NoteID("03")])
    #expect(report.result.tombstones == [NoteID("01"): at(10)])
    // A tombstone as new as the note's change deletes it.
    let deleting = NoteMerge.twoWay(ours: ours, theirs: snapshot(tombstones: ["03": 1]))
    #expect(deleting.deleted.map(\.title) == ["Ours only"])
  }

  @Test func twoWayNotesOnBothSidesTakeTheNewerSideWhereTheyDiffer() {
    let ours = snapshot(note("01", "Ours", tags: ["a"], minutes: 3, summary: ["x"]))
    let theirs = snapshot(note("01", "Theirs", tags: ["a", "b"], minutes: 2, summary: ["x"]))
    let report = NoteMerge.twoWay(ours: ours, theirs: theirs)
    #expect(report.result.notes == [note("01", "Ours", tags: ["a"], minutes: 3, summary: ["x"])])
    #expect(report.changesNothing)
    #expect(NoteMerge.twoWay(ours: theirs, theirs: ours).result == report.result)
  }
}
