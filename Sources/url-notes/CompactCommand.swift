import ArgumentParser
import NoteStore

/// `compact`: folds the store's journal into a new snapshot. Not listed: the other commands
/// start it as a detached process when their save made a fold due, so that no command waits
/// for one (issue 16). Run by hand it says why a fold failed; detached, nobody reads that,
/// and a failed fold is retried after the next save.
struct Compact: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fold the store's journal into a new snapshot.", shouldDisplay: false)

  @OptionGroup var options: StoreOptions

  func run() throws {
    do {
      try NoteStore.open(path: options.resolvedPath).foldUnlessFolding()
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
  }
}
