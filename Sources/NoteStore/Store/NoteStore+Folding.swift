import ByteJSON
import Diagnostics
import Dispatch

/// Folding the journal into a new snapshot.
///
/// The long part — streaming every note to a temporary file and fsyncing it (seconds at
/// 1,000,000 notes) — runs without the write lock, so other writers never wait for it. The lock
/// is held only for the swap: check that the snapshot folded from is still in place (else
/// another process folded first, and this fold is dropped), write the journal records appended
/// since the fold began into a new journal, rename the snapshot and then the journal into
/// place. A crash between the two renames leaves the new snapshot with the old journal, whose
/// records replay harmlessly onto it (puts and deletes are idempotent). The journal is always
/// replaced by rename, never cut in place: another process folding at the same time may have it
/// mapped to copy its notes.
extension NoteStore {
  /// Runs `body` with folds held back: an import of many files appends one durable record per
  /// file, and folding the journal every megabyte rewrote the whole growing snapshot dozens of
  /// times. The fold, if due, follows when the outermost lock is released.
  func withCompactionDeferred<T>(_ body: () throws -> T) rethrows -> T {
    let outer = compactionDeferred
    compactionDeferred = true
    defer { compactionDeferred = outer }
    return try body()
  }

  /// Whether the journal has grown past the threshold for a fold.
  var isFoldDue: Bool {
    state.journalLength
      > NoteStore.foldThresholdBytes(snapshotBytes: Int(state.snapshotStamp?.size ?? 0))
  }

  /// Folds the journal if it is due and nothing holds folds back. The changes are durable
  /// already; a failed fold (disk full, say) is retried after the next save and must not be
  /// reported as a lost change.
  func foldIfDue() {
    guard lockDepth == 0, !compactionDeferred, !folding, isFoldDue else { return }
    if let foldElsewhere, foldElsewhere(path) { return }
    do { try compact() } catch {
      var warning = error.diagnostic
      warning.severity = .warning
      warning.message += " (the change itself is saved in the journal)"
      warnings.append(warning)
    }
  }

  /// Hands due folds to a detached process running `command` followed by `--store PATH`, so
  /// that a command-line write returns after its own durable append and nobody waits for the
  /// fold (at 1,000,000 notes it takes seconds). That process should call
  /// `foldUnlessFolding()`. If it cannot be started, the fold runs here.
  public func foldInBackground(command: [String]) {
    foldElsewhere = { path in Syscalls.spawnDetached(command + ["--store", path]) }
  }

  /// Folds the journal unless another process is folding it now (a temporary snapshot of a
  /// running process lies beside it): the detached fold's entry point, so that writes made
  /// while a fold runs do not start a second one.
  public func foldUnlessFolding() throws(StoreError) {
    guard !NoteStore.isBeingFolded(path: path) else { return }
    try compact()
  }

  /// Folds the journal into a new snapshot (atomic replace), then empties the journal.
  public func compact() throws(StoreError) {
    if lockDepth == 0 { try refresh() }
    try fold(state)
  }

  /// Writes `base`'s notes as the new snapshot and swaps it in (see the type's comment), then
  /// reloads. Without the lock held, `base` must be this instance's state as refreshed.
  func fold(_ base: StoreState) throws(StoreError) {
    folding = true
    defer { folding = false }
    let (temporary, written) = try writeSnapshotFile(base)
    foldStepDone?(.snapshotWritten)
    // The new snapshot's index, from the headers in hand, written before the swap and renamed
    // in right after the snapshot: a reader (the browser polling, a CLI command) that opens
    // the new snapshot finds its index instead of scanning it (12 s at 1,000,000 notes). It
    // names the temporary file's identity, which the rename keeps (same inode, size, mtime).
    let indexTemporary = writeIndexTemporary(written, snapshotTemporary: temporary)
    foldStepDone?(.indexWritten)
    // The files the swap replaces stay open until the lock is released: a rename over the
    // last link of a file nobody has open frees its blocks inside the rename (gigabytes at
    // 1,000,000 notes), with the lock held. Closed after the release, they are freed here,
    // where nobody waits.
    let replaced = [path, indexPath, journalPath].map { Syscalls.open($0, [.readOnly]) }
    defer { for fd in replaced where fd >= 0 { Syscalls.close(fd) } }
    var swapped = false
    do throws(StoreError) {
      // Other writers' records appended while the snapshot was written are read now, before
      // the lock, which then has only the last few to read. The first change to this state
      // since `base` was taken copies its record array (1,000,000 records: 100 ms), and under
      // the lock that copy stalled every waiting writer.
      if lockDepth == 0 { try refresh() }
      try acquireLock()
      defer { releaseLock() }
      swapped = try swap(in: temporary, index: indexTemporary, foldedFrom: base)
    } catch {
      Syscalls.unlink(temporary)
      if let indexTemporary { Syscalls.unlink(indexTemporary) }
      throw error
    }
    if !swapped {
      Syscalls.unlink(temporary)
      if let indexTemporary { Syscalls.unlink(indexTemporary) }
      return
    }
    let retired = state
    try load()
    // The reload dropped the records held before it; those of notes saved since the last fold
    // live on in `retired` only (after an import, tens of thousands of summary trees, a sixth
    // of its time to free): freed on a background thread instead of in the caller's way.
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
  }

  /// Under the lock: renames `temporary` over the snapshot and starts a new journal with the
  /// records appended since `base` was read. False (nothing changed) if the snapshot is no
  /// longer the one `base` folded: another process folded first.
  func swap(in temporary: String, index: String?, foldedFrom base: StoreState) throws(StoreError)
    -> Bool
  {
    guard FileSystem.stamp(path) == base.snapshotStamp else { return false }
    let journal = FileSystem.stamp(journalPath)
    // The index is a cache: not renamed (a failure, a crash before it) costs a scan at the
    // next open, never a note. No directory fsync of its own: the snapshot's covers it.
    func replaceIndex() {
      if let index { try? FileSystem.replace(indexPath, with: index, durable: false) }
    }
    do throws(FileSystem.Failure) {
      guard let journal else {
        try FileSystem.replace(path, with: temporary)
        foldStepDone?(.snapshotRenamed)
        replaceIndex()
        foldStepDone?(.indexRenamed)
        return true
      }
      guard let before = base.journalStamp, before.isSameFile(as: journal),
        state.journalLength >= base.journalLength
      else { return false }
      // Records other processes appended since `base` (read by the refresh under this lock);
      // a torn last line after them is left behind, as a writer would cut it.
      let appended = try FileSystem.contents(of: journalPath, from: base.journalLength)
        .prefix(state.journalLength - base.journalLength)
      let newJournal = try FileSystem.writeTemporary(besides: path, suffix: ".journal") {
        (file) throws(FileSystem.Failure) in try file.append(Array(appended))
      }
      foldStepDone?(.journalWritten)
      do throws(FileSystem.Failure) {
        try FileSystem.replace(path, with: temporary)
        foldStepDone?(.snapshotRenamed)
        replaceIndex()
        foldStepDone?(.indexRenamed)
        try FileSystem.replace(journalPath, with: newJournal)
        foldStepDone?(.journalRenamed)
      } catch {
        Syscalls.unlink(newJournal)
        throw error
      }
      return true
    } catch {
      throw StoreError(
        .io, path: error.path,
        "\(error.message) while saving \(FileSystem.fileName(of: path)); it is unchanged")
    }
  }

  /// Streams `base`'s notes, sorted by id, to a new fsynced temporary file beside the
  /// snapshot; returns its path and the records as it holds them (for its index). Notes in the
  /// old snapshot are copied as bytes, and so are notes this instance appended to the
  /// journal; only other notes are encoded. Never holds the whole file in memory.
  func writeSnapshotFile(_ base: StoreState) throws(StoreError) -> (String, [NoteRecord]) {
    let records = base.records
    let ids = records.map(\.id)
    let order = records.indices.sorted { ids[$0] < ids[$1] }
    let journal = journalCopySource(base)
    var written: [NoteRecord] = []
    written.reserveCapacity(records.count)
    var encoder = JSONWriter(reservingCapacity: 16384)
    do throws(FileSystem.Failure) {
      try FileSystem.makeDirectories(FileSystem.parentDirectory(of: path))
      FileSystem.removeStaleTemporaries(of: path)
      let temporary = try FileSystem.writeTemporary(besides: path) {
        (file) throws(FileSystem.Failure) in
        try file.append(
          Array(
            "{\"format\":\"url-notes\",\"formatVersion\":\(NoteStore.formatVersion),\"notes\":[\n"
              .utf8))
        for (index, position) in order.enumerated() {
          let record = records[position]
          let start = file.count
          if let bytes = base.snapshotBytes(at: position) {
            try file.append(bytes)
          } else if let journal, let range = base.journalNoteRanges[record.id],
            range.upperBound <= journal.bytes.count,
            journal.bytes[range.lowerBound] == UInt8(ascii: "{"),
            journal.bytes[range.upperBound - 1] == UInt8(ascii: "}")
          {
            try file.append(UnsafeBufferPointer(rebasing: journal.bytes[range]))
          } else if let note = base.note(at: position) {
            encoder.bytes.removeAll(keepingCapacity: true)
            NoteCodec.write(note, to: &encoder)
            try file.append(encoder.bytes)
          }
          var moved = record
          moved.source = .snapshot(start..<file.count)
          written.append(moved)
          try file.append(index == order.count - 1 ? Self.lastSeparator : Self.separator)
        }
        var ending: [UInt8] = []
        Tombstones.appendSection(Tombstones.alive(base.tombstones, at: .now()), to: &ending)
        try file.append(ending)
      }
      return (temporary, written)
    } catch {
      throw StoreError(
        .io, path: error.path,
        "\(error.message) while saving \(FileSystem.fileName(of: path)); it is unchanged")
    }
  }

  /// Writes the index of the snapshot written to `snapshotTemporary` (holding `records`) to a
  /// temporary file of its own; its path, or nil when it could not be written (the next open
  /// then scans and writes it).
  func writeIndexTemporary(_ records: [NoteRecord], snapshotTemporary: String) -> String? {
    guard let mapped = try? MappedFile(path: snapshotTemporary),
      let bytes = StoreIndex.encode(records, snapshot: mapped)
    else { return nil }
    // fsynced although it is a cache: ext4 flushes a file renamed over another inside the
    // rename (auto_da_alloc), and the swap renames this one holding the write lock — 120-170 ms
    // of writeback for the 335 MB index of 1,000,000 notes, a stall for every waiting writer.
    // Flushed here, before the lock, where only the detached fold waits.
    return try? FileSystem.writeTemporary(besides: path, suffix: ".index", durable: true) {
      (file) throws(FileSystem.Failure) in try file.append(bytes)
    }
  }

  static let separator = Array(",\n".utf8)
  static let lastSeparator = Array("\n".utf8)

  /// The journal's bytes when `base.journalNoteRanges` describes them: it is the file those
  /// appends went to (same device and inode: the journal only grows in place, and is replaced
  /// by rename), and holds at least what `base` read. Otherwise nil, and notes are encoded.
  /// Mapped rather than read: after an import it is tens of megabytes, copied once.
  func journalCopySource(_ base: StoreState) -> MappedFile? {
    guard !base.journalNoteRanges.isEmpty, let recorded = base.journalStamp,
      let mapped = try? MappedFile(path: journalPath),
      mapped.identity.isSameFile(as: recorded),
      mapped.bytes.count >= base.journalLength
    else { return nil }
    return mapped
  }
}

/// The steps of a fold, in order (see `NoteStore.fold`); the last three run under the write
/// lock. A store whose fold stopped after any of them (a crash, a kill) opens with every note
/// it had: before `snapshotRenamed` the old snapshot and journal are in place; after it, the
/// new snapshot with the old journal, whose records replay onto it unchanged; after
/// `journalRenamed`, the new pair.
public enum FoldStep: String, CaseIterable, Sendable {
  /// The new snapshot is written and fsynced beside the store (a temporary file).
  case snapshotWritten = "snapshot-written"
  /// Its index is written beside it (a temporary file).
  case indexWritten = "index-written"
  /// Under the lock: the records appended since the fold began are in a new journal (a
  /// temporary file). Skipped when the store has no journal.
  case journalWritten = "journal-written"
  /// The new snapshot has replaced the old (rename, directory fsynced).
  case snapshotRenamed = "snapshot-renamed"
  /// The new index has replaced the old.
  case indexRenamed = "index-renamed"
  /// The new journal has replaced the old: the fold is complete on disk.
  case journalRenamed = "journal-renamed"
}
