import ByteJSON
import Dispatch

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
        throw StoreError(
          .locked, path: lockPath, "cannot take the store's write lock: \(error.message)")
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

  func releaseLock() {
    lockDepth -= 1
    if lockDepth == 0 { heldLock = nil }
  }

  /// Makes `changes` durable: one journal append and fsync; the journal is folded into a new
  /// snapshot when it has grown past the threshold (or when there is no snapshot yet).
  /// When this returns, the changes survive a crash.
  public func apply(_ changes: [StoreChange]) throws(StoreError) {
    guard !changes.isEmpty else { return }
    try acquireLock()
    defer { releaseLock() }
    if state.snapshotStamp == nil {
      var first = state
      first.apply(JournalRun(changes: changes, end: 0, stamp: nil))
      try writeSnapshot(first.records)
      return
    }
    // One line per apply, so a crash keeps all of its changes or none: the journal reader
    // ignores a last line without its newline, and a kill can cut a write short anywhere.
    let journalLength = state.journalLength
    var writer = JSONWriter(reservingCapacity: 4096)
    // Where each put's note lands in the journal, for the fold to copy once it is durable.
    var noteRanges: [NoteID: Range<Int>] = [:]
    if changes.count == 1 {
      Self.writeJournalRecord(changes[0], to: &writer, at: journalLength, noteRanges: &noteRanges)
    } else {
      writer.raw("{\"batch\":[")
      for (index, change) in changes.enumerated() {
        if index > 0 { writer.raw(",") }
        Self.writeJournalRecord(change, to: &writer, at: journalLength, noteRanges: &noteRanges)
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
        changes: changes, noteRanges: noteRanges, end: journalLength + writer.bytes.count,
        stamp: FileSystem.stamp(journalPath)),
      keepingTagIndex: !compactionDeferred)
    if !compactionDeferred { compactIfDue() }
  }

  /// Runs `body` with compaction held back, then compacts once if the journal has grown past
  /// the threshold: an import of many files appends one durable record per file, and folding
  /// the journal every megabyte rewrote the whole growing snapshot dozens of times.
  func withCompactionDeferred<T>(_ body: () throws -> T) rethrows -> T {
    let outer = compactionDeferred
    compactionDeferred = true
    defer {
      compactionDeferred = outer
      if !outer { compactIfDue() }
    }
    return try body()
  }

  /// Folds the journal into the snapshot when it has grown past the threshold. The changes are
  /// durable already; a failed fold (disk full, say) is retried on the next save and must not
  /// be reported as a lost change.
  func compactIfDue() {
    let snapshotSize = Int(state.snapshotStamp?.size ?? 0)
    guard state.journalLength > max(NoteStore.compactionThresholdBytes, snapshotSize / 16) else {
      return
    }
    do {
      try acquireLock()
      defer { releaseLock() }
      try writeSnapshot(records)
    } catch {
      warnings.append("\(error) (the change itself is saved in the journal)")
    }
  }

  /// Folds the journal into a new snapshot (atomic replace), then empties the journal.
  public func compact() throws(StoreError) {
    try acquireLock()
    defer { releaseLock() }
    try writeSnapshot(records)
  }

  /// Writes `newRecords` as the snapshot, sorted by id, then empties the journal and reloads.
  /// Notes still in the old snapshot are copied as bytes, not re-encoded, and the file is
  /// written as it is made (a fold at 100k notes never holds 200 MB in memory).
  func writeSnapshot(_ newRecords: consuming [NoteRecord]) throws(StoreError) {
    let ids = newRecords.map(\.id)
    var ordered = newRecords.indices.sorted { ids[$0] < ids[$1] }.map { newRecords[$0] }
    _ = consume newRecords  // `ordered` holds the notes from here on (see the end)
    // Notes this instance appended to the journal are copied from it as they were written,
    // when the journal is still the file those appends went to (we hold the lock).
    let journal = journalCopySource()
    // The records as the new snapshot holds them, for its index.
    var written: [NoteRecord] = []
    written.reserveCapacity(ordered.count)
    var encoder = JSONWriter(reservingCapacity: 16384)
    do throws(FileSystem.Failure) {
      try FileSystem.makeDirectories(FileSystem.parentDirectory(of: path))
      FileSystem.removeStaleTemporaries(of: path)
      try FileSystem.writeAtomically(to: path) { file throws(FileSystem.Failure) in
        try file.append(
          Array(
            "{\"format\":\"url-notes\",\"formatVersion\":\(NoteStore.formatVersion),\"notes\":[\n"
              .utf8))
        for (index, record) in ordered.enumerated() {
          let start = file.count
          switch record.source {
          case .snapshot(let range):
            try file.append(UnsafeBufferPointer(rebasing: snapshot!.bytes[range]))
          case .memory(let note):
            if let journal, let range = state.journalNoteRanges[note.id],
              range.upperBound <= journal.bytes.count,
              journal.bytes[range.lowerBound] == UInt8(ascii: "{"),
              journal.bytes[range.upperBound - 1] == UInt8(ascii: "}")
            {
              try file.append(UnsafeBufferPointer(rebasing: journal.bytes[range]))
            } else {
              encoder.bytes.removeAll(keepingCapacity: true)
              NoteCodec.write(note, to: &encoder)
              try file.append(encoder.bytes)
            }
          }
          var moved = record
          moved.source = .snapshot(start..<file.count)
          written.append(moved)
          try file.append(index == ordered.count - 1 ? Self.lastSeparator : Self.separator)
        }
        try file.append(Self.ending)
      }
    } catch {
      throw StoreError(
        .io, path: error.path,
        "\(error.message) while saving \(FileSystem.fileName(of: path)); it is unchanged")
    }
    do throws(FileSystem.Failure) {
      // The journal's changes are in the new snapshot; replaying them again would be harmless
      // (puts and deletes are idempotent), so a crash between these two steps loses nothing.
      try FileSystem.truncate(journalPath)
    } catch {
      throw ioError(error)
    }
    // The index from the headers in hand, so the reload below reads it instead of scanning
    // the snapshot just written (at 100k notes, about half the time of a save). We hold the
    // lock: the file mapped is the one just renamed into place.
    if let mapped = try? MappedFile(path: path),
      let bytes = StoreIndex.encode(written, snapshot: mapped)
    {
      StoreIndex.write(bytes, to: indexPath)
    }
    try load()
    // The reload dropped the records held before it; those of notes saved since the last fold
    // live on in `ordered` only (after an import, tens of thousands of summary trees, a sixth
    // of its time to free): freed on a background thread instead of in the caller's way.
    let retired = ordered
    ordered = []
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
  }

  static let separator = Array(",\n".utf8)
  static let lastSeparator = Array("\n".utf8)
  static let ending = Array("]}\n".utf8)

  /// The journal's bytes when `journalNoteRanges` describes them: nothing was recorded, or
  /// the file is not the one this instance last appended to, gives nil (notes are encoded).
  /// Mapped rather than read: after an import it is tens of megabytes, copied once into the
  /// new snapshot. We hold the lock, so no writer truncates it while it is mapped.
  func journalCopySource() -> MappedFile? {
    guard !state.journalNoteRanges.isEmpty, let stamp = FileSystem.stamp(journalPath),
      stamp == state.journalStamp, stamp.size == Int64(state.journalLength),
      let mapped = try? MappedFile(path: journalPath), mapped.bytes.count == state.journalLength
    else { return nil }
    return mapped
  }

  /// Writes one `put` or `delete` record; a put's note JSON range goes into `noteRanges` as
  /// file offsets, the writer's first byte landing at `base`.
  static func writeJournalRecord(
    _ change: StoreChange, to writer: inout JSONWriter, at base: Int,
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
      writer.raw("}")
    }
  }

}
