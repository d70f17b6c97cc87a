/// Notes changed by an import and not yet written, over the store's current state.
struct PendingNotes {
  let store: NoteStore
  /// Changed notes by id, with the order they were first changed in.
  var changed: [NoteID: Note] = [:]
  var order: [NoteID] = []
  /// URL → id for notes added in this import (the store answers for the rest).
  var idByURL: [String: NoteID] = [:]

  init(store: NoteStore) { self.store = store }

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
      for tag in prepared.uniqueTags where !note.hasTag(tag) { note.tags.append(tag) }
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

  /// Changes to write, in first-changed order; empties the list.
  /// Once written, the store answers for these notes again.
  mutating func takeChanges() -> [StoreChange] {
    defer {
      order.removeAll()
      changed.removeAll()
    }
    return order.compactMap { changed[$0].map(StoreChange.put) }
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
      // An empty store (a first import) holds no note to find: its URL lookup would hash the
      // URL into an id and a bucket key for every note only to find nothing.
      return store.count == 0 ? nil : store.noteID(forURL: url, normalized: normalized)
    }
    // A note without a URL is the same note when it came from the same file with the title.
    let candidates = order.compactMap { changed[$0] } + store.notesWithoutURL(titled: draft.title)
    return candidates.first {
      $0.url == nil && $0.title == draft.title
        && $0.provenance.contains { $0.file == provenance.file }
    }?.id
  }

  func newID(for draft: NoteDraft, _ normalized: String?, provenance: Provenance) -> NoteID {
    if let id = draft.id, changed[id] == nil, store.count == 0 || store.header(id) == nil {
      return id
    }
    let seed = normalized ?? "file:\(provenance.file)#\(draft.title)"
    var id = NoteID.forURL(seed)
    var attempt = 1
    while changed[id] != nil || (store.count > 0 && store.header(id) != nil) {
      attempt += 1
      id = NoteID.forURL(seed + "#\(attempt)")
    }
    return id
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
