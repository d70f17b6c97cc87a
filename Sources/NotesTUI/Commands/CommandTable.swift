import TerminalCore

/// The one table that maps keys to commands. The help screen and the README key table
/// (`keyTableMarkdown()`) are generated from it, so they cannot disagree with the keys.
public enum CommandTable {
  /// Every binding, grouped by screen in the order help shows them.
  public static let bindings: [KeyBinding] =
    [
      KeyBinding([.down, .character("j")], .down, .general, "Move down"),
      KeyBinding([.up, .character("k")], .up, .general, "Move up"),
      KeyBinding([.pageDown, .ctrl("f")], .pageDown, .general, "Page down"),
      KeyBinding([.pageUp, .ctrl("b")], .pageUp, .general, "Page up"),
      KeyBinding([.character("g"), .home], .top, .general, "Go to the top"),
      KeyBinding([.character("G"), .end], .bottom, .general, "Go to the bottom"),
      KeyBinding([.enter, .right, .character("l")], .open, .general, "Open the selected item"),
      KeyBinding(
        [.escape, .left, .character("h")], .back, .general, "Go back (or clear the filter)"),
      KeyBinding([.character("q")], .backOrQuit, .general, "Go back; quit on the tag list"),
      KeyBinding([.character("Q"), .ctrl("c")], .quit, .general, "Quit"),
      KeyBinding(
        [.character("/")], .search, .general, "Search as you type (notes and tags)"),
      KeyBinding([.character("?")], .help, .general, "Show this help"),
      KeyBinding([.character("m")], .toggleMouse, .general, "Mouse on/off (off: select text)"),
      KeyBinding([.character("a")], .addNote, .general, "Add a note (form)"),
      KeyBinding([.character("u")], .undo, .general, "Undo the last change of this session"),
      KeyBinding([.ctrl("r")], .redo, .general, "Redo the last undone change"),

      KeyBinding([.character(" ")], .toggleTag, .tags, "Add the tag to the selection (AND)"),
      KeyBinding(
        [.character("|")], .addAlternativeTag, .tags, "Add the tag as an alternative (OR)"),
      KeyBinding([.character("!")], .excludeTag, .tags, "Exclude the tag (NOT)"),
      KeyBinding([.backspace], .unselectLastTag, .tags, "Remove the last selected tag"),
      KeyBinding([.character("v")], .showSelection, .tags, "Show the notes under the selection"),
      KeyBinding([.character("s")], .toggleTagOrder, .tags, "Sort by count / by name"),
      KeyBinding([.character("r")], .renameTag, .tags, "Rename the tag on every note"),
      KeyBinding([.character("M")], .mergeTag, .tags, "Merge the tag into another tag"),
      KeyBinding(
        [.character("1")], .toggleSingleNoteTags, .tags, "Only tags used by one note (on/off)"),

      KeyBinding(
        [.character("S")], .cycleNoteOrder, .search,
        "Sort: relevance, created, updated, title, site"),
    ]
    // The selected note's keys, as on the previews (once the prompt is closed: back from a note).
    + noteKeys(.search) + [
      KeyBinding(
        [.character("S")], .cycleNoteOrder, .previews,
        "Sort: relevance, created, updated, title, site")
    ] + noteKeys(.previews) + [

      KeyBinding([.enter, .character(" "), .tab], .toggleFold, .note, "Fold / unfold the node"),
      KeyBinding([.character("*"), .character("U")], .unfoldAll, .note, "Unfold everything"),
      KeyBinding([.character("F")], .foldAll, .note, "Fold everything"),
      KeyBinding(
        (1...9).map { .character(Character(String($0))) }, .foldToLevel(1), .note,
        "Fold to level N (1: top bullets only)", label: "1–9"),
      KeyBinding([.character("n")], .nextHit, .note, "Next search hit"),
      KeyBinding([.character("N")], .previousHit, .note, "Previous search hit"),
    ] + noteKeys(.note) + [
      KeyBinding([.tab, .down], .nextField, .form, "Next field (tags: complete; summary: indent)"),
      KeyBinding(
        [.backTab, .up], .previousField, .form, "Previous field (summary: outdent)"),
      KeyBinding([.ctrl("s")], .saveForm, .form, "Save the note"),
      KeyBinding(
        [.escape, .ctrl("c")], .cancelForm, .form, "Cancel (asks first if anything was typed)"),
    ]

  /// The keys for the selected note (its tags, URL, editing, deletion), the same on every
  /// screen that shows notes: the search results, the previews and a note. The commands act
  /// on `App.currentHeader`, whichever screen it is on.
  static func noteKeys(_ group: CommandGroup) -> [KeyBinding] {
    [
      KeyBinding([.character("t")], .noteTags, group, "Jump to one of the note's tags"),
      KeyBinding([.character("o")], .openURL, group, "Open the URL in the browser"),
      KeyBinding([.character("y")], .copyURL, group, "Copy the URL (OSC 52)"),
      KeyBinding([.character("e")], .editNote, group, "Edit the note (form)"),
      KeyBinding([.character("E")], .editExternally, group, "Edit the note in $EDITOR"),
      KeyBinding([.character("d")], .deleteNote, group, "Delete the note (asks first)"),
    ]
  }

  /// The command `key` runs on screen `group`: the screen's own binding first, then the
  /// general one (except in the form, where every other key is typed into a field); nil for
  /// an unbound key.
  public static func command(for key: Key, in group: CommandGroup) -> Command? {
    KeyMap.standard.command(for: key, in: group)
  }

  /// The bindings of one group, in table order.
  public static func bindings(in group: CommandGroup) -> [KeyBinding] {
    KeyMap.standard.bindings(in: group)
  }

  /// The key table as Markdown, one table per group, for the README.
  public static func keyTableMarkdown() -> String {
    var text = ""
    for group in CommandGroup.allCases {
      if !text.isEmpty { text += "\n" }
      text += "### \(group.rawValue) (`\(group.configName)`)\n\n"
      text += "| Keys | Name (for `bind`) | Command |\n|---|---|---|\n"
      for binding in bindings(in: group) {
        let keys = binding.keyText.replacingOccurrences("|", with: "\\|")
        text += "| `\(keys)` | `\(binding.command.name)` | \(binding.help) |\n"
      }
    }
    return text
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation in this module).
  func replacingOccurrences(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
