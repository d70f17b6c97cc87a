import Diagnostics

/// The local note store: one JSON snapshot, an append-only journal beside it, and a lock.
///
/// Layout (README "Store format"): `notes.json` holds every note, one per line, sorted by id;
/// `notes.json.journal` holds changes made since, one JSON record per line; `notes.json.lock`
/// serialises writers. Opening maps the snapshot and reads only each note's header fields
/// (id, url, title, tags, times); summaries and bodies are decoded when asked for. An edit is an
/// append and an fsync; the journal is folded into a new snapshot (atomic rename) when it grows.
///
/// Not thread-safe: use one instance from one thread.
public final class NoteStore {
  /// The snapshot file; the journal and the lock file sit beside it.
  public let path: String
  var journalPath: String { path + ".journal" }
  var lockPath: String { path + ".lock" }

  /// The notes and everything derived from them; changed only by `StoreState.apply` (and
  /// replaced whole by `load`).
  var state = StoreState()
  var lockDepth = 0
  /// Set while an import runs (`withCompactionDeferred`): saves only append to the journal.
  var compactionDeferred = false
  /// Set while this instance folds the journal (`fold`), so releasing its lock does not
  /// start another fold.
  var folding = false
  /// Starts a due fold somewhere else (`foldInBackground(command:)`); nil, or false returned:
  /// the fold runs in this process.
  var foldElsewhere: ((_ storePath: String) -> Bool)?
  var heldLock: StoreLock?
  /// Told each step of a fold as it completes (`FoldStep`): the crash tests' harness kills
  /// itself at one, to show that a fold stopped there loses nothing.
  public var foldStepDone: ((FoldStep) -> Void)?
  /// Told how far a scan without an index has come (see `open(path:progress:)`).
  var scanProgress: ((_ scanned: Int, _ total: Int) -> Void)?
  /// Snapshots of at least this many bytes are scanned on two threads, on a machine with more
  /// than one core: a scan without the index (`SecondHalfScan`) and a text search's byte scan
  /// (`textMatches`). Nil: on one. Tests set 0 to split the smallest store.
  var scanSplitMinimum: Int? = Syscalls.onlineProcessors > 1 ? 1 << 24 : nil
  /// Where the last scan's second half began, if its notes were used (for tests).
  var lastScanSplit: Int?
  /// Non-fatal findings while loading (a torn journal tail, say), for the caller to show.
  public internal(set) var warnings: [Diagnostic] = []
  /// The id and time of each delete (see `Tombstones`), never of a note the store holds.
  public var tombstones: [NoteID: Timestamp] { state.tombstones }

  /// The journal is folded into the snapshot once it is larger than this many bytes or a
  /// sixteenth of the snapshot (at most `compactionCeilingBytes`), whichever is larger: edits
  /// stay an append, and replaying the journal at start-up stays a small fraction of the work.
  public static let compactionThresholdBytes = 1 << 20

  /// The store file `path` names: the file itself, or for a directory the `notes.json` in it
  /// (the name the default location uses), so `--store ~/notes` opens `~/notes/notes.json`
  /// instead of failing to read a directory.
  public static func file(named path: String) -> String {
    guard FileSystem.isDirectory(path) else { return path }
    return (path.hasSuffix("/") ? path : path + "/") + "notes.json"
  }

  /// The largest journal a store of any size keeps before a fold: every command replays the
  /// whole journal at open, and a sixteenth of a 1,000,000-note snapshot (137 MB) took every
  /// command there ~1 s. Folds then come every ~2,000 notes written; they run where nobody
  /// waits (`foldInBackground`).
  public static let compactionCeilingBytes = 4 << 20

  /// The journal length past which a save makes a fold due, for a snapshot of `snapshotBytes`.
  public static func foldThresholdBytes(snapshotBytes: Int) -> Int {
    max(compactionThresholdBytes, min(snapshotBytes / 16, compactionCeilingBytes))
  }

  /// Whether a process is folding the store at `path` now: a temporary snapshot of a running
  /// process lies beside it.
  public static func isBeingFolded(path: String) -> Bool {
    FileSystem.liveTemporaries(of: path).contains { !$0.hasSuffix(".journal") }
  }

  /// The store format this version writes and reads (older ones are read and upgraded by
  /// the next save). 2: tombstones.
  public static let formatVersion = 2

  init(path: String) { self.path = path }

  /// Opens the store at `path` (which need not exist yet: the store is then empty).
  /// Throws `StoreError` if the snapshot or journal does not parse; nothing is written then.
  public static func open(path: String) throws(StoreError) -> NoteStore {
    try open(path: path, progress: nil)
  }

  /// `open(path:)`, where `progress`, if not nil, hears how far a scan of a snapshot without a valid index has come
  /// (bytes scanned, of the total) about every 16 MB, and once more with both equal when it
  /// ends: such an open takes seconds at 1,000,000 notes. It is not called after this returns.
  public static func open(
    path: String, progress: ((_ scanned: Int, _ total: Int) -> Void)?
  ) throws(StoreError) -> NoteStore {
    let store = NoteStore(path: path)
    store.scanProgress = progress
    defer { store.scanProgress = nil }
    try store.load()
    return store
  }

  /// The records, in store order (see `StoreState.records`).
  var records: NoteRecords { state.records }
  var snapshot: MappedFile? { state.snapshot }

  /// Number of notes.
  public var count: Int { records.count }

  /// Header fields of every note, in store order.
  public var headers: [NoteHeader] { records.map(\.header) }

  /// The header of note `id`.
  public func header(_ id: NoteID) -> NoteHeader? {
    state.position(of: id).map { records[$0].header }
  }

  /// The whole note `id`, decoding its summary and body now if they were not yet read.
  public func note(_ id: NoteID) -> Note? {
    state.position(of: id).flatMap(state.note(at:))
  }

  func note(at position: Int) -> Note? { state.note(at: position) }

  /// Every note, decoded. Complexity: O(size of the store).
  public func allNotes() -> [Note] {
    (0..<records.count).compactMap { note(at: $0) }
  }
}
