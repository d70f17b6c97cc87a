import ByteJSON
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
    let now = Timestamp.now()
    // No snapshot yet, or one of an older format: this save writes a current one.
    if snapshotStamp == nil || snapshotNeedsUpgrade {
      var newRecords = records
      var newPositions = positionByID
      var newTombstones = tombstones
      for change in changes {
        Self.apply(change, to: &newRecords, positions: &newPositions)
        Self.record(change, in: &newTombstones, deletedAt: now)
      }
      try writeSnapshot(newRecords, tombstones: newTombstones)
      return
    }
    // One line per apply, so a crash keeps all of its changes or none: the journal reader
    // ignores a last line without its newline, and a kill can cut a write short anywhere.
    var writer = JSONWriter(reservingCapacity: 4096)
    // Where each put's note lands in this record, for `journalNoteRanges` once it is durable.
    var noteRanges: [(NoteID, Range<Int>)] = []
    if changes.count == 1 {
      Self.writeJournalRecord(changes[0], at: now, to: &writer, noteRanges: &noteRanges)
    } else {
      writer.raw("{\"batch\":[")
      for (index, change) in changes.enumerated() {
        if index > 0 { writer.raw(",") }
        Self.writeJournalRecord(change, at: now, to: &writer, noteRanges: &noteRanges)
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
            code: EAGAIN)
        }
        try FileSystem.truncate(journalPath, toLength: journalLength)
      }
      try FileSystem.appendDurably(writer.bytes, to: journalPath)
    } catch {
      throw StoreError(
        .io, path: error.path, "\(error.message); the change was not saved, the store is unchanged")
    }
    var positions = positionByID
    cachedPositions = nil  // one owner, so the changes below do not copy the map
    // The tag index is patched as after a journal replay (an edit or a delete in the TUI
    // must not rebuild it from every header: over a second at 100k notes). During an import
    // (compaction deferred) nothing reads tags and the fold at its end writes a new index,
    // so it is dropped instead. The URL buckets are patched for every change: an import looks
    // a URL up for each note it finds, and rebuilding them after each file decoded every
    // header again.
    var tags = compactionDeferred ? nil : cachedTagIndex
    var origins = tags == nil ? nil : RecordOrigins(count: records.count)
    var buckets = cachedURLBuckets
    cachedTagIndex = nil
    cachedURLBuckets = nil
    for change in changes {
      let position = positions[change.noteID]
      origins?.record(change, at: position, records: records)
      let previousURL = position.flatMap { records[$0].header.url }
      Self.apply(change, to: &records, positions: &positions)
      Self.record(change, in: &tombstones, deletedAt: now)
      let newURL: String? = if case .put(let note) = change { note.url } else { nil }
      Self.moveInBuckets(
        &buckets, change.noteID, from: previousURL, to: newURL, positions: positions)
    }
    Self.update(&tags, by: origins, records: records)
    cachedTagIndex = tags
    cachedPositions = positions
    cachedURLBuckets = buckets
    for change in changes {
      if case .delete(let id) = change { journalNoteRanges[id] = nil }
    }
    for (id, range) in noteRanges {
      journalNoteRanges[id] = range.lowerBound + journalLength..<range.upperBound + journalLength
    }
    journalLength += writer.bytes.count
    journalStamp = FileSystem.stamp(journalPath)
    if !compactionDeferred { compactIfDue() }
  }

  /// Moves note `id` from the URL bucket of `oldURL` to that of `newURL` (either may be nil),
  /// keeping each bucket in store order, as `urlBuckets` builds them.
  static func moveInBuckets(
    _ buckets: inout [String: [NoteID]]?, _ id: NoteID, from oldURL: String?, to newURL: String?,
    positions: [NoteID: Int]
  ) {
    guard buckets != nil else { return }
    let oldKey = oldURL.map(URLIndex.key)
    let newKey = newURL.map(URLIndex.key)
    guard oldKey != newKey else { return }
    if let oldKey {
      buckets![oldKey]?.removeAll { $0 == id }
      if buckets![oldKey]?.isEmpty == true { buckets![oldKey] = nil }
    }
    if let newKey, let position = positions[id] {
      var bucket = buckets![newKey] ?? []
      let slot = bucket.firstIndex { (positions[$0] ?? 0) > position } ?? bucket.count
      bucket.insert(id, at: slot)
      buckets![newKey] = bucket
    }
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
    let snapshotSize = Int(snapshotStamp?.size ?? 0)
    guard journalLength > max(NoteStore.compactionThresholdBytes, snapshotSize / 16) else {
      return
    }
    do {
      try acquireLock()
      defer { releaseLock() }
      try writeSnapshot(records, tombstones: tombstones)
    } catch {
      var warning = error.diagnostic
      warning.severity = .warning
      warning.message += " (the change itself is saved in the journal)"
      warnings.append(warning)
    }
  }

  /// Folds the journal into a new snapshot (atomic replace), then empties the journal.
  public func compact() throws(StoreError) {
    try acquireLock()
    defer { releaseLock() }
    try writeSnapshot(records, tombstones: tombstones)
  }

  /// Writes `newRecords` and the live `tombstones` as the snapshot, sorted by id, then empties
  /// the journal and reloads. Notes still in the old snapshot are copied as bytes, not
  /// re-encoded, and the file is written as it is made (a fold at 100k notes never holds
  /// 200 MB in memory).
  func writeSnapshot(
    _ newRecords: consuming [NoteRecord], tombstones: [NoteID: Timestamp]
  ) throws(StoreError) {
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
            if let journal, let range = journalNoteRanges[note.id],
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
        var ending: [UInt8] = []
        Tombstones.appendSection(Tombstones.alive(tombstones, at: .now()), to: &ending)
        try file.append(ending)
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

  /// The journal's bytes when `journalNoteRanges` describes them: nothing was recorded, or
  /// the file is not the one this instance last appended to, gives nil (notes are encoded).
  /// Mapped rather than read: after an import it is tens of megabytes, copied once into the
  /// new snapshot. We hold the lock, so no writer truncates it while it is mapped.
  func journalCopySource() -> MappedFile? {
    guard !journalNoteRanges.isEmpty, let stamp = FileSystem.stamp(journalPath),
      stamp == journalStamp, stamp.size == Int64(journalLength),
      let mapped = try? MappedFile(path: journalPath), mapped.bytes.count == journalLength
    else { return nil }
    return mapped
  }

  /// One change as a journal record; a delete carries its time, `now`, for its tombstone.
  static func writeJournalRecord(
    _ change: StoreChange, at now: Timestamp, to writer: inout JSONWriter,
    noteRanges: inout [(NoteID, Range<Int>)]
  ) {
    switch change {
    case .put(let note):
      writer.raw("{\"put\":")
      let start = writer.bytes.count
      NoteCodec.write(note, to: &writer)
      noteRanges.append((note.id, start..<writer.bytes.count))
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
