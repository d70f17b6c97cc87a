/// Merges two versions of a store note by note: pure functions over snapshots, so the same
/// inputs give the same snapshot (and bytes) on any machine.
///
/// Three-way (`threeWay`, git's merge driver), by note id with the common ancestor:
/// - added on one side: added; on both: merged as below with no ancestor;
/// - deleted on one side and unchanged on the other: deleted; deleted on both: deleted;
/// - changed on one side only: that side;
/// - changed on both: field by field (`mergeFields`): a field changed on one side takes that
///   side; title, URL, summary, body and `published` changed on both take the side with the
///   newer `updated`;
///   tags are a three-way set merge keeping both sides' additions and removals;
/// - deleted on one side and changed on the other: a conflict: the changed note is kept and
///   reported (`MergeReport.conflicts`).
///
/// Two-way (`twoWay`, `url-notes merge OTHER`), with no ancestor: tombstones stand in for it.
/// A note on one side only is kept unless the other side's tombstone for it is at least as new
/// as the note's `updated` (then it stays deleted; a note changed after the other side deleted
/// it is kept and reported). A note on both sides that differs is merged with no ancestor:
/// every field that differs takes the newer `updated` side, tags included (with no ancestor an
/// added tag cannot be told from a removed one).
///
/// Tombstones of both sides are kept (the later time of an id), except for ids the result
/// holds a note for.
public enum NoteMerge {
  public static func threeWay(
    ancestor: StoreSnapshot, ours: StoreSnapshot, theirs: StoreSnapshot
  ) -> MergeReport {
    merge(ours: ours, theirs: theirs) { id, ourNote, theirNote in
      guard let base = ancestor.note(id) else {
        return mergeUnrelated(id, ourNote, theirNote, ours: ours, theirs: theirs)
      }
      switch (ourNote, theirNote) {
      case (nil, nil): return .deleted
      case (nil, let changed?), (let changed?, nil):
        return changed == base ? .deleted : .conflict(changed)
      case (let ourNote?, let theirNote?):
        if ourNote == base { return .note(theirNote) }
        if theirNote == base { return .note(ourNote) }
        return .note(mergeFields(ancestor: base, ours: ourNote, theirs: theirNote))
      }
    }
  }

  public static func twoWay(ours: StoreSnapshot, theirs: StoreSnapshot) -> MergeReport {
    merge(ours: ours, theirs: theirs) { id, ourNote, theirNote in
      mergeUnrelated(id, ourNote, theirNote, ours: ours, theirs: theirs)
    }
  }

  /// What became of one id.
  enum Outcome {
    case note(Note)
    case deleted
    /// Deleted on one side, changed on the other: the changed note, kept.
    case conflict(Note)
  }

  /// A note's versions with no common ancestor: tombstones decide between a note and its
  /// absence; two versions merge field by field with no ancestor.
  static func mergeUnrelated(
    _ id: NoteID, _ ourNote: Note?, _ theirNote: Note?, ours: StoreSnapshot,
    theirs: StoreSnapshot
  ) -> Outcome {
    switch (ourNote, theirNote) {
    case (nil, nil): return .deleted
    case (let ourNote?, let theirNote?):
      return .note(ourNote == theirNote ? ourNote : mergeFields(ours: ourNote, theirs: theirNote))
    case (let ourNote?, nil): return survivor(ourNote, against: theirs.tombstones[id])
    case (nil, let theirNote?): return survivor(theirNote, against: ours.tombstones[id])
    }
  }

  /// A note one side has and the other may have deleted: gone if the delete is at least as new
  /// as the note's last change, kept and reported if the note changed after it.
  static func survivor(_ note: Note, against deleted: Timestamp?) -> Outcome {
    guard let deleted else { return .note(note) }
    return deleted >= note.updated ? .deleted : .conflict(note)
  }

  /// Runs `decide` for every id of either side (and of the ancestor, through `decide`), in id
  /// order, and collects the result and what it means for `ours`.
  static func merge(
    ours: StoreSnapshot, theirs: StoreSnapshot,
    decide: (NoteID, Note?, Note?) -> Outcome
  ) -> MergeReport {
    var ids = Set(ours.notes.map(\.id)).union(theirs.notes.map(\.id))
    ids.formUnion(ours.tombstones.keys)
    ids.formUnion(theirs.tombstones.keys)
    var notes: [Note] = []
    var report = MergeReport(result: .empty)
    for id in ids.sorted() {
      let ourNote = ours.note(id)
      let merged: Note?
      switch decide(id, ourNote, theirs.note(id)) {
      case .note(let note): merged = note
      case .deleted: merged = nil
      case .conflict(let note):
        merged = note
        report.conflicts.append(
          MergeReport.Conflict(
            id: id, title: note.title, keptSide: ourNote == note ? .ours : .theirs))
      }
      if let merged { notes.append(merged) }
      switch (ourNote, merged) {
      case (nil, let merged?): report.added.append(merged)
      case (let ourNote?, nil): report.deleted.append(ourNote)
      case (let ourNote?, let merged?) where ourNote != merged: report.changed.append(merged)
      default: break
      }
    }
    var tombstones = ours.tombstones
    for (id, time) in theirs.tombstones where tombstones[id].map({ $0 < time }) ?? true {
      tombstones[id] = time
    }
    for note in notes { tombstones[note.id] = nil }
    report.result = StoreSnapshot(notes: notes, tombstones: tombstones)
    return report
  }
}
