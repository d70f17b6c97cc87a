/// Adds, edits and deletes notes by hand, with validation, conflict detection and undo.
///
/// Every method works inside `NoteStore.withWriteLock`, which first picks up what other
/// processes wrote: a change to other notes merges silently, but if the note being written
/// changed on disk since the caller read it (`base`), the edit throws `EditError.conflict`
/// carrying both versions and writes nothing. When a method returns, its change is durable
/// (one journal append and fsync, `NoteStore.apply`), and it is recorded in `history` as one
/// undo step.
///
/// A value: it holds the store (a reference) and the undo history (a value), so an app state
/// that is itself a value can keep one and call its mutating methods.
/// Not thread-safe, like the store it wraps.
public struct NoteEditor {
  public let store: NoteStore
  /// The edits made through this editor, for undo and redo.
  public var history: EditHistory
  /// The time stamped on added and edited notes (tests fix it).
  let clock: () -> Timestamp

  public init(
    store: NoteStore, history: EditHistory = EditHistory(),
    clock: @escaping () -> Timestamp = Timestamp.now
  ) {
    self.store = store
    self.history = history
    self.clock = clock
  }

  /// Adds a note made from `draft` (tidied, then validated against the current store).
  ///
  /// The new note's id is its URL's hash, as for imported notes (so a later import of the same
  /// page finds it), or random for a note without a URL or when that id is taken.
  @discardableResult
  public mutating func add(_ draft: NoteDraft) throws(EditError) -> Note {
    let draft = draft.tidied
    return try Self.locked(store) { () throws(EditError) -> Note in
      if let problem = problems(in: draft, editing: nil).first {
        throw .invalid(problem)
      }
      var id = draft.url.flatMap(NormalizedURL.normalize).map(NoteID.forURL) ?? NoteID.random()
      while store.header(id) != nil { id = NoteID.random() }
      let now = clock()
      let note = Note(
        id: id, url: draft.url, title: draft.title, tags: draft.tags, summary: draft.summary,
        body: draft.body, created: now, updated: now)
      // Checked above under this lock: the URL by `problems`, and no note has the new id.
      try commit(
        NoteEdit(kind: .add, changes: [NoteChange(before: nil, after: note)]), checked: true)
      return note
    }
  }

  /// Replaces the editable fields of note `id` with `draft` (tidied, validated).
  ///
  /// `base` is the note as the caller read it before editing; if the stored note differs now,
  /// this throws a conflict. An unchanged draft writes nothing, records no undo step and
  /// returns `base`. The URL is validated only when it changed. `created` and provenance are kept; `updated` becomes now.
  @discardableResult
  public mutating func update(_ id: NoteID, to draft: NoteDraft, base: Note) throws(EditError)
    -> Note
  {
    let draft = draft.tidied
    return try Self.locked(store) { () throws(EditError) -> Note in
      let current = store.note(id)
      guard current == base else {
        throw .conflict(
          EditConflict(
            id: id, base: base, current: current, attempted: draft.applied(to: base, at: clock())))
      }
      if NoteDraft(base) == draft { return base }
      // A URL kept as it was is not judged again: imported bookmarks may carry URLs that a
      // hand-written note may not (`place:`, `file:///`), and editing their title must work.
      let problems = problems(in: draft, editing: id).filter {
        switch $0 {
        case .malformedURL, .duplicateURL: return draft.url != base.url
        default: return true
        }
      }
      if let problem = problems.first { throw .invalid(problem) }
      let note = draft.applied(to: base, at: clock())
      // Checked above under this lock: the conflict, and the URL by `problems`.
      try commit(
        NoteEdit(kind: .update, changes: [NoteChange(before: base, after: note)]), checked: true)
      return note
    }
  }

  /// Deletes note `id`, which the caller read as `base`; a conflict if it changed since.
  public mutating func delete(_ id: NoteID, base: Note) throws(EditError) {
    try Self.locked(store) { () throws(EditError) in
      try commit(
        NoteEdit(kind: .delete, changes: [NoteChange(before: base, after: nil)]), checked: false)
    }
  }

  /// Every problem with `draft` (`NoteValidation`), for a note being added (`editing` nil)
  /// or for note `editing`. The duplicate-URL check is a lookup in the store's URL buckets.
  /// Call it under `store.withWriteLock` to judge against the latest state on disk.
  public func problems(in draft: NoteDraft, editing: NoteID?) -> [NoteProblem] {
    NoteValidation.problems(in: draft.tidied, editing: editing, store: store)
  }

  /// Undoes the latest edit still done: puts back every note it touched, as one step.
  ///
  /// A conflict if another process changed one of those notes since (nothing is written, and
  /// the step stays in the history). Returns the edit undone, or nil when there is none.
  @discardableResult
  public mutating func undo() throws(EditError) -> NoteEdit? {
    guard let edit = history.done.last else { return nil }
    try Self.locked(store) { () throws(EditError) in try write(edit.inverse, checked: false) }
    history.done.removeLast()
    history.undone.append(edit)
    return edit
  }

  /// Redoes the latest undone edit, conflict-checked like `undo`. Nil when there is none.
  @discardableResult
  public mutating func redo() throws(EditError) -> NoteEdit? {
    guard let edit = history.undone.last else { return nil }
    try Self.locked(store) { () throws(EditError) in try write(edit, checked: false) }
    history.undone.removeLast()
    history.done.append(edit)
    return edit
  }

  /// Writes and records `edit` as a new undo step (dropping the redo steps); see `write`.
  mutating func commit(_ edit: NoteEdit, checked: Bool) throws(EditError) {
    try write(edit, checked: checked)
    history.record(edit)
  }

  /// Writes `edit`. Call locked. Unless the caller `checked` it under this lock already (add
  /// and update judge the draft first), each note it touches must be on disk as its `before`
  /// version, and no other note may have a URL it brings back (an undo or redo can bring back
  /// a URL that another process gave to a new note since).
  func write(_ edit: NoteEdit, checked: Bool) throws(EditError) {
    if !checked {
      var conflicts: [EditConflict] = []
      for change in edit.changes {
        let current = store.note(change.id)
        if current != change.before {
          conflicts.append(
            EditConflict(
              id: change.id, base: change.before, current: current, attempted: change.after))
        }
      }
      if var first = conflicts.first {
        first.otherConflicts = conflicts.count - 1
        throw .conflict(first)
      }
      let touched = Set(edit.changes.map(\.id))
      for change in edit.changes {
        guard let url = change.after?.url, url != change.before?.url,
          let owner = store.noteID(forURL: url, except: change.id), !touched.contains(owner)
        else { continue }
        throw .invalid(
          .duplicateURL(url, owner: owner, ownerTitle: store.header(owner)?.title ?? ""))
      }
    }
    do { try store.apply(edit.changes.map(\.storeChange)) } catch { throw .store(error) }
  }

  /// Runs `body` under the store's write lock (after the store picked up other processes'
  /// changes), converting the lock's untyped errors.
  static func locked<T>(
    _ store: NoteStore, _ body: () throws(EditError) -> T
  ) throws(EditError) -> T {
    do {
      return try store.withWriteLock { try body() }
    } catch let error as EditError {
      throw error
    } catch let error as StoreError {
      throw .store(error)
    } catch {
      throw .store(StoreError(.io, path: store.path, "\(error)"))
    }
  }
}

/// The undo and redo stacks of a `NoteEditor`.
public struct EditHistory: Equatable, Sendable {
  /// Applied edits, oldest first; `undo` takes the last.
  public internal(set) var done: [NoteEdit] = []
  /// Undone edits, most recently undone last; `redo` takes the last.
  public internal(set) var undone: [NoteEdit] = []

  public init() {}

  public var canUndo: Bool { !done.isEmpty }
  public var canRedo: Bool { !undone.isEmpty }

  /// Records a new edit; a new edit ends the redo chain, as in every editor.
  mutating func record(_ edit: NoteEdit) {
    done.append(edit)
    undone.removeAll()
  }
}
