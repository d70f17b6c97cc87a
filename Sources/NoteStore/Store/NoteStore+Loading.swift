import ByteJSON
import Diagnostics

extension NoteStore {
  /// Reads the snapshot's headers and replays the journal. All or nothing: on error the
  /// instance keeps the state it had.
  func load() throws(StoreError) {
    // Stamps first: a writer that changes a file after they are taken makes the next refresh
    // reload. Taken after reading, they could describe a journal record this instance never
    // read, and refresh would then miss it.
    let snapshotStamp = FileSystem.stamp(path)
    let journalStamp = FileSystem.stamp(journalPath)
    let mapped: MappedFile?
    do { mapped = try MappedFile(path: path) } catch { throw ioError(error) }
    var loaded = StoreState(snapshotStamp: snapshotStamp)
    if let mapped {
      // Through the index, the tombstones are read from the bytes after the last note.
      if let index = readIndex(for: mapped), let last = index.records.last?.snapshotRange,
        let tail = Tombstones.readTail(mapped.bytes, after: last.upperBound)
      {
        loaded = StoreState(
          snapshot: mapped, stamp: snapshotStamp, records: index.records,
          tagIndex: index.tagIndex, urlTable: index.index, tombstones: tail.tombstones,
          needsUpgrade: !tail.hasSection)
      } else {
        loaded = try scanSnapshot(mapped, stamp: snapshotStamp)
      }
    }
    var newWarnings: [Diagnostic] = []
    loaded.apply(try readJournal(from: 0, stamp: journalStamp, warnings: &newWarnings))
    newWarnings += ConflictCopies.find(beside: path).map(ConflictCopies.warning)
    state = loaded
    warnings = newWarnings
  }

  /// The index file beside the snapshot (see `StoreIndex`).
  var indexPath: String { path + ".index" }

  /// The index's records for `mapped`, or nil when there is none or it does not fit exactly.
  func readIndex(for mapped: MappedFile) -> StoreIndex.Loaded? {
    guard let file = try? MappedFile(path: indexPath) else { return nil }
    return try? StoreIndex.read(file, snapshot: mapped)
  }

  /// Brings this instance up to date with changes other processes made on disk.
  /// Returns true if anything changed.
  @discardableResult
  public func refresh() throws(StoreError) -> Bool {
    let currentSnapshot = FileSystem.stamp(path)
    let currentJournal = FileSystem.stamp(journalPath)
    if currentSnapshot == state.snapshotStamp && currentJournal == state.journalStamp {
      return false
    }
    // A snapshot that vanished since it was read was moved or deleted by someone else. Reading
    // that as "the store is empty" would show no notes, and the next save would start a new
    // store in its place that buries every note the old one held: refuse, keep this state.
    if state.snapshotStamp != nil && currentSnapshot == nil {
      throw StoreError(
        .io, path: path,
        "the store file was removed or moved away since it was opened; nothing was written")
    }
    if currentSnapshot != state.snapshotStamp
      || (currentJournal?.size ?? 0) < Int64(state.journalLength)
    {
      try load()
      return true
    }
    // Only the journal grew: apply the new records. Another process's changes patch the tag
    // index: a browser open on 100k notes must not rebuild it (over a second) because a note
    // was added elsewhere.
    var newWarnings = warnings
    let run = try readJournal(
      from: state.journalLength, stamp: currentJournal, warnings: &newWarnings)
    state.apply(run)
    warnings = newWarnings
    return true
  }

  /// Parses `{"format":"url-notes","formatVersion":2,"notes":[…],"tombstones":[…]}` reading
  /// only note headers, builds the index from them as it goes, writes it beside the snapshot
  /// and reads the state from it as an open with a valid index does: one way to hold a
  /// snapshot's records, whether the index was there or not.
  ///
  /// Each note's header fields go straight into the index (`StoreIndex.Builder`); no header
  /// is kept per note. An index is written only for a snapshot in id order (what url-notes
  /// writes): its readers find a note by binary search. A hand-edited snapshot out of order,
  /// or one beside which no file can be written, is read from the same index held in memory.
  func scanSnapshot(_ mapped: MappedFile, stamp: FileIdentity?) throws(StoreError)
    -> StoreState
  {
    var builder = StoreIndex.Builder(snapshotLength: mapped.bytes.count)
    var fields = HeaderFields()
    var reader = JSONReader(mapped.bytes)
    let total = mapped.bytes.count
    var nextStep = Self.scanStep
    // The second half of the notes, read on another core (`SecondHalfScan`): started at the
    // first note, when the reader's depth is the notes'; used when this thread gets to it.
    var secondHalf: SecondHalfScan?
    var mayStartHalf = scanSplitMinimum.map { total >= $0 } ?? false
    lastScanSplit = nil
    defer { if let secondHalf, lastScanSplit == nil { secondHalf.cancel() } }
    let top: StoreFile.Top
    do {
      top = try StoreFile.read(&reader, path: path) { reader in
        reader.skipWhitespace()
        let start = reader.offset
        if mayStartHalf {
          mayStartHalf = false
          secondHalf = SecondHalfScan.start(reader, in: mapped)
        }
        if let half = secondHalf, lastScanSplit == nil, start >= half.boundary {
          if start == half.boundary {
            // Marked as joined first: a half that failed has finished, and is not cancelled.
            lastScanSplit = start
            reader.rewind(to: try half.join(into: &builder))
            return
          }
          // The boundary was inside a note: read on alone.
          half.cancel()
          secondHalf = nil
        }
        try NoteCodec.readHeaderFields(&reader, into: &fields)
        builder.add(fields, range: start..<reader.offset)
        if reader.offset >= nextStep {
          // Pages already read are dropped as the scan goes: all 2.2 GB of a 1M-note
          // snapshot stayed in the resident set until the end.
          mapped.releasePages(below: reader.offset)
          scanProgress?(reader.offset + (secondHalf?.progress ?? 0), total)
          nextStep = reader.offset + Self.scanStep
        }
      }
      scanProgress?(total, total)
    } catch {
      throw StoreError(reading: error, path: path, in: mapped.bytes)
    }
    mapped.releasePages()
    let idsAscend = builder.idsAscend
    // Written as it is made (`Builder.finish`), to a private temporary file renamed into
    // place: readers see the old index or the new one. Best effort: a cache that cannot be
    // written (read-only directory, full disk) only means the next open scans again, and
    // this one reads the image kept in memory.
    var image: StoreIndex.Image?
    let written =
      idsAscend
      && (try? FileSystem.writeAtomically(to: indexPath, durable: false) {
        (file) throws(FileSystem.Failure) in
        let made = builder.finish(snapshot: mapped, writingTo: (file.fd, file.path))
        let failure = made.writeFailure
        image = consume made
        if let failure { throw failure }
      }) != nil
    if image == nil { image = builder.finish(snapshot: mapped) }
    // The file just written, if it still is the index (another process may have replaced
    // it since); else the image itself.
    let file = written ? (try? MappedFile(path: indexPath)).flatMap { $0 } : nil
    let index: StoreIndex.Loaded
    do throws(StoreIndex.Rejection) {
      if let file, let read = try? StoreIndex.read(file, snapshot: mapped) {
        index = read
      } else {
        index = try StoreIndex.read(MappedFile(copying: image!.bytes), snapshot: mapped)
      }
    } catch {
      throw StoreError(
        .io, path: indexPath,
        "the index built by reading the store did not read back: \(error.reason)")
    }
    let needsUpgrade = top.formatVersion < NoteStore.formatVersion
    if idsAscend {
      return StoreState(
        snapshot: mapped, stamp: stamp, records: index.records, tagIndex: index.tagIndex,
        urlTable: index.index, tombstones: top.tombstones, needsUpgrade: needsUpgrade)
    }
    do throws(StoreState.DuplicateNote) {
      return try StoreState(
        snapshot: mapped, stamp: stamp, scanned: index.records, tombstones: top.tombstones,
        needsUpgrade: needsUpgrade)
    } catch {
      let record = index.records[error.record]
      throw StoreError(
        reading: StoreFile.duplicateNote(record.id, at: record.snapshotRange!.lowerBound),
        path: path, in: mapped.bytes)
    }
  }

  /// How many snapshot bytes a scan reads between two progress reports and page releases.
  static let scanStep = 1 << 24

  /// The journal's records from byte `start` to the last complete one, as a run to apply.
  /// A final line without its newline is a write cut short by a crash: it is ignored (the
  /// change it held was never reported done). A bad line before the end is corruption.
  func readJournal(from start: Int, stamp: FileIdentity?, warnings: inout [Diagnostic])
    throws(StoreError) -> JournalRun
  {
    let bytes: [UInt8]
    do { bytes = try FileSystem.contents(of: journalPath) ?? [] } catch { throw ioError(error) }
    // A format 1 journal's deletes carry no time: the journal's last change stands in.
    let undated = Timestamp(secondsSince1970: stamp?.modifiedSeconds ?? 0)
    var deleteTimes: [NoteID: Timestamp] = [:]
    var changes: [StoreChange] = []
    var lineStart = start
    while lineStart < bytes.count {
      guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else {
        warnings.append(
          Diagnostic(
            "ignored an incomplete last record (an interrupted save)", file: journalPath,
            at: TextPosition.of(offset: lineStart, in: bytes), severity: .warning))
        break
      }
      if newline > lineStart {
        changes += try decodeJournalLine(
          bytes, lineStart..<newline, deleteTimes: &deleteTimes, undated: undated)
      }
      lineStart = newline + 1
    }
    return JournalRun(changes: changes, deleteTimes: deleteTimes, end: lineStart, stamp: stamp)
  }

  /// One journal line: `{"put":…}`, `{"delete":…}`, or `{"batch":[those]}` for the changes of
  /// one `apply`, which must land all or nothing (a single line is the unit a crash can cut).
  /// A delete's time (`"deleted"`) goes to `deleteTimes`; `undated` stands in when absent.
  func decodeJournalLine(
    _ bytes: [UInt8], _ range: Range<Int>, deleteTimes: inout [NoteID: Timestamp],
    undated: Timestamp
  ) throws(StoreError) -> [StoreChange] {
    func readChanges(_ reader: inout JSONReader, batchAllowed: Bool) throws -> [StoreChange] {
      var changes: [StoreChange] = []
      var deleted: NoteID?
      var time: Timestamp?
      try reader.beginObject()
      while let key = try reader.nextKey() {
        switch key {
        case "put": changes.append(.put(try NoteCodec.readNote(&reader)))
        case "delete":
          deleted = NoteID(try reader.readString())
          changes.append(.delete(deleted!))
        case "deleted": time = try NoteCodec.readTimestamp(&reader)
        case "batch" where batchAllowed:
          try reader.beginArray()
          while try reader.nextElement() {
            changes += try readChanges(&reader, batchAllowed: false)
          }
        default: try reader.skipValue()
        }
      }
      if let deleted { deleteTimes[deleted] = time ?? undated }
      return changes
    }
    do {
      return try bytes.withUnsafeBufferPointer { whole throws -> [StoreChange] in
        var reader = JSONReader(UnsafeBufferPointer(rebasing: whole[range]))
        let changes = try readChanges(&reader, batchAllowed: true)
        try reader.expectEnd()
        guard !changes.isEmpty else {
          throw StoreProblem("journal record is neither put, delete nor batch", at: 0)
        }
        return changes
      }
    } catch {
      throw bytes.withUnsafeBufferPointer {
        StoreError(reading: error, path: journalPath, in: $0, base: range.lowerBound)
      }
    }
  }

  func ioError(_ failure: FileSystem.Failure) -> StoreError {
    StoreError(.io, path: failure.path, failure.message)
  }
}
