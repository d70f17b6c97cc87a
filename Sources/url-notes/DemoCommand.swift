import ArgumentParser
import Diagnostics
import NoteStore

#if canImport(Glibc)
  import Glibc
#endif

/// `demo [DIR]`: try url-notes on sample dumps without touching any real store.
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import sample dumps (default: data/) into a new temporary store and browse it.",
    discussion: """
      The store is created under $TMPDIR (or /tmp) and left there; the checkout is not changed.
      When standard output is not a terminal, the tag list and previews are printed instead.
      """)

  @Argument(help: ArgumentHelp("Files or directories of sample dumps.", valueName: "path"))
  var paths: [String] = ["data"]

  func run() throws {
    var template = Array(
      ((ProcessEnvironment.value("TMPDIR") ?? "/tmp") + "/url-notes-demo-XXXXXX").utf8CString)
    guard let directory = mkdtemp(&template) else {
      Output.report(
        Diagnostic.program(
          "cannot create a temporary directory: \(String(cString: strerror(errno)))"))
      throw ExitCode(1)
    }
    let storePath = String(cString: directory) + "/notes.json"
    let store = try StoreOptions.parse(["--store", storePath]).open()
    let report: ImportReport
    do {
      report = try NoteImporter().importPaths(paths, into: store)
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
    for file in report.files { if let failure = file.failure { Output.report(failure) } }
    Output.error("demo store: \(storePath) (\(store.count) notes)")
    if isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 {
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
