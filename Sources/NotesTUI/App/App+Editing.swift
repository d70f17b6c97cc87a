import Diagnostics
import NoteStore

/// Changes to the store: saving the form, `$EDITOR` results, deleting, undo and redo, and tag
/// renames and merges. All go through `NoteEditor`, which validates, detects conflicts with
/// other processes under the store's lock, makes the change durable and records it for undo.
/// Every outcome is a status message; a conflict is a question, never resolved silently.
extension App {
  /// Redraws the pages from the store after a refused write: the editor refreshed the store
  /// under its lock (that is how it saw the conflict), so the next poll finds nothing new and
  /// the pages would otherwise keep showing the old versions.
  mutating func showRefreshedStore() {
    reloadPages()
  }

  /// Whether a write may be tried; when the store does not parse, says so instead.
  mutating func storeIsWritable() -> Bool {
    guard let storeProblemText else { return true }
    message = storeProblemText
    return false
  }

  /// Ctrl-S in the form: the outline is parsed, the note validated and written; on any
  /// problem the form stays open with everything typed and the status line says why.
  mutating func saveForm(_ form: NoteForm) {
    guard storeIsWritable() else { return }
    let draft: NoteDraft
    do throws(OutlineError) {
      draft = try form.draft()
    } catch {
      var focused = form
      focused.focus = .summary
      focused.summary.moveToRow(error.line - 1)
      page = .form(focused)
      message = "Not saved: " + error.diagnostic.inFile("summary").description
      return
    }
    do throws(EditError) {
      switch form.mode {
      case .add:
        let note = try editor.add(draft)
        closeForm()
        reloadPages()
        select(note.id)
        message = "Added “\(note.title)” (u undoes)"
      case .edit(let base):
        let note = try editor.update(base.id, to: draft, base: base)
        closeForm()
        reloadPages()
        message = note == base ? "No changes" : "Saved “\(note.title)” (u undoes)"
      }
    } catch {
      var focused = form
      if case .invalid(let problem) = error { focused.focus = problem.field }
      page = .form(focused)
      report(error, draft: draft)
    }
  }

  /// Shows why an edit was not saved: a duplicate URL offers the other note, a conflict asks
  /// whether to overwrite the other version, anything else is a message.
  mutating func report(_ error: EditError, draft: NoteDraft) {
    showRefreshedStore()
    switch error {
    case .invalid(.duplicateURL(_, let owner, let title)):
      confirmation = Confirmation(
        [.words("Not saved: “"), .subject(title), .words("” has this URL. Open it instead?")],
        .openExisting(owner))
    case .conflict(let conflict):
      // The editing core's message names the id as well; a status line needs it shorter.
      let title = (conflict.current ?? conflict.base).map(\.title) ?? draft.title
      let rest =
        conflict.current == nil
        ? "” was deleted elsewhere. Save yours anyway?"
        : "” was changed elsewhere. Overwrite it with yours?"
      confirmation = Confirmation(
        [.words("Not saved: “"), .subject(title), .words(rest)],
        .overwriteConflict(conflict.id, draft, current: conflict.current))
    default:
      message = failure("Not saved", error)
    }
  }

  /// "Yes" to a conflict: writes the user's version over the one on disk (or adds it back
  /// when the other process deleted the note).
  mutating func overwrite(_ id: NoteID, with draft: NoteDraft, current: Note?) {
    guard storeIsWritable() else { return }
    do throws(EditError) {
      let note: Note
      if let current {
        note = try editor.update(id, to: draft, base: current)
      } else {
        note = try editor.add(draft)
      }
      if case .form = page { closeForm() }
      pendingEditorSession = nil
      reloadPages()
      message = "Saved your version of “\(note.title)” (u undoes)"
    } catch {
      report(error, draft: draft)
    }
  }

  /// Deletes note `id` (after the user said yes).
  mutating func deleteNote(_ id: NoteID) {
    guard storeIsWritable() else { return }
    guard let base = store.note(id) else {
      message = "That note is gone already"
      return
    }
    do throws(EditError) {
      try editor.delete(id, base: base)
      reloadPages()
      message = "Deleted “\(base.title)” (u undoes)"
    } catch {
      showRefreshedStore()
      message = failure("Not deleted", error)
    }
  }

  /// `u`: takes back the last change of this session.
  mutating func undo() { stepHistory(back: true) }

  /// Ctrl-R: makes the last undone change again.
  mutating func redo() { stepHistory(back: false) }

  /// Undo (`back`) or redo: one flow, which selects a lone changed note and says what happened.
  private mutating func stepHistory(back: Bool) {
    guard storeIsWritable() else { return }
    do throws(EditError) {
      guard let edit = try back ? editor.undo() : editor.redo() else {
        message = back ? "Nothing to undo" : "Nothing to redo"
        return
      }
      reloadPages()
      if edit.changes.count == 1 { select(edit.changes[0].id) }
      message = back ? "Undone: \(edit.summary) (C-r redoes)" : "Redone: \(edit.summary)"
    } catch {
      showRefreshedStore()
      message = failure(back ? "Cannot undo" : "Cannot redo", error)
    }
  }

  /// Renames tag `source` to `target`, or merges it into `target`, on every note. A rename
  /// onto an existing tag asks to merge instead.
  mutating func applyTagEdit(_ kind: TagPrompt.Kind, from source: String, to target: String) {
    guard storeIsWritable() else { return }
    do throws(EditError) {
      let edit =
        kind == .rename
        ? try editor.renameTag(source, to: target) : try editor.mergeTag(source, into: target)
      clearTagFilter()
      reloadPages()
      selectTag(target)
      message = edit.changes.isEmpty ? "Nothing to change" : "Done: \(edit.summary) (u undoes)"
    } catch {
      showRefreshedStore()
      if case .tag(.targetExists(let existing)) = error {
        confirmation = Confirmation(
          [
            .words("Tag “"), .subject(existing), .words("” exists already. Merge “"),
            .subject(source), .words("” into it?"),
          ], .mergeTag(source, into: existing))
      } else {
        message = failure("Not changed", error)
      }
    }
  }

  // MARK: $EDITOR

  /// `E`: opens the selected note in `$EDITOR`, or, after a failed attempt, the text the user
  /// wrote then (whatever note is selected now: that text is not thrown away).
  mutating func startExternalEdit() -> [Effect] {
    guard storeIsWritable() else { return [] }
    if let pending = pendingEditorSession { return [.runEditor(pending)] }
    guard let header = currentHeader, let note = store.note(header.id) else { return [] }
    return [.runEditor(EditorSession(base: note))]
  }

  /// What came back from the editor for `session`: `edited` is the file's text after the
  /// editor exited (nil when there is none), `failure` why the editor did not end normally
  /// (the status line shows its message).
  /// A failed run saves nothing but keeps any text the user wrote for the next `E`.
  public mutating func finishExternalEdit(
    _ session: EditorSession, edited: String?, failure: Diagnostic? = nil
  ) {
    if let failure = failure?.message {
      if let edited, edited != session.text {
        var retry = session
        retry.text = edited
        pendingEditorSession = retry
        message = "Not saved, E re-opens your text: \(failure)"
      } else {
        message = "Not saved: \(failure)"
      }
      return
    }
    guard let edited else { return }
    if edited == session.text {
      pendingEditorSession = nil
      message = session.problem == nil ? "No changes" : "Edit of “\(session.base.title)” dropped"
      return
    }
    var retry = session
    retry.text = edited
    switch editor.saveEditFile(edited, base: session.base) {
    case .unchanged:
      pendingEditorSession = nil
      message = "No changes"
    case .saved(let note):
      pendingEditorSession = nil
      reloadPages()
      message = "Saved “\(note.title)” (u undoes)"
    case .fixable(let problem):
      // A validation problem was checked under the store's lock, which refreshed it.
      showRefreshedStore()
      retry.problem = problem
      pendingEditorSession = retry
      message = "Not saved, E re-opens your text: \(problem)"
    case .refused(let error, let draft):
      pendingEditorSession = retry
      report(error, draft: draft)
    }
  }

  // MARK: Selection after a change

  /// Puts the cursor on note `id` in the top page's list, when it is listed there.
  mutating func select(_ id: NoteID) {
    guard case .previews(var state) = page,
      let index = state.headers.firstIndex(where: { $0.id == id })
    else { return }
    state.list.select(index)
    page = .previews(state)
  }

  /// Drops the tag list's filter, so a renamed or merged tag is listed under its new name.
  mutating func clearTagFilter() {
    guard case .tags(var state) = page, !state.filter.isEmpty else { return }
    input = nil
    state.filter = ""
    page = .tags(state)
  }

  /// Puts the cursor on `tag` in the top page's tag list, when it is listed there.
  mutating func selectTag(_ tag: String) {
    guard case .tags(var state) = page,
      let index = state.rows.firstIndex(where: { TagKey($0.tag) == TagKey(tag) })
    else { return }
    state.list.select(index)
    page = .tags(state)
  }
}

extension NoteProblem {
  /// The form field the problem is about.
  var field: NoteForm.Field {
    switch self {
    case .emptyTitle: return .title
    case .malformedURL, .duplicateURL: return .url
    case .emptyTag, .duplicateTag: return .tags
    }
  }
}
