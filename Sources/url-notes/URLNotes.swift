import ArgumentParser
import NoteStore
import NotesTUI

/// `url-notes`: with no subcommand, opens the browser (TUI) on the store.
@main
struct URLNotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "url-notes",
    abstract: "Browse, search and import notes on web pages.",
    discussion: """
      The store is a JSON file: --store PATH, else $URL_NOTES_STORE, else \
      $XDG_DATA_HOME/url-notes/notes.json (~/.local/share/url-notes/notes.json).
      """,
    version: ProgramVersion.current,
    subcommands: [
      Browse.self, Import.self, Tags.self, List.self, Show.self, Export.self, Demo.self,
      Add.self, Edit.self, Remove.self, Tag.self, ConfigCheck.self, Version.self, Compact.self,
      Sync.self, MergeStore.self, MergeDriverCommand.self,
    ],
    defaultSubcommand: Browse.self)

  static func main() {
    ProcessEnvironment.ignoreFileSizeLimitSignal()
    do throws(LeadingArgumentsError) {
      let arguments = try LeadingArguments.normalized(Array(CommandLine.arguments.dropFirst()))
      // The browser shows config problems in its status line, `config --check` prints them
      // itself; every other command says them on stderr.
      if let command = arguments.first, LeadingArguments.reportsConfigProblems(command) {
        ConfigFile.reportProblems()
      }
      main(arguments)
    } catch {
      Output.report(error.diagnostic)
      exit(withError: ExitCode.validationFailure)
    }
  }
}

/// `--store PATH`, shared by every command.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("The note store file (a directory: its notes.json).", valueName: "path"))
  var store: String?

  /// The store path: the option, else $URL_NOTES_STORE, else the XDG data directory.
  var resolvedPath: String { Self.path(option: store) }

  /// The store path for the `--store` value `store` (nil when not given).
  static func path(option store: String?) -> String {
    if let store, !store.isEmpty { return NoteStore.file(named: store) }
    let environment = ProcessEnvironment.self
    if let path = environment.value("URL_NOTES_STORE"), !path.isEmpty {
      return NoteStore.file(named: path)
    }
    if let data = environment.value("XDG_DATA_HOME"), data.hasPrefix("/") {
      return data + "/url-notes/notes.json"
    }
    return (environment.value("HOME") ?? ".") + "/.local/share/url-notes/notes.json"
  }

  /// Opens the store, or prints the reason and exits with status 1.
  func open() throws -> NoteStore {
    do {
      let store = try NoteStore.open(
        path: resolvedPath, progress: ProgressLine.reporter(for: resolvedPath))
      for warning in store.warnings { Output.report(warning) }
      // A fold this command's save makes due runs in a detached `url-notes compact`: the
      // command returns after its own durable append.
      store.foldInBackground(command: ["/proc/self/exe", "compact"])
      // Kept until exit, which frees it faster than a deinit: a million records released one
      // by one were 7% of an `rm` at 1,000,000 notes (and an import's notes just written).
      ProcessLifetime.keep(store)
      return store
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
  }
}

/// `browse`: the full-screen interface.
struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Open the full-screen browser (the default command).")

  @OptionGroup var options: StoreOptions

  func run() throws {
    let status = runBrowser(storePath: options.resolvedPath)
    if status != 0 { throw ExitCode(status) }
  }
}

extension ArgumentHelp {
  /// The `ID|URL` argument of the commands that act on one note (show, edit, rm).
  static let noteReference = ArgumentHelp(
    "The note's id (or a unique prefix of it) or its URL.", valueName: "id-or-url")
}
