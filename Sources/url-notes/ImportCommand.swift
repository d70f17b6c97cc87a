import ArgumentParser
import NoteStore

/// `import FILE|DIR…`: read page dumps into the store.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Import saved pages and exports: flight payloads, saved Next.js HTML, Markdown/text, "
      + "bookmarks, Pocket, Raindrop, Instapaper and Pinboard.",
    discussion: """
      Notes with the same URL are merged (tags unioned); importing the same files again changes \
      nothing. Every file is reported; the exit status is 1 if any file failed (the good files \
      are still imported).
      """)

  @OptionGroup var options: StoreOptions

  @Flag(help: "Show what would change without writing anything.")
  var dryRun = false

  @Flag(
    help: """
      Tag bookmarks with the names of their enclosing folders (browsers' root folders such as \
      "Bookmarks Toolbar" excepted).
      """)
  var folderTags = false

  @Option(
    help: ArgumentHelp(
      "Resolve the links of posts a Next.js page holds as data against this address (a folder), "
        + "instead of the address the page states.", valueName: "url"))
  var baseURL: String?

  @Argument(help: ArgumentHelp("Files or directories to import.", valueName: "file-or-dir"))
  var paths: [String]

  func validate() throws {
    if let baseURL,
      NormalizedURL.normalize(baseURL) == nil
        || !(baseURL.lowercased().hasPrefix("http://")
          || baseURL.lowercased().hasPrefix("https://"))
    {
      throw ValidationError("--base-url must be an absolute http(s) address, got '\(baseURL)'")
    }
  }

  func run() throws {
    let store = try options.open()
    let openingWarnings = store.warnings
    let report: ImportReport
    do {
      let importer = NoteImporter(
        readers: NoteImporter.readers(folderTags: folderTags, baseURL: baseURL))
      report = try importer.importPaths(paths, into: store, dryRun: dryRun)
    } catch {
      Output.report(error)
      throw ExitCode(1)
    }
    for file in report.files {
      if let failure = file.failure {
        Output.report(failure)
      } else {
        Output.line((dryRun ? "would import " : "") + file.summaryLine)
      }
      for warning in file.warnings { Output.report(warning) }
    }
    // The file lines added up, then the notes written, each once (README, Merging).
    let written = Counted(report.notesWritten, "note")
    let verb = dryRun ? "would be" : written.count == 1 ? "was" : "were"
    Output.line(
      "\(report.added) added, \(report.merged) merged, \(report.unchanged) unchanged, "
        + "\(Counted(report.failed, "file")) failed; \(written) \(verb) written")
    // Findings of the save itself (a compaction that failed after the journal append, say).
    for warning in store.warnings where !openingWarnings.contains(warning) {
      Output.report(warning)
    }
    if !report.succeeded { throw ExitCode(1) }
  }
}
