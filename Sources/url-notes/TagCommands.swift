import ArgumentParser
import NoteStore

/// `tag rename|merge`: changes to one tag across every note.
struct Tag: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rename a tag, or merge one tag into another, on every note.",
    subcommands: [Rename.self, Merge.self])

  /// `tag rename OLD NEW`.
  struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rename a tag on every note (matched ignoring case).")

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp("The tag to rename.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("Its new name (not another existing tag).", valueName: "new"))
    var new: String

    func run() throws {
      var editor = NoteEditor(store: try options.open())
      let edit: NoteEdit
      do { edit = try editor.renameTag(old, to: new) } catch { throw EditFailure.edit(error) }
      Output.line(edit.changes.isEmpty ? "no changes" : edit.summary)
    }
  }

  /// `tag merge FROM INTO`.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Replace a tag by another on every note (duplicates dropped).")

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp("The tag that goes away.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The tag that stays.", valueName: "into"))
    var into: String

    func run() throws {
      var editor = NoteEditor(store: try options.open())
      let edit: NoteEdit
      do { edit = try editor.mergeTag(from, into: into) } catch { throw EditFailure.edit(error) }
      Output.line(edit.summary)
    }
  }
}
