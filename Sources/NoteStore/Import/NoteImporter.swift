import Diagnostics
import Dispatch

/// Imports page dumps into the store: reads each file with the reader that recognises it, and
/// merges what it finds with the notes already stored.
///
/// Merge rules: notes are matched by normalised URL (notes without one, by source file and
/// title); tags are unioned in first-seen order; a field the stored note lacks (title, summary,
/// body) is filled in, a field it has is kept (a stored note keeps its dates; a new one takes
/// the file's, else the import time); the file joins the note's provenance. So importing the
/// same files again changes nothing. Changes land in durable writes that each
/// hold whole files (up to `notesPerWrite` notes, not one fsync per file): a file that cannot
/// be read never stops the good ones, and a write that fails fails exactly the files it held.
public struct NoteImporter: Sendable {
  public var readers: [any DumpReader]
  public var now: Timestamp

  public init(readers: [any DumpReader] = NoteImporter.defaultReaders, now: Timestamp = .now()) {
    self.readers = readers
    self.now = now
  }

  /// The readers tried in order: the first that recognises a file reads it. Each recognises
  /// by content; the CSV files no export reader takes are refused before the text reader
  /// would read a spreadsheet as one note.
  public static var defaultReaders: [any DumpReader] { readers() }

  /// The default readers; with `folderTags`, bookmarks also get their folders' names as tags;
  /// `baseURL` is what the links of posts that pages hold as data resolve against
  /// (`import --base-url`).
  public static func readers(folderTags: Bool = false, baseURL: String? = nil) -> [any DumpReader] {
    [
      JSONExportReader(), NetscapeBookmarkReader(folderTags: folderTags), MarkdownExportReader(),
      PocketHTMLReader(), FlightDumpReader(baseURL: baseURL), CSVExportReader.pocket,
      CSVExportReader.raindrop, CSVExportReader.instapaper, PinboardJSONReader(),
      UnknownCSVReader(),
      MarkdownDumpReader(), MarkdownDumpReader(flavor: .text),
    ]
  }

  /// Imports files and directories (a directory's dump files, not recursing into subfolders).
  /// With `dryRun`, reports what would change and writes nothing.
  ///
  /// Files are read and parsed on all cores, each core taking the next file as soon as it is
  /// done with one, while this thread merges them; merges happen strictly in the order given,
  /// so reports and store contents are those of a one-file-at-a-time run. The store's own
  /// files are read only when their turn comes (earlier files change them).
  public func importPaths(_ paths: [String], into store: NoteStore, dryRun: Bool = false)
    throws -> ImportReport
  {
    // One compaction at the end, not one per megabyte of journal (see withCompactionDeferred).
    try store.withWriteLock {
      store.withCompactionDeferred {
        var report = ImportReport()
        var pending = PendingNotes(store: store)
        // Files merged since the last write (indices into `report.files`).
        var unsaved: [Int] = []
        for path in paths {
          let files = expand(path, report: &report)
          let reads = readAhead(files, besides: store.path)
          for (index, file) in files.enumerated() {
            let read: FileRead
            if let done = reads.take(index) {
              read = done
            } else {
              // A file of the store itself: read it with every earlier change saved.
              write(&pending, into: store, for: &unsaved, report: &report)
              read = self.read(file)
            }
            let fileReport = merge(read, pending: &pending)
            report.files.append(fileReport)
            if !dryRun && fileReport.failure == nil {
              unsaved.append(report.files.count - 1)
              if pending.order.count >= Self.notesPerWrite {
                write(&pending, into: store, for: &unsaved, report: &report)
              }
            }
          }
        }
        write(&pending, into: store, for: &unsaved, report: &report)
        Self.freeInBackground(consume pending)
        return report
      }
    }
  }

  /// Writes the changes waiting in `pending` in one durable apply; if that fails, every file
  /// in `unsaved` is reported failed with nothing added.
  func write(
    _ pending: inout PendingNotes, into store: NoteStore, for unsaved: inout [Int],
    report: inout ImportReport
  ) {
    guard !unsaved.isEmpty else { return }
    defer { unsaved.removeAll() }
    let changes = pending.takeChanges()
    do {
      try store.apply(changes)
      pending.wrote(changes)
    } catch {
      for index in unsaved {
        report.files[index].failure = error.diagnostic
        report.files[index].added = []
        report.files[index].merged = []
        report.files[index].unchanged = []
      }
    }
  }

  /// Drops the merged notes on a background thread: after a dry run they are every note
  /// found (tens of thousands of small trees), and freeing them one by one would hold up
  /// the report for nothing.
  static func freeInBackground(_ pending: consuming PendingNotes) {
    let leftovers = (pending.changed, pending.order, pending.idByURL)
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(leftovers) {} }
  }

  /// How many changed notes wait before they are written (with every file they came from).
  /// Each write is one journal append and fsync; one per file made an import of 600 tag pages
  /// spend a fifth of its time in fsync.
  static let notesPerWrite = 4096

  /// Files read ahead of the merge: enough to keep every core busy however uneven the files,
  /// and through a write (encoding thousands of notes, an fsync), while bounding memory (only
  /// the drafts of these files are held, never their parsed pages: about 100 KB a tag page).
  static let readAheadFiles = 128

  /// What reading one file gave: its report so far (path, format, failure) and its drafts.
  struct FileRead {
    var report: FileReport
    var drafts: [PendingNotes.Prepared] = []
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
      failed.failure = Diagnostic(
        "no page dumps in this directory (looked for "
          + DumpSniffer.dumpExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")",
        file: path, at: .start)
      report.files.append(failed)
      return []
    }
    let base = path.hasSuffix("/") ? path : path + "/"
    return names.sorted().map { base + $0 }
  }

  /// Reads and parses `files` on one thread per core, for a merge that takes them in order
  /// (`OrderedWork`, at most `readAheadFiles` ahead of it). The store's own files are left
  /// unread (nil) for the merge to read at its turn.
  func readAhead(_ files: [String], besides storePath: String) -> OrderedWork<FileRead?> {
    let storeFiles = FileSystem.absolutePath(storePath)
    let readsAhead = files.map { !FileSystem.absolutePath($0).hasPrefix(storeFiles) }
    return OrderedWork(count: files.count, ahead: Self.readAheadFiles) { [self] index in
      readsAhead[index] ? read(files[index]) : nil
    }
  }

  /// Reads and parses one file; safe to call from several threads at once.
  func read(_ path: String) -> FileRead {
    var report = FileReport(path: path)
    let bytes: [UInt8]
    do {
      guard let contents = try FileSystem.contents(of: path) else {
        report.failure = Diagnostic("no such file", file: path, at: .start)
        return FileRead(report: report)
      }
      bytes = contents
    } catch {
      report.failure = Diagnostic(error.message, file: path, at: .start)
      return FileRead(report: report)
    }
    // What is wrong with a whole file (and a missing one) is reported at its start, 1:1.
    if let reason = DumpSniffer.rejection(bytes) {
      report.failure = Diagnostic(reason, file: path, at: .start)
      return FileRead(report: report)
    }
    guard let reader = readers.first(where: { $0.recognizes(bytes, path: path) }) else {
      let what =
        DumpSniffer.isPlainJSON(bytes)
        ? "a JSON file that is not a page dump" : "an unknown kind of file"
      report.failure = Diagnostic(
        "\(what); expected a flight payload (.rsc), a saved Next.js page (.html), a Markdown "
          + "or text page dump, a Netscape bookmark file, url-notes' JSON export, or a Pocket, Raindrop, "
          + "Instapaper or Pinboard export", file: path,
        at: .start)
      return FileRead(report: report)
    }
    report.format = reader.format
    do {
      // The flight reader hands its drafts over with the URLs it has already normalised.
      if let flight = reader as? FlightDumpReader {
        let read = try flight.readPrepared(bytes)
        report.warnings = read.warnings.map { $0.inFile(path) }
        return FileRead(report: report, drafts: read.drafts)
      }
      let reading = try reader.readWithWarnings(bytes, path: path)
      report.warnings = reading.warnings.map { $0.inFile(path) }
      return FileRead(report: report, drafts: reading.drafts.map(PendingNotes.Prepared.init))
    } catch {
      report.failure = error.inFile(path)
      return FileRead(report: report)
    }
  }

  /// Merges a file's drafts into `pending`, in the file's order.
  func merge(_ read: FileRead, pending: inout PendingNotes) -> FileReport {
    var report = read.report
    guard report.failure == nil, let format = report.format else { return report }
    let provenance = Provenance(
      file: FileSystem.absolutePath(report.path), format: format, imported: now)
    for draft in read.drafts {
      switch pending.merge(draft, provenance: provenance, now: now) {
      case .added(let id): report.added.append(id)
      case .merged(let id): report.merged.append(id)
      case .unchanged(let id): report.unchanged.append(id)
      }
    }
    return report
  }
}
