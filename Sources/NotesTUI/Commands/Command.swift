/// Everything the user can ask the app to do. Keys map to commands in `CommandTable`; the
/// app state carries commands out (`App.perform`), so tests can drive the app by command or
/// by key through the same path.
public enum Command: Hashable, Sendable {
  // Moving around.
  case up, down, pageUp, pageDown, top, bottom
  /// Go into the selected item (tag → previews, preview → note).
  case open
  /// Leave a prompt, filter or screen; Esc never quits.
  case back
  /// Go back; quits on the first screen (`q`).
  case backOrQuit
  /// Quit from anywhere.
  case quit
  case help
  /// Turn mouse reporting off (so the terminal's own text selection works) or back on.
  case toggleMouse

  // Filtering and searching.
  /// Start typing a search: notes and tags (first screen), the listed notes (previews), or
  /// lines (note).
  case search
  /// Order the listed notes by the next of relevance, created, updated, title, site.
  case cycleNoteOrder
  case nextHit, previousHit

  // Tags.
  /// Add the selected tag to the AND selection, or take it out.
  case toggleTag
  /// Add the selected tag as an alternative (OR) to the last selected group.
  case addAlternativeTag
  /// Add the selected tag as an exclusion (NOT).
  case excludeTag
  /// Drop the most recently selected tag.
  case unselectLastTag
  /// Switch the tag order between count and name.
  case toggleTagOrder
  /// Show the notes under the current tag selection.
  case showSelection

  // Notes.
  /// Show the tags of the selected note, to jump to one of them.
  case noteTags
  case toggleFold
  case unfoldAll
  case foldAll
  /// Show the summary down to this many levels.
  case foldToLevel(Int)
  case openURL
  case copyURL

  // Editing (previews and note).
  /// Open the add form for a new note.
  case addNote
  /// Open the selected note in the form.
  case editNote
  /// Open the selected note in `$EDITOR` (else `$VISUAL`, else `vi`).
  case editExternally
  /// Delete the selected note, after a y/n confirmation.
  case deleteNote
  /// Take back the last change made in this session (add, edit, delete, tag rename or merge).
  case undo
  /// Make the last undone change again.
  case redo

  // Tag clean-up (tags).
  /// Rename the selected tag on every note.
  case renameTag
  /// Merge the selected tag into another one, on every note.
  case mergeTag
  /// Show only tags carried by a single note, or every tag again.
  case toggleSingleNoteTags

  // The add/edit form.
  case nextField
  case previousField
  case saveForm
  case cancelForm
}

/// The screens commands are grouped by in the help screen and the README key table.
public enum CommandGroup: String, CaseIterable, Sendable {
  case general = "Everywhere"
  case tags = "Tags"
  /// The first screen's search results (tags and notes).
  case search = "Search"
  case previews = "Previews"
  case note = "Note"
  /// The add/edit form: keys not listed here edit the focused field.
  case form = "Add/edit form"
}
