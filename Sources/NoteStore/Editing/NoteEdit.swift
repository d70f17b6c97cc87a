/// One applied edit: every note it touched, before and after. One undo step.
///
/// A tag rename over 1,000 notes is one `NoteEdit` with 1,000 changes.
public struct NoteEdit: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case add
    case update
    case delete
    case renameTag(from: String, to: String)
    case mergeTag(from: String, into: String)
  }

  public var kind: Kind
  public var changes: [NoteChange]

  public init(kind: Kind, changes: [NoteChange]) {
    self.kind = kind
    self.changes = changes
  }

  /// The edit that takes the store back: every change reversed.
  public var inverse: NoteEdit { NoteEdit(kind: kind, changes: changes.map(\.inverse)) }

  /// A short description for a status line: `added "Title"`, `renamed tag "a" to "b" (3 notes)`.
  public var summary: String {
    let title = changes.first.flatMap { $0.after ?? $0.before }.map { "\"\($0.title)\"" } ?? ""
    switch kind {
    case .add: return "added " + title
    case .update: return "edited " + title
    case .delete: return "deleted " + title
    case .renameTag(let from, let to):
      return "renamed tag \"\(from)\" to \"\(to)\" (\(Self.notes(changes.count)))"
    case .mergeTag(let from, let into):
      return "merged tag \"\(from)\" into \"\(into)\" (\(Self.notes(changes.count)))"
    }
  }

  static func notes(_ count: Int) -> String { Counted(count, "note").description }
}

/// One note's versions around an edit: nil before an add, nil after a delete.
public struct NoteChange: Equatable, Sendable {
  public var before: Note?
  public var after: Note?

  public init(before: Note?, after: Note?) {
    self.before = before
    self.after = after
  }

  public var id: NoteID { (after ?? before)!.id }

  public var inverse: NoteChange { NoteChange(before: after, after: before) }

  /// The store change that makes `after` true.
  var storeChange: StoreChange { after.map(StoreChange.put) ?? .delete(id) }
}
