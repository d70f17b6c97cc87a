/// Why an edit was not saved. Nothing was written when one of these is thrown.
///
/// `message` is the one text the TUI's status line and the CLI both show.
public enum EditError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The draft breaks a rule (`NoteValidation`).
  case invalid(NoteProblem)
  /// The note changed on disk since it was read: nothing was overwritten.
  case conflict(EditConflict)
  /// No note has this id (any more).
  case noSuchNote(NoteID)
  /// A tag rename or merge that cannot be done as asked.
  case tag(TagEditProblem)
  /// The store could not be read or written.
  case store(StoreError)

  public var message: String {
    switch self {
    case .invalid(let problem): return problem.message
    case .conflict(let conflict): return conflict.message
    case .noSuchNote(let id): return "no note has the id \(id)"
    case .tag(let problem): return problem.message
    case .store(let error): return error.description
    }
  }

  public var description: String { message }
}

/// A note that another process changed (or deleted, or created) since this one read it.
///
/// Carries both versions so the UI can show them; the edit that hit it was not written.
public struct EditConflict: Equatable, Sendable {
  public var id: NoteID
  /// The version the edit was based on (nil: the edit expected no such note).
  public var base: Note?
  /// The version now on disk (nil: deleted elsewhere).
  public var current: Note?
  /// The version the edit would have written (nil: a delete).
  public var attempted: Note?
  /// Further notes of the same edit in conflict (a tag rename's undo touches many).
  public var otherConflicts: Int

  public init(id: NoteID, base: Note?, current: Note?, attempted: Note?, otherConflicts: Int = 0) {
    self.id = id
    self.base = base
    self.current = current
    self.attempted = attempted
    self.otherConflicts = otherConflicts
  }

  public var message: String {
    let title = (current ?? base ?? attempted).map { " \"\($0.title)\"" } ?? ""
    let what: String
    switch (base, current) {
    case (nil, _): what = "was created by another process"
    case (_, nil): what = "was deleted by another process"
    default: what = "was changed by another process"
    }
    let others = otherConflicts == 0 ? "" : " (and \(NoteEdit.notes(otherConflicts)) more)"
    return "note \(id)\(title) \(what)\(others); nothing was saved"
  }
}

/// A tag rename or merge that cannot be done as asked.
public enum TagEditProblem: Error, Equatable, Sendable {
  /// No note carries the tag.
  case unknownTag(String)
  /// The new name is empty.
  case emptyName
  /// A rename onto a tag that exists already: that is a merge.
  case targetExists(String)
  /// A merge of a tag into itself.
  case sameTag(String)

  public var message: String {
    switch self {
    case .unknownTag(let tag): return "no note has the tag \"\(tag)\""
    case .emptyName: return "the new tag name is empty"
    case .targetExists(let tag):
      return "the tag \"\(tag)\" exists already; merge the tags instead"
    case .sameTag(let tag): return "cannot merge the tag \"\(tag)\" into itself"
    }
  }
}
