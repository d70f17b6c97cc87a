/// Imports page dumps into the store: reads each file with the reader that recognises it, and
/// merges what it finds with the notes already stored.
///
/// Merge rules: notes are matched by normalised URL (notes without one, by source file and
/// title); tags are unioned in first-seen order; a field the stored note lacks (title, summary,
/// body) is filled in, a field it has is kept; the file joins the note's provenance. So
/// importing the same files again changes nothing. Each file's changes land in one durable
/// write, so a bad file never stops the good ones.
public struct NoteImporter {
  public var readers: [any DumpReader]
  public var now: Timestamp

  public init(readers: [any DumpReader] = NoteImporter.defaultReaders, now: Timestamp = .now()) {
    self.readers = readers
    self.now = now
  }

  /// The readers tried in order: the first that recognises a file reads it.
  public static var defaultReaders: [any DumpReader] {
    [
      NetscapeBookmarkReader(), FlightDumpReader(), MarkdownDumpReader(),
      MarkdownDumpReader(flavor: .text),
    ]
  }

  /// Imports files and directories (a directory's dump files, not recursing into subfolders).
  /// With `dryRun`, reports what would change and writes nothing.
  public func importPaths(_ paths: [String], into store: NoteStore, dryRun: Bool = false)
    throws -> ImportReport
  {
    try store.withWriteLock {
      var report = ImportReport()
      var pending = PendingNotes(store: store)
      for path in paths {
        for file in expand(path, report: &report) {
          var fileReport = importFile(file, pending: &pending)
          if !dryRun && fileReport.failure == nil {
            do {
              try store.apply(pending.takeChanges())
            } catch {
              fileReport.failure = "\(error)"
              fileReport.added = []
              fileReport.merged = []
              fileReport.unchanged = []
            }
          }
          report.files.append(fileReport)
        }
      }
      return report
    }
  }

  /// The files a path names: itself, or a directory's dump files sorted by name.
  func expand(_ path: String, report: inout ImportReport) -> [String] {
    guard FileSystem.isDirectory(path) else { return [path] }
    let names = FileSystem.directoryEntries(path).filter { name in
      guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
      return DumpSniffer.dumpExtensions.contains(
        String(name[name.index(after: dot)...]).lowercased())
    }
    if names.isEmpty {
      var failed = FileReport(path: path)
      failed.failure =
        "\(path): error: no page dumps in this directory (looked for "
        + DumpSniffer.dumpExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")"
      report.files.append(failed)
      return []
    }
    let base = path.hasSuffix("/") ? path : path + "/"
    return names.sorted().map { base + $0 }
  }

  func importFile(_ path: String, pending: inout PendingNotes) -> FileReport {
    var report = FileReport(path: path)
    let bytes: [UInt8]
    do {
      guard let contents = try FileSystem.contents(of: path) else {
        report.failure = "\(path): error: no such file"
        return report
      }
      bytes = contents
    } catch {
      report.failure = "\(path): error: \(error.message)"
      return report
    }
    if let reason = DumpSniffer.rejection(bytes) {
      report.failure = "\(path): error: \(reason)"
      return report
    }
    guard let reader = readers.first(where: { $0.recognizes(bytes, path: path) }) else {
      let what =
        DumpSniffer.isPlainJSON(bytes)
        ? "a JSON file that is not a page dump" : "an unknown kind of file"
      report.failure =
        "\(path): error: \(what); expected a flight payload (.rsc), a saved "
        + "Next.js page (.html), a Markdown or text page dump, or a Netscape bookmark file"
      return report
    }
    report.format = reader.format
    let drafts: [NoteDraft]
    do {
      drafts = try reader.read(bytes, path: path)
    } catch {
      report.failure = error.formatted(path: path)
      return report
    }
    let provenance = Provenance(
      file: FileSystem.absolutePath(path), format: reader.format, imported: now)
    for draft in drafts {
      switch pending.merge(draft, provenance: provenance, now: now) {
      case .added(let id): report.added.append(id)
      case .merged(let id): report.merged.append(id)
      case .unchanged(let id): report.unchanged.append(id)
      }
    }
    return report
  }
}
