import NoteStore

/// A yes/no question in the status line, and what "yes" does. While one is open it takes
/// every key: `y` answers yes; `n` or Esc answer no.
public struct Confirmation: Equatable, Sendable {
  public enum Action: Equatable, Sendable {
    /// Delete this note.
    case deleteNote(NoteID)
    /// Leave the form, dropping what was typed.
    case discardForm
    /// The URL typed in the form belongs to this note: open it instead.
    case openExisting(NoteID)
    /// Note `id` was changed (or deleted) elsewhere while being edited here; `current` is the
    /// version now on disk. Yes writes `draft` over it, no keeps the other version.
    case overwriteConflict(NoteID, NoteDraft, current: Note?)
    /// A rename onto an existing tag: yes merges the first tag into the second.
    case mergeTag(String, into: String)
  }

  public let question: String
  public let action: Action

  public init(_ question: String, _ action: Action) {
    self.question = question
    self.action = action
  }
}

/// The status-line prompt for renaming a tag, or merging it into another: the new name is
/// typed, and Tab completes it from the existing tags.
public struct TagPrompt: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case rename
    case merge
  }

  public let kind: Kind
  /// The tag being renamed or merged away.
  public let tag: String
  public var field: LineField
  /// Every tag in the store, most used first.
  let knownTags: [String]

  init(kind: Kind, tag: String, knownTags: [String]) {
    self.kind = kind
    self.tag = tag
    self.knownTags = knownTags
    field = LineField(kind == .rename ? tag : "")
  }

  /// What the status line shows: the question and the text typed so far.
  public var promptText: String {
    switch kind {
    case .rename: return "Rename tag \(tag) to: " + field.text
    case .merge: return "Merge tag \(tag) into: " + field.text
    }
  }

  /// The existing tags (other than `tag`) starting with the text typed.
  public var completions: [String] {
    let typed = field.text.lowercased()
    guard !typed.isEmpty else { return [] }
    let own = TagKey(tag)
    return knownTags.filter { $0.lowercased().hasPrefix(typed) && TagKey($0) != own }
  }

  /// Tab: completes to the first existing tag starting with the text typed; false when none.
  mutating func complete() -> Bool {
    guard let first = completions.first, first != field.text else { return false }
    field.setText(first)
    return true
  }
}
