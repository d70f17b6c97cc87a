/// Notes changed by an import and not yet written, over the store's current state.
struct PendingNotes {
  let store: NoteStore
  /// Changed notes by id, with the order they were first changed in.
  var changed: [NoteID: Note] = [:]
  var order: [NoteID] = []
  /// URL → id for notes added in this import (the store answers for the rest).
  var idByURL: [String: NoteID] = [:]
  /// Whether the store held no note when the import began. The import holds the write lock
  /// throughout, so every note the store then holds came from it and is in `idByURL`: a
  /// lookup of a URL in the store (a hash of it, a probe of the URL table, and the table
  /// patched at every write) could only find nothing.
  let storeStartedEmpty: Bool
  /// Into a store that started empty: the ids of the notes this import has written, which
  /// are then all the store holds (see `isTaken`).
  var writtenIDs: Set<NoteID> = []

  init(store: NoteStore) {
    self.store = store
    storeStartedEmpty = store.count == 0
  }

  enum Outcome {
    case added(NoteID)
    case merged(NoteID)
    case unchanged(NoteID)
  }

  /// A draft with the costliest steps of its merge done ahead, on the threads that read the
  /// files: its URL normalised, its tags deduplicated.
  struct Prepared: Sendable {
    let draft: NoteDraft
    let normalizedURL: String?
    let uniqueTags: [String]

    init(_ draft: NoteDraft) {
      self.init(draft, normalizedURL: draft.url.flatMap(NormalizedURL.normalize))
    }

    /// `normalizedURL` must be `draft.url.flatMap(NormalizedURL.normalize)` and, when
    /// `tagsAreUnique`, no two of the draft's tags may have one `TagKey`: what the reader
    /// already knows is not computed again.
    init(_ draft: NoteDraft, normalizedURL: String?, tagsAreUnique: Bool = false) {
      self.draft = draft
      self.normalizedURL = normalizedURL
      // Tags as `add` and the editors store them (Note.normalizedTag); already normal
      // tags, nearly all of them, come back without a copy.
      let tags = draft.tags.map(Note.normalizedTag)
      if tagsAreUnique && tags == draft.tags {
        uniqueTags = tags
      } else {
        var seen = Set<TagKey>()
        uniqueTags = tags.filter { !$0.isEmpty && seen.insert(TagKey($0)).inserted }
      }
    }
  }

  mutating func merge(_ prepared: Prepared, provenance: Provenance, now: Timestamp) -> Outcome {
    let draft = prepared.draft
    let normalized = prepared.normalizedURL
    if let existingID = find(draft, normalized, provenance: provenance),
      let existing = current(existingID)
    {
      var note = existing
      // One folded key per tag: `hasTag` per draft tag folded all of the note's tags again.
      var keys = Set(note.tags.map(TagKey.init))
      for tag in prepared.uniqueTags where keys.insert(TagKey(tag)).inserted {
        note.tags.append(tag)
      }
      if note.title.isEmpty { note.title = draft.title }
      if note.url == nil { note.url = draft.url }
      if note.summary.isEmpty { note.summary = draft.summary }
      if note.body == nil { note.body = draft.body }
      if note.published == nil { note.published = draft.published }
      let sources = draft.provenance ?? (draft.fromExport ? [] : [provenance])
      for entry in sources where !note.provenance.contains(where: { $0.file == entry.file }) {
        note.provenance.append(entry)
      }
      guard note != existing else { return .unchanged(existingID) }
      note.updated = now
      record(note)
      return .merged(existingID)
    }
    let id = newID(for: draft, normalized, provenance: provenance)
    let created = draft.created ?? now
    let note = Note(
      id: id, url: draft.url, title: draft.title, tags: prepared.uniqueTags,
      summary: draft.summary, body: draft.body, provenance: draft.provenance ?? [provenance],
      created: created, updated: draft.updated ?? max(created, now), published: draft.published)
    record(note)
    if let normalized { idByURL[normalized] = id }
    return .added(id)
  }

  /// Changes to write, in first-changed order; empties the list (keeping its capacity: the
  /// next write's notes take as much). Once written (`wrote(_:)`), the store answers for
  /// these notes again.
  mutating func takeChanges() -> [StoreChange] {
    defer {
      order.removeAll(keepingCapacity: true)
      changed.removeAll(keepingCapacity: true)
    }
    return order.compactMap { changed[$0].map(StoreChange.put) }
  }

  /// Notes that `changes`, from `takeChanges()`, are now in the store.
  mutating func wrote(_ changes: [StoreChange]) {
    guard storeStartedEmpty else { return }
    for change in changes { writtenIDs.insert(change.noteID) }
  }

  func current(_ id: NoteID) -> Note? { changed[id] ?? store.note(id) }

  func find(_ draft: NoteDraft, _ normalized: String?, provenance: Provenance) -> NoteID? {
    // A backup's note is the stored note with its id, unless that one has another address.
    if let id = draft.id, let note = current(id),
      note.url.flatMap(NormalizedURL.normalize) == normalized
    {
      return id
    }
    if let url = draft.url, let normalized {
      if let id = idByURL[normalized] { return id }
      // Into a store that was empty (a first import) only `idByURL` can know the URL.
      return storeStartedEmpty ? nil : store.noteID(forURL: url, normalized: normalized)
    }
    // A note without a URL is the same note when it came from the same file with the title.
    let candidates = order.compactMap { changed[$0] } + store.notesWithoutURL(titled: draft.title)
    return candidates.first {
      $0.url == nil && $0.title == draft.title
        && $0.provenance.contains { $0.file == provenance.file }
    }?.id
  }

  func newID(for draft: NoteDraft, _ normalized: String?, provenance: Provenance) -> NoteID {
    if let id = draft.id, !isTaken(id) { return id }
    let seed = normalized ?? "file:\(provenance.file)#\(draft.title)"
    var id = NoteID.forURL(seed)
    var attempt = 1
    while isTaken(id) {
      attempt += 1
      id = NoteID.forURL(seed + "#\(attempt)")
    }
    return id
  }

  /// Whether a note has `id`: one changed here, or one in the store. Into a store that
  /// started empty the store holds exactly the notes this import wrote (it holds the write
  /// lock throughout), and `writtenIDs` answers: the store's own lookup, a binary search that
  /// decodes an id from the mapped index at each step, was an eighth of the merge's time.
  func isTaken(_ id: NoteID) -> Bool {
    if changed[id] != nil { return true }
    if storeStartedEmpty { return writtenIDs.contains(id) }
    return store.count > 0 && store.header(id) != nil
  }

  mutating func record(_ note: Note) {
    // One lookup of the id, not two.
    if changed.updateValue(note, forKey: note.id) == nil { order.append(note.id) }
  }
}

extension NoteStore {
  /// Notes with no URL (hand-written notes, URL-less dumps) and this title, decoded; the
  /// headers are filtered first, so only the few candidates are decoded.
  func notesWithoutURL(titled title: String) -> [Note] {
    records.indices.filter { records[$0].header.url == nil && records[$0].header.title == title }
      .compactMap { note(at: $0) }
  }
}
