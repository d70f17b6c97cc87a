import ArgumentParser
import Diagnostics
import NoteStore
import NotesTUI

/// `add`: a note written by hand.
struct Add: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Add a note by hand.",
    discussion: """
      The summary file is an outline: one bullet per line, 2 spaces of indentation per \
      level, **Label:** for bold labels (README, "Editing notes").
      """)

  @OptionGroup var options: StoreOptions

  @Option(help: ArgumentHelp("The page the note is about.", valueName: "url"))
  var url: String?

  @Option(help: ArgumentHelp("The note's title.", valueName: "title"))
  var title: String

  @Option(
    name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "tag"),
    completion: ShellCompletion.tags)
  var tags: [String] = []

  @Option(
    name: .customLong("summary-file"),
    help: ArgumentHelp("The summary as an outline; - reads stdin.", valueName: "file"))
  var summaryFile: String?

  @Flag(help: "Print the new note as a JSON object.")
  var json = false

  func run() throws {
    var summary: [SummaryNode] = []
    if let summaryFile {
      let name = summaryFile == "-" ? "<stdin>" : summaryFile
      let text: String
      do { text = try TextFile.read(summaryFile) } catch {
        throw EditFailure.print(.program(error.description))
      }
      do { summary = try OutlineText.parse(text) } catch {
        throw EditFailure.print(error.diagnostic.inFile(name))
      }
    }
    var editor = NoteEditor(store: try options.open())
    let draft = NoteDraft(url: url, title: title, tags: tags, summary: summary)
    let note: Note
    do { note = try editor.add(draft) } catch { throw EditFailure.edit(error) }
    if json { return Output.raw(JSONExporter.note(note)) }
    Output.line("added \(note.id)  \(note.title)")
  }
}

/// `edit ID|URL`: the note in `$EDITOR`, as the documented edit file.
struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Edit a note in $EDITOR (else $VISUAL, else vi).",
    discussion: """
      The note is written to a temporary file (mode 0600) in the edit file format \
      (README, "Editing notes"). When the file does not parse, the error names the line; \
      on a terminal you can re-open the editor with your text intact, otherwise the command \
      exits with status 1 and keeps the file, printing its path.
      """)

  @OptionGroup var options: StoreOptions

  @Flag(help: "Print the edited note as a JSON object.")
  var json = false

  @Argument(help: .noteReference, completion: ShellCompletion.notes) var reference: String

  func run() throws {
    let store = try options.open()
    let base = try EditFailure.note(reference, in: store)
    let file: String
    do {
      file = try TextFile.writeTemporary(
        NoteEditFile.render(base), prefix: "url-notes-\(base.id)-", suffix: ".txt")
    } catch {
      throw EditFailure.print(.program(error.description))
    }
    let kept = Diagnostic.program(
      "the note is unchanged; your text is kept in \(file)", severity: .note)
    var editor = NoteEditor(store: store)
    let externalEditor = ExternalEditor.fromEnvironment()
    // The file stays between runs of the editor (and after a failure, for the user to keep).
    while true {
      let outcome: ExternalEditor.Outcome
      do { outcome = try externalEditor.edit(file) } catch {
        throw EditFailure.print(.program("\(error)"), kept)
      }
      guard outcome.succeeded else {
        throw EditFailure.print(.program("the editor \(outcome.description)"), kept)
      }
      let text: String
      do { text = try TextFile.read(file) } catch {
        throw EditFailure.print(.program(error.description))
      }
      switch editor.saveEditFile(text, base: base) {
      case .unchanged:
        TextFile.remove(file)
        return Output.line("no changes")
      case .saved(let note):
        TextFile.remove(file)
        if json { return Output.raw(JSONExporter.note(note)) }
        return Output.line("updated \(note.id)  \(note.title)")
      case .fixable(let problem):
        Output.report(problem.inFile(file))
        if offerToReopen() { continue }
        throw EditFailure.print(kept)
      case .refused(let error, _):
        throw EditFailure.print(EditFailure.diagnostic(error), kept)
      }
    }
  }

  /// On a terminal, asks whether to open the editor again on the text as it is.
  func offerToReopen() -> Bool {
    Prompt.isInteractive && Prompt.confirm("Re-open the editor to fix it?", default: true)
  }
}

/// `rm ID|URL`: deletes a note.
struct Remove: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rm",
    abstract: "Delete a note (asks first on a terminal; --yes otherwise).")

  @OptionGroup var options: StoreOptions

  @Flag(name: [.short, .long], help: "Delete without asking.")
  var yes = false

  @Argument(help: .noteReference, completion: ShellCompletion.notes) var reference: String

  func run() throws {
    let store = try options.open()
    let base = try EditFailure.note(reference, in: store)
    if !yes {
      guard Prompt.isInteractive else {
        throw EditFailure.print(.program("not deleting without --yes (stdin is not a terminal)"))
      }
      guard Prompt.confirm("Delete \(base.id) \"\(Output.safe(base.title))\"?", default: false)
      else {
        throw EditFailure.print(.program("not deleted", severity: .note))
      }
    }
    var editor = NoteEditor(store: store)
    do { try editor.delete(base.id, base: base) } catch { throw EditFailure.edit(error) }
    Output.line("deleted \(base.id)  \(base.title)")
  }
}

/// Printing a failure and exiting with status 1, the same way in every editing command.
enum EditFailure {
  /// Prints `diagnostics` to stderr in order; returns the exit code to throw.
  static func print(_ diagnostics: Diagnostic...) -> ExitCode {
    for diagnostic in diagnostics { Output.report(diagnostic) }
    return ExitCode(1)
  }

  /// Prints why an edit was refused; returns the exit code to throw.
  static func edit(_ error: EditError) -> ExitCode { print(diagnostic(error)) }

  /// Why an edit was refused: a store error names its file, a duplicate URL the command that
  /// shows the other note.
  static func diagnostic(_ error: EditError) -> Diagnostic {
    switch error {
    case .store(let storeError): return storeError.diagnostic
    case .invalid(.duplicateURL(_, let owner, _)):
      return .program("\(error.message) (url-notes show \(owner))")
    default: return .program(error.message)
    }
  }

  /// The note `reference` names, or a printed error.
  static func note(_ reference: String, in store: NoteStore) throws -> Note {
    switch store.lookup(reference) {
    case .success(let id):
      guard let note = store.note(id) else {
        throw print(.program("\(reference): the note could not be read from \(store.path)"))
      }
      return note
    case .failure(let error):
      throw print(.program("\(error)"))
    }
  }
}
