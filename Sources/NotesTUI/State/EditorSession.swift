import Diagnostics
import NoteStore

/// One edit of a note in `$EDITOR`: the note as it was read, and the file text to open.
///
/// After a failed attempt (a parse or validation error) `text` is what the user wrote, and
/// `problem` says what is wrong with it, so the next `E` opens the same text again.
public struct EditorSession: Equatable, Sendable {
  /// The note as read before editing (the conflict check compares against it).
  public let base: Note
  /// The file's text for the next run of the editor.
  public var text: String
  /// Why the last attempt was not saved, at its line and column in the text.
  public var problem: Diagnostic?

  public init(base: Note) {
    self.base = base
    text = NoteEditFile.render(base)
  }
}
