extension NoteEditor {
  /// Renames a tag on every note that carries it (matched case-insensitively), as one undo
  /// step and one store write. The tag keeps its place in each note's tag list.
  ///
  /// Renaming to another spelling of the same tag ("GPU" → "gpu") is allowed; renaming onto a
  /// different tag that exists already is refused (`targetExists`): that is `mergeTag`.
  /// Returns the edit, whose `changes` are the notes touched (none if nothing changed).
  @discardableResult
  public mutating func renameTag(_ old: String, to new: String) throws(EditError) -> NoteEdit {
    let new = Note.normalizedTag(new)
    guard !new.isEmpty else { throw .tag(.emptyName) }
    return try Self.locked(store) { () throws(EditError) -> NoteEdit in
      let index = store.tagIndex
      guard let entry = index.entries[TagKey(old)] else { throw .tag(.unknownTag(old)) }
      if TagKey(new) != TagKey(old), let existing = index.entries[TagKey(new)] {
        throw .tag(.targetExists(existing.name))
      }
      return try retag(
        entry.positions, from: TagKey(old), to: new,
        kind: .renameTag(from: entry.name, to: new))
    }
  }

  /// Merges tag `source` into tag `target` on every note: `source` is replaced by `target`'s
  /// spelling, and dropped where the note has `target` already (the first place wins). One
  /// undo step, one store write. Both tags must exist and differ.
  @discardableResult
  public mutating func mergeTag(_ source: String, into target: String) throws(EditError) -> NoteEdit
  {
    try Self.locked(store) { () throws(EditError) -> NoteEdit in
      let index = store.tagIndex
      guard let from = index.entries[TagKey(source)] else { throw .tag(.unknownTag(source)) }
      guard let into = index.entries[TagKey(target)] else { throw .tag(.unknownTag(target)) }
      guard TagKey(source) != TagKey(target) else { throw .tag(.sameTag(from.name)) }
      return try retag(
        from.positions, from: TagKey(source), to: into.name,
        kind: .mergeTag(from: from.name, into: into.name))
    }
  }

  /// Replaces the tag `key` by `name` on the notes at `positions`. Call locked.
  private mutating func retag(
    _ positions: [Int], from key: TagKey, to name: String, kind: NoteEdit.Kind
  ) throws(EditError) -> NoteEdit {
    let now = clock()
    var changes: [NoteChange] = []
    changes.reserveCapacity(positions.count)
    for position in positions {
      guard let before = store.note(at: position) else { continue }
      var after = before
      after.tags = Self.retagged(before.tags, replacing: key, with: name)
      guard after.tags != before.tags else { continue }
      after.updated = now
      changes.append(NoteChange(before: before, after: after))
    }
    let edit = NoteEdit(kind: kind, changes: changes)
    // Read under this lock, and no URL changes: nothing to check.
    if !changes.isEmpty { try commit(edit, checked: true) }
    return edit
  }

  /// `tags` with every tag matching `key` spelled `name`, and then duplicates (by `TagKey`)
  /// dropped, keeping each tag's first place.
  static func retagged(_ tags: [String], replacing key: TagKey, with name: String) -> [String] {
    var seen = Set<TagKey>()
    var result: [String] = []
    for tag in tags {
      let renamed = TagKey(tag) == key ? name : tag
      if seen.insert(TagKey(renamed)).inserted { result.append(renamed) }
    }
    return result
  }
}

/// A tag that only one note carries: often a stray spelling an LLM made up.
public struct SingleUseTag: Equatable, Sendable {
  public var tag: String
  public var note: NoteID
  public var title: String

  public init(tag: String, note: NoteID, title: String) {
    self.tag = tag
    self.note = note
    self.title = title
  }
}

extension NoteStore {
  /// Tags carried by exactly one note, sorted by name (case-insensitively).
  public func singleUseTags() -> [SingleUseTag] {
    tagIndex.entries.values.filter { $0.count == 1 }
      .map { entry in
        let header = records[entry.positions[0]].header
        return SingleUseTag(tag: entry.name, note: header.id, title: header.title)
      }
      .sorted { ($0.tag.lowercased(), $0.tag) < ($1.tag.lowercased(), $1.tag) }
  }
}
