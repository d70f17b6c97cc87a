import ByteJSON

extension NoteStore {
  /// Runs `body` holding the store's write lock, after picking up changes other processes
  /// made. Read, decide and write inside one call so no other writer's update is lost.
  public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
    try acquireLock()
    defer { releaseLock() }
    return try body()
  }

  /// Takes the lock (re-entrant within this instance) and refreshes from disk.
  func acquireLock() throws(StoreError) {
    if lockDepth == 0 {
      do throws(FileSystem.Failure) {
        try FileSystem.makeDirectories(FileSystem.parentDirectory(of: path))
        heldLock = try StoreLock(path: lockPath)
      } catch {
        // Short enough that the browser's status line shows it whole at 80 columns, with
        // the lock file's name: the reason (EACCES in a read-only directory) is what matters.
        throw StoreError(.locked, path: lockPath, "cannot lock the store: \(error.code.message)")
      }
      // A store file made read-only says "do not change this store": saves would otherwise
      // still succeed (the journal is another file, and rename ignores the file's mode).
      if FileSystem.fileExists(path) && !FileSystem.isWritable(path) {
        heldLock = nil
        throw StoreError(.io, path: path, "the store file is read-only; nothing was written")
      }
      // Refreshing also refuses a snapshot that vanished since it was read.
      do { try refresh() } catch {
        heldLock = nil
        throw error
      }
    }
    lockDepth += 1
  }

  /// Releases the lock taken by the matching `acquireLock`; when that was the outermost, folds
  /// the journal if it has grown past the threshold (`foldIfDue`), without the lock.
  func releaseLock() {
    lockDepth -= 1
    guard lockDepth == 0 else { return }
    heldLock = nil
    foldIfDue()
  }

  /// Makes `changes` durable: one journal append and fsync (or, when there is no snapshot yet,
  /// a first snapshot). When this returns, the changes survive a crash. The journal is folded
  /// once the lock is released, if it has grown past the threshold (see `foldIfDue`).
  public func apply(_ changes: [StoreChange]) throws(StoreError) {
    guard !changes.isEmpty else { return }
    try acquireLock()
    defer { releaseLock() }
    let now = Timestamp.now()
    let deleteTimes = Dictionary(
      changes.compactMap { if case .delete(let id) = $0 { (id, now) } else { nil } },
      uniquingKeysWith: { $1 })
    // No snapshot yet, or one of an older format: this save writes a current one (of any
    // journal too, which it then empties).
    if state.snapshotStamp == nil || state.snapshotNeedsUpgrade {
      var first = state
      first.apply(
        JournalRun(
          changes: changes, deleteTimes: deleteTimes, end: state.journalLength,
          stamp: state.journalStamp))
      try fold(first)
      return
    }
    // One line per apply, so a crash keeps all of its changes or none: the journal reader
    // ignores a last line without its newline, and a kill can cut a write short anywhere.
    let journalLength = state.journalLength
    var writer = JSONWriter(reservingCapacity: 4096)
    // Where each put's note lands in the journal, for the fold to copy once it is durable.
    var noteRanges: [NoteID: Range<Int>] = [:]
    if changes.count == 1 {
      Self.writeJournalRecord(
        changes[0], deletedAt: now, to: &writer, at: journalLength, noteRanges: &noteRanges)
    } else {
      writer.raw("{\"batch\":[")
      for (index, change) in changes.enumerated() {
        if index > 0 { writer.raw(",") }
        Self.writeJournalRecord(
          change, deletedAt: now, to: &writer, at: journalLength, noteRanges: &noteRanges)
      }
      writer.raw("]}")
    }
    writer.raw("\n")
    do throws(FileSystem.Failure) {
      // Bytes past what was replayed are either an incomplete last line, left by a writer
      // that died mid-append (we hold the lock, so it is not running): cut off, or the new
      // record would be glued onto it; or complete records this instance has not read, which
      // must never be cut: then reload and refuse, as the caller decided on stale notes.
      if let onDisk = FileSystem.stamp(journalPath)?.size, onDisk > Int64(journalLength) {
        let tail = try FileSystem.contents(of: journalPath, from: journalLength)
        if tail.contains(0x0A) {
          try? load()
          throw FileSystem.Failure(
            operation: "append (another process changed the journal unseen)", path: journalPath,
            code: .tryAgain)
        }
        try FileSystem.truncate(journalPath, toLength: journalLength)
      }
      try FileSystem.appendDurably(writer.bytes, to: journalPath)
    } catch {
      throw StoreError(
        .io, path: error.path, "\(error.message); the change was not saved, the store is unchanged")
    }
    // During an import (compaction deferred) nothing reads tags and the fold at its end
    // writes a new index, so the tag index is dropped rather than patched.
    state.apply(
      JournalRun(
        changes: changes, noteRanges: noteRanges, deleteTimes: deleteTimes,
        end: journalLength + writer.bytes.count,
        stamp: FileSystem.stamp(journalPath)),
      keepingTagIndex: !compactionDeferred)
  }

  /// Writes one `put` or `delete` record (a delete with its time, `now`, for its tombstone); a
  /// put's note JSON range goes into `noteRanges` as file offsets, the writer's first byte
  /// landing at `base`.
  static func writeJournalRecord(
    _ change: StoreChange, deletedAt now: Timestamp, to writer: inout JSONWriter, at base: Int,
    noteRanges: inout [NoteID: Range<Int>]
  ) {
    switch change {
    case .put(let note):
      writer.raw("{\"put\":")
      let start = writer.bytes.count
      NoteCodec.write(note, to: &writer)
      noteRanges[note.id] = base + start..<base + writer.bytes.count
      writer.raw("}")
    case .delete(let id):
      writer.raw("{\"delete\":")
      writer.string(id.rawValue)
      writer.raw(",\"deleted\":")
      NoteCodec.write(now, to: &writer)
      writer.raw("}")
    }
  }

}
