import ArgumentParser
import Diagnostics
import NoteStore
import NotesTUI

/// `sync`: the store's git repository, committed, merged with the remote and pushed.
struct Sync: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Sync the store through its git repository's remote.",
    discussion: """
      The store's directory must be in a git work tree with a remote. Folds the journal, \
      commits notes.json, fetches, merges with url-notes' merge driver (registered in the \
      repository on the first run, so a plain git pull uses it too) and pushes \
      (README, "Sync").
      """)

  @OptionGroup var options: StoreOptions

  @Flag(help: "Fetch and show what the merge would change; write nothing.")
  var dryRun = false

  func run() throws {
    let sync = StoreSync(
      store: try options.open(), executablePath: ProcessEnvironment.executablePath)
    let outcome: StoreSync.Outcome
    do { outcome = try sync.run(dryRun: dryRun) } catch {
      Output.report(error.diagnostic)
      throw ExitCode(1)
    }
    Output.lines(outcome.lines(dryRun: dryRun))
  }
}

/// `merge OTHER`: another store, a synced folder's conflict copy or a JSON export, merged in.
struct MergeStore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge another store, a conflict copy or a JSON export into this store.",
    discussion: """
      Note by note, with no common ancestor: tombstones keep notes deleted here deleted \
      unless the other copy changed them later (README, "Sync").
      """)

  @OptionGroup var options: StoreOptions

  @Flag(help: "List what would be added, changed and deleted; write nothing.")
  var dryRun = false

  @Argument(help: ArgumentHelp("The other store file or JSON export.", valueName: "other"))
  var other: String

  func run() throws {
    let store = try options.open()
    let report: MergeReport
    do {
      report = try store.merge(StoreSnapshot.read(path: other), dryRun: dryRun)
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
    Output.lines(report.lines)
    if !dryRun && ConflictCopies.isConflictCopy(other, of: store.path) {
      Output.line("merged; delete \(other) once you no longer need it")
    }
  }
}

/// `merge-driver %O %A %B`: git's merge driver for notes.json (hidden; `sync` registers it).
struct MergeDriverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge-driver",
    abstract: "git merge driver for the store file: merge-driver %O %A %B.",
    shouldDisplay: false)

  @Argument(help: ArgumentHelp("The common ancestor's version (%O).", valueName: "ancestor"))
  var ancestor: String

  @Argument(help: ArgumentHelp("Our version, replaced by the merge (%A).", valueName: "ours"))
  var ours: String

  @Argument(help: ArgumentHelp("Their version (%B).", valueName: "theirs"))
  var theirs: String

  func run() throws {
    do {
      let report = try MergeDriver.run(ancestor: ancestor, ours: ours, theirs: theirs)
      for conflict in report.conflicts {
        Output.report(Diagnostic.program(conflict.line, severity: .warning))
      }
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
  }
}
