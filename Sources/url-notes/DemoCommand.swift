import ArgumentParser
import Diagnostics
import NoteStore
import NotesTUI

/// `demo [DIR]`: try url-notes on sample dumps without touching any real store.
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import sample dumps into a new temporary store and browse it.",
    discussion: """
      Without paths, the samples built into url-notes are imported (three tag pages of a \
      url-notes site and one article saved as Markdown); they are written next to the \
      store first, so it works from any directory. The store is created under $TMPDIR (or \
      /tmp) and left there; nothing else is changed. When standard output is not a \
      terminal, the tag list and previews are printed instead.
      """)

  @Argument(
    help: ArgumentHelp(
      "Files or directories of sample dumps (default: the built-in samples).", valueName: "path"))
  var paths: [String] = []

  func run() throws {
    let directory: String
    var paths = self.paths
    do throws(TextFile.Failure) {
      directory = try TextFile.makeTemporaryDirectory(prefix: "url-notes-demo-")
      if paths.isEmpty { paths = [try DemoSamples.write(into: directory + "/samples")] }
    } catch {
      Output.report(Diagnostic.program(error.description))
      throw ExitCode(1)
    }
    let storePath = directory + "/notes.json"
    let store = try StoreOptions.parse(["--store", storePath]).open()
    let report: ImportReport
    do {
      report = try NoteImporter().importPaths(paths, into: store)
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
    for file in report.files { if let failure = file.failure { Output.report(failure) } }
    Output.error("demo store: \(storePath) (\(Counted(store.count, "note")))")
    if ProcessEnvironment.isTerminal(.output) && ProcessEnvironment.isTerminal(.input) {
      let status = runBrowser(storePath: storePath)
      if status != 0 { throw ExitCode(status) }
      return
    }
    Output.line("Tags:")
    for entry in store.tagCounts() { Output.line("  \(entry.count)  \(entry.tag)") }
    Output.line("")
    Output.line("Notes:")
    for header in store.headers(matching: NoteFilter()) {
      guard let note = store.note(header.id) else { continue }
      Output.line("* \(note.title)  <\(note.host ?? "no URL")>")
      Output.line("  tags: " + note.tags.joined(separator: ", "))
      for line in SummaryTreeText.lines(note.summary).prefix(4) { Output.line("  " + line) }
    }
  }
}
