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
          tagIndex: index.tagIndex, tombstones: tail.tombstones, needsUpgrade: !tail.hasSection)
      } else {
        loaded = try scanSnapshot(mapped, stamp: snapshotStamp)
        if let bytes = StoreIndex.encode(loaded.records, snapshot: mapped) {
          StoreIndex.write(bytes, to: indexPath)
        }
        mapped.releasePages()
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
  /// only note headers.
  func scanSnapshot(_ mapped: MappedFile, stamp: FileSystem.Stamp?) throws(StoreError)
    -> StoreState
  {
    let bytes = mapped.bytes
    var records: [NoteRecord] = []
    var tombstones: [NoteID: Timestamp] = [:]
    var formatVersion = 1
    var reader = JSONReader(bytes)
    var sawFormat = false
    do {
      if reader.peek() == nil { throw StoreProblem("the store file is empty", at: 0) }
      guard reader.peek() == UInt8(ascii: "{") else {
        throw StoreProblem("not a url-notes store: expected a JSON object", at: reader.offset)
      }
      try reader.beginObject()
      while let key = try reader.nextKey() {
        reader.skipWhitespace()
        let valueStart = reader.offset
        switch key {
        case "format":
          guard try reader.readString() == "url-notes" else {
            throw StoreError(
              .notAStore, path: path, position: position(valueStart, bytes),
              "not a url-notes store: \"format\" is not \"url-notes\"")
          }
          sawFormat = true
        case "formatVersion":
          let version = try reader.readInt()
          formatVersion = version
          if version > NoteStore.formatVersion {
            throw StoreError(
              .newerVersion, path: path, position: position(valueStart, bytes),
              "store format version \(version) is newer than this url-notes reads "
                + "(\(NoteStore.formatVersion)); upgrade url-notes")
          }
        case "notes":
          guard sawFormat else {
            throw StoreError(
              .notAStore, path: path, position: position(valueStart, bytes),
              "not a url-notes store: expected \"format\":\"url-notes\" before \"notes\"")
          }
          try reader.beginArray()
          while try reader.nextElement() {
            reader.skipWhitespace()
            let start = reader.offset
            let header = NoteHeader(try NoteCodec.readHeader(&reader))
            records.append(NoteRecord(header: header, source: .snapshot(start..<reader.offset)))
          }
        case "tombstones": tombstones = try Tombstones.read(&reader)
        default: try reader.skipValue()
        }
      }
      try reader.expectEnd()
      guard sawFormat else {
        throw StoreError(.notAStore, path: path, "not a url-notes store: no \"format\" member")
      }
      do throws(StoreState.DuplicateNote) {
        return try StoreState(
          snapshot: mapped, stamp: stamp, scanned: records, tombstones: tombstones,
          needsUpgrade: formatVersion < NoteStore.formatVersion)
      } catch {
        let record = records[error.record]
        throw StoreProblem(
          "duplicate note id \"\(record.id)\"", at: record.snapshotRange!.lowerBound)
      }
    } catch let error as StoreError {
      throw error
    } catch let problem as StoreProblem {
      throw StoreError(
        .corrupt, path: path, position: position(problem.offset, bytes), problem.message)
    } catch let error as JSONError {
      throw StoreError(.corrupt, path: path, position: position(error.offset, bytes), error.message)
    } catch {
      throw StoreError(.corrupt, path: path, "\(error)")
    }
  }

  /// The journal's records from byte `start` to the last complete one, as a run to apply.
  /// A final line without its newline is a write cut short by a crash: it is ignored (the
  /// change it held was never reported done). A bad line before the end is corruption.
  func readJournal(from start: Int, stamp: FileSystem.Stamp?, warnings: inout [Diagnostic])
    throws(StoreError) -> JournalRun
  {
    let bytes: [UInt8]
    do { bytes = try FileSystem.contents(of: journalPath) ?? [] } catch { throw ioError(error) }
    // A format 1 journal's deletes carry no time: the journal's last change stands in.
    let undated = Timestamp(secondsSince1970: stamp?.modified ?? 0)
    var deleteTimes: [NoteID: Timestamp] = [:]
    var changes: [StoreChange] = []
    var lineStart = start
    while lineStart < bytes.count {
      guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else {
        warnings.append(
          Diagnostic(
            "ignored an incomplete last record (an interrupted save)", file: journalPath,
            at: position(lineStart, bytes), severity: .warning))
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
    } catch let problem as StoreProblem {
      throw StoreError(
        .corrupt, path: journalPath, position: position(range.lowerBound + problem.offset, bytes),
        problem.message)
    } catch let error as JSONError {
      throw StoreError(
        .corrupt, path: journalPath, position: position(range.lowerBound + error.offset, bytes),
        error.message)
    } catch {
      throw StoreError(.corrupt, path: journalPath, "\(error)")
    }
  }

  func position(_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
    TextPosition.of(offset: offset, in: bytes)
  }

  func position(_ offset: Int, _ bytes: [UInt8]) -> TextPosition {
    TextPosition.of(offset: offset, in: bytes)
  }

  func ioError(_ failure: FileSystem.Failure) -> StoreError {
    StoreError(.io, path: failure.path, failure.message)
  }
}
