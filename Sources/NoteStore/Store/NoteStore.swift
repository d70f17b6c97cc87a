import ByteJSON
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

  /// Notes in snapshot order, then in journal order for notes added since.
  var records: [NoteRecord] = []
  /// The id → position map; nil until first needed (a store opened through its index answers
  /// tag queries and text searches without one, and building it decodes every id).
  var cachedPositions: [NoteID: Int]?
  var positionByID: [NoteID: Int] {
    get {
      if let cachedPositions { return cachedPositions }
      let built = Self.positions(of: records)
      cachedPositions = built
      return built
    }
    set { cachedPositions = newValue }
  }
  var snapshot: MappedFile?
  var snapshotStamp: FileSystem.Stamp?
  var journalStamp: FileSystem.Stamp?
  var journalLength = 0
  var lockDepth = 0
  /// Set while an import runs (`withCompactionDeferred`): saves only append to the journal.
  var compactionDeferred = false
  var heldLock: StoreLock?
  /// Derived tag index; rebuilt on first use after a change.
  var cachedTagIndex: TagIndex?
  /// Derived URL buckets (`URLIndex.key` → notes); rebuilt on first use after a change.
  var cachedURLBuckets: [String: [NoteID]]?
  /// Where this instance's own appends put each note in the journal (the note's JSON, as
  /// `NoteCodec` wrote it): a fold copies those bytes instead of encoding the notes a second
  /// time. Only appends made since the last load count, and anything read from another
  /// process empties it, so every entry is exactly the current record's note.
  var journalNoteRanges: [NoteID: Range<Int>] = [:]
  /// The id and time of each delete (see `Tombstones`), never of a note the store holds.
  public internal(set) var tombstones: [NoteID: Timestamp] = [:]
  /// True when the snapshot predates tombstones (format 1): the next save folds the journal
  /// into a current snapshot instead of appending, which is the store's upgrade.
  var snapshotNeedsUpgrade = false
  /// Non-fatal findings while loading (a torn journal tail, say), for the caller to show.
  public internal(set) var warnings: [Diagnostic] = []

  /// The journal is folded into the snapshot once it is larger than this many bytes or a
  /// sixteenth of the snapshot, whichever is larger: edits stay an append, and replaying the
  /// journal at start-up stays a small fraction of the work.
  public static let compactionThresholdBytes = 1 << 20

  /// The store format this version writes and reads (older ones are read and upgraded by
  /// the next save). 2: tombstones.
  public static let formatVersion = 2

  init(path: String) { self.path = path }

  /// Opens the store at `path` (which need not exist yet: the store is then empty).
  /// Throws `StoreError` if the snapshot or journal does not parse; nothing is written then.
  public static func open(path: String) throws(StoreError) -> NoteStore {
    let store = NoteStore(path: path)
    try store.load()
    return store
  }

  static func positions(of records: [NoteRecord]) -> [NoteID: Int] {
    var positions: [NoteID: Int] = [:]
    positions.reserveCapacity(records.count)
    for (position, record) in records.enumerated() { positions[record.id] = position }
    return positions
  }

  /// Number of notes.
  public var count: Int { records.count }

  /// Header fields of every note, in store order.
  public var headers: [NoteHeader] { records.map(\.header) }

  /// The header of note `id`.
  public func header(_ id: NoteID) -> NoteHeader? {
    positionByID[id].map { records[$0].header }
  }

  /// The whole note `id`, decoding its summary and body now if they were not yet read.
  public func note(_ id: NoteID) -> Note? {
    guard let position = positionByID[id] else { return nil }
    return note(at: position)
  }

  func note(at position: Int) -> Note? {
    switch records[position].source {
    case .memory(let note): return note
    case .snapshot(let range):
      guard let snapshot else { return nil }
      var reader = JSONReader(UnsafeBufferPointer(rebasing: snapshot.bytes[range]))
      return try? NoteCodec.readNote(&reader)
    }
  }

  /// Every note, decoded. Complexity: O(size of the store).
  public func allNotes() -> [Note] {
    (0..<records.count).compactMap { note(at: $0) }
  }
}

/// The fields of a note that lists, tag counts and filters need, kept in memory for every note.
public struct NoteHeader: Equatable, Sendable {
  public var id: NoteID
  public var url: String?
  public var title: String
  public var tags: [String]
  public var created: Timestamp
  public var updated: Timestamp

  init(_ fields: HeaderFields.Complete) {
    id = fields.id
    url = fields.url
    title = fields.title
    tags = fields.tags
    created = fields.created
    updated = fields.updated
  }

  init(_ note: Note) {
    id = note.id
    url = note.url
    title = note.title
    tags = note.tags
    created = note.created
    updated = note.updated
  }

  /// The host of the URL, for previews.
  public var host: String? { url.flatMap(NormalizedURL.host(of:)) }
}

/// One note as the store holds it: the rest of the note in the snapshot or in memory, the
/// header in memory or, for a note read through the index, in the mapped index until asked for.
struct NoteRecord {
  // Boxed payloads keep a record at ~40 bytes instead of ~180: a 100k store's record array
  // is allocated (and its pages faulted in) at every open.
  enum Source {
    case snapshot(Range<Int>)
    indirect case memory(Note)
  }
  enum StoredHeader {
    indirect case decoded(NoteHeader)
    case indexed(MappedIndex, offset: Int)
  }
  var storedHeader: StoredHeader
  var source: Source

  init(header: NoteHeader, source: Source) {
    storedHeader = .decoded(header)
    self.source = source
  }

  /// A note saved since the snapshot was written, held in memory.
  init(_ note: Note) { self.init(header: NoteHeader(note), source: .memory(note)) }

  init(indexed headers: MappedIndex, at offset: Int, source: Source) {
    storedHeader = .indexed(headers, offset: offset)
    self.source = source
  }

  var header: NoteHeader {
    switch storedHeader {
    case .decoded(let header): return header
    case .indexed(let headers, let offset): return headers.header(at: offset)
    }
  }

  var id: NoteID {
    switch storedHeader {
    case .decoded(let header): return header.id
    case .indexed(let headers, let offset): return headers.id(at: offset)
    }
  }
}

/// One change to the store.
public enum StoreChange: Equatable, Sendable {
  case put(Note)
  case delete(NoteID)
}
