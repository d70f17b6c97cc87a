import Dispatch

/// Imports page dumps into the store: reads each file with the reader that recognises it, and
/// merges what it finds with the notes already stored.
///
/// Merge rules: notes are matched by normalised URL (notes without one, by source file and
/// title); tags are unioned in first-seen order; a field the stored note lacks (title, summary,
/// body) is filled in, a field it has is kept; the file joins the note's provenance. So
/// importing the same files again changes nothing. Each file's changes land in one durable
/// write, so a bad file never stops the good ones.
public struct NoteImporter: Sendable {
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
  ///
  /// Files are read and parsed on all cores, a window of them at a time, the next window
  /// while this one is merged; merges happen strictly in the order given, so reports and
  /// store contents are those of a one-file-at-a-time run. The store's own files are read
  /// only when their turn comes (earlier files change them).
  public func importPaths(_ paths: [String], into store: NoteStore, dryRun: Bool = false)
    throws -> ImportReport
  {
    try store.withWriteLock {
      var report = ImportReport()
      var pending = PendingNotes(store: store)
      for path in paths {
        let files = expand(path, report: &report)
        let windows = stride(from: 0, to: files.count, by: Self.readAheadFiles).map {
          Array(files[$0..<min(files.count, $0 + Self.readAheadFiles)])
        }
        var nextReads = windows.first.map { startReading($0, besides: store.path) }
        for (index, window) in windows.enumerated() {
          let reads = nextReads?.wait() ?? []
          nextReads =
            index + 1 < windows.count
            ? startReading(windows[index + 1], besides: store.path) : nil
          for (file, read) in zip(window, reads) {
            var fileReport = merge(read ?? self.read(file), pending: &pending)
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
      }
      return report
    }
  }

  /// Files read ahead of the merge: enough to keep every core busy while bounding memory
  /// (only the drafts of a window are held, never its parsed pages).
  static let readAheadFiles = 16

  /// What reading one file gave: its report so far (path, format, failure) and its drafts.
  struct FileRead {
    var report: FileReport
    var drafts: [PendingNotes.Prepared] = []
  }

  /// Starts `readInParallel` on a background thread; `wait()` gives its result.
  func startReading(_ files: [String], besides storePath: String) -> WindowReads {
    let reads = WindowReads()
    reads.done.enter()
    DispatchQueue.global().async {
      reads.files = readInParallel(files, besides: storePath)
      reads.done.leave()
    }
    return reads
  }

  /// `read(_:)` of each file, spread over the cores; nil for a file of the store itself
  /// (its snapshot or journal), which must be read after the files before it were merged.
  func readInParallel(_ files: [String], besides storePath: String) -> [FileRead?] {
    let storeFiles = FileSystem.absolutePath(storePath)
    let readsAhead = files.map { !FileSystem.absolutePath($0).hasPrefix(storeFiles) }
    let slots = ResultSlots<FileRead>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      if readsAhead[index] { slots.store(read(files[index]), at: index) }
    }
    return slots.values
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

  /// Reads and parses one file; safe to call from several threads at once.
  func read(_ path: String) -> FileRead {
    var report = FileReport(path: path)
    let bytes: [UInt8]
    do {
      guard let contents = try FileSystem.contents(of: path) else {
        report.failure = "\(path): error: no such file"
        return FileRead(report: report)
      }
      bytes = contents
    } catch {
      report.failure = "\(path): error: \(error.message)"
      return FileRead(report: report)
    }
    if let reason = DumpSniffer.rejection(bytes) {
      report.failure = "\(path): error: \(reason)"
      return FileRead(report: report)
    }
    guard let reader = readers.first(where: { $0.recognizes(bytes, path: path) }) else {
      let what =
        DumpSniffer.isPlainJSON(bytes)
        ? "a JSON file that is not a page dump" : "an unknown kind of file"
      report.failure =
        "\(path): error: \(what); expected a flight payload (.rsc), a saved "
        + "Next.js page (.html), a Markdown or text page dump, or a Netscape bookmark file"
      return FileRead(report: report)
    }
    report.format = reader.format
    do {
      // The flight reader hands its drafts over with the URLs it has already normalised.
      if let flight = reader as? FlightDumpReader {
        return FileRead(report: report, drafts: try flight.readPrepared(bytes))
      }
      let drafts = try reader.read(bytes, path: path)
      return FileRead(report: report, drafts: drafts.map(PendingNotes.Prepared.init))
    } catch {
      report.failure = error.formatted(path: path)
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

/// The reads of one window of files, filled in by a background thread.
final class WindowReads: @unchecked Sendable {
  let done = DispatchGroup()
  /// Written once before `done` is left, read only after `wait()`.
  var files: [NoteImporter.FileRead?] = []

  func wait() -> [NoteImporter.FileRead?] {
    done.wait()
    return files
  }
}

/// One slot per task of a `concurrentPerform`, each written by exactly one task.
private final class ResultSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  /// Sound without a lock: every index is written by one task only, and `values` is read
  /// after `concurrentPerform` returned.
  func store(_ value: Value, at index: Int) { slots[index] = value }

  var values: [Value?] { Array(slots) }
}
