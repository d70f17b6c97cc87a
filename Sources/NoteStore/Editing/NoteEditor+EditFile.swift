import Diagnostics

/// What became of a note's edit file (`NoteEditFile`) after a run of the editor.
public enum EditFileOutcome: Equatable, Sendable {
  /// The file says what the note says: nothing was written.
  case unchanged
  /// Saved: the note as stored now.
  case saved(Note)
  /// The text does not parse or breaks a rule; the diagnostic points into the text (placed in
  /// no file yet). The user can fix it and try again; nothing was written.
  case fixable(Diagnostic)
  /// Refused for a reason the text cannot fix (a conflict, the store); nothing was written.
  /// Carries the draft the text holds, for the question a conflict asks.
  case refused(EditError, NoteDraft)
}

extension NoteEditor {
  /// Saves the edit file `text` written for `base`: the one decision after `$EDITOR`, for the
  /// browser and the `edit` command alike. Parses the text, compares it with the note, and
  /// updates the note (validated, conflict-checked) when it changed.
  public mutating func saveEditFile(_ text: String, base: Note) -> EditFileOutcome {
    let draft: NoteDraft
    do throws(EditFileError) {
      draft = try NoteEditFile.parse(text)
    } catch {
      return .fixable(error.diagnostic)
    }
    if draft.tidied == NoteDraft(base).tidied { return .unchanged }
    do throws(EditError) {
      return .saved(try update(base.id, to: draft, base: base))
    } catch {
      if case .invalid(let problem) = error {
        return .fixable(NoteEditFile.diagnostic(for: problem, in: text))
      }
      return .refused(error, draft)
    }
  }
}
