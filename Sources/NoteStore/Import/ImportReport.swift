import Diagnostics

/// What an import did, file by file.
public struct ImportReport: Equatable, Sendable {
  public var files: [FileReport] = []

  public init() {}

  /// True when every file was read without failure.
  public var succeeded: Bool { files.allSatisfy { $0.failure == nil } }

  /// The file lines added up: a note in three files counts in each file's line, so a note
  /// added by one file and changed by the next two counts once as added and twice as merged
  /// (the merges a summary of distinct notes hid: "56533 added, 0 merged" for 16,907 merges).
  public var added: Int { files.reduce(0) { $0 + $1.added.count } }
  public var merged: Int { files.reduce(0) { $0 + $1.merged.count } }
  public var unchanged: Int { files.reduce(0) { $0 + $1.unchanged.count } }
  public var failed: Int { files.filter { $0.failure != nil }.count }

  /// The notes written (or that a dry run would write): every note some file added or
  /// merged, each counted once however many files it is in.
  public var notesWritten: Int { Set(files.flatMap { $0.added + $0.merged }).count }
}

/// The outcome for one file.
public struct FileReport: Equatable, Sendable {
  public var path: String
  /// The reader that understood the file ("flight", "markdown", ...); nil if none did.
  public var format: String?
  /// Notes new to the store.
  public var added: [NoteID] = []
  /// Notes there before this file (stored before the import, or added by an earlier file of
  /// it) that this file changed (new tags, a missing summary, provenance).
  public var merged: [NoteID] = []
  /// Notes there before this file exactly as this file has them.
  public var unchanged: [NoteID] = []
  /// Why the file could not be imported, placed in the file (`path:line:col: error: …`).
  public var failure: Diagnostic?
  /// Things worth knowing that did not stop the import, placed in the file.
  public var warnings: [Diagnostic] = []

  public init(path: String) { self.path = path }

  /// "path: 3 notes (2 added, 1 merged, 0 unchanged)" or the failure line.
  public var summaryLine: String {
    if let failure { return failure.description }
    let total = added.count + merged.count + unchanged.count
    return "\(path): \(Counted(total, "note")) (\(added.count) added, "
      + "\(merged.count) merged, \(unchanged.count) unchanged)"
  }
}
