import ByteJSON
import Diagnostics

extension NoteStore {
  /// Reads the snapshot's headers and replays the journal. All or nothing: on error the
  /// instance keeps the state it had.
  func load() throws(StoreError) {
    // Stamps first: a writer that changes a file after they are taken makes the next refresh
    // reload. Taken after reading, they could describe a journal record this instance never
    // read, and refresh would then miss it.
    let newSnapshotStamp = FileSystem.stamp(path)
    let newJournalStamp = FileSystem.stamp(journalPath)
    let mapped: MappedFile?
    do { mapped = try MappedFile(path: path) } catch { throw ioError(error) }
    var newRecords: [NoteRecord] = []
    var newPositions: [NoteID: Int]?
    var newWarnings: [Diagnostic] = []
    var snapshotTags: TagIndex?
    var newTombstones: [NoteID: Timestamp] = [:]
    var needsUpgrade = false
    if let mapped {
      if let loaded = readIndex(for: mapped),
        case .snapshot(let last)? = loaded.records.last?.source,
        let tail = Tombstones.readTail(mapped.bytes, after: last.upperBound)
      {
        newRecords = loaded.records
        snapshotTags = loaded.tagIndex
        newTombstones = tail.tombstones
        needsUpgrade = !tail.hasSection
      } else {
        var scanned: [NoteID: Int] = [:]
        let version = try scanSnapshot(
          mapped.bytes, into: &newRecords, positions: &scanned, tombstones: &newTombstones)
        needsUpgrade = version < NoteStore.formatVersion
        newPositions = scanned
        if let bytes = StoreIndex.encode(newRecords, snapshot: mapped) {
          StoreIndex.write(bytes, to: indexPath)
        }
        mapped.releasePages()
      }
    }
    let journalBytes: [UInt8]
    do { journalBytes = try FileSystem.contents(of: journalPath) ?? [] } catch {
      throw ioError(error)
    }
    var consumed = 0
    var origins: RecordOrigins? = nil
    if !journalBytes.isEmpty {
      var lookup: RecordLookup =
        if let newPositions {
          .map(newPositions)
        } else if journalBytes.count <= RecordLookup.sortedReplayLimit {
          .sorted(sortedCount: newRecords.count)  // opened from the index: sorted, checked
        } else {
          .map(Self.positions(of: newRecords))
        }
      origins = snapshotTags == nil ? nil : RecordOrigins(count: newRecords.count)
      consumed = try replayJournal(
        journalBytes, from: 0, into: &newRecords, lookup: &lookup, warnings: &newWarnings,
        origins: &origins, tombstones: &newTombstones)
      if case .map(let positions) = lookup { newPositions = positions }
    }
    snapshot = mapped
    records = newRecords
    tombstones = newTombstones
    snapshotNeedsUpgrade = needsUpgrade
    journalNoteRanges = [:]
    cachedPositions = newPositions
    warnings = newWarnings
    journalLength = consumed
    snapshotStamp = newSnapshotStamp
    journalStamp = newJournalStamp
    cachedURLBuckets = nil
    Self.update(&snapshotTags, by: origins, records: newRecords)
    cachedTagIndex = snapshotTags
  }

  /// The index file beside the snapshot (see `StoreIndex`).
  var indexPath: String { path + ".index" }

  /// The index's records for `mapped`, or nil when there is none or it does not fit exactly.
  func readIndex(for mapped: MappedFile) -> StoreIndex.Loaded? {
    guard let file = try? MappedFile(path: indexPath) else { return nil }
    return try? StoreIndex.read(file, snapshot: mapped)
  }

  /// Brings `index` up to date with changes (a journal replay, or a save; nil `origins`:
  /// none), or drops it (rebuilt from the headers when first needed) when they changed so
  /// many notes that patching would be slower than a rebuild. Patched in place: the caller
  /// must hold the only copy, or the first change copies every entry.
  static func update(_ index: inout TagIndex?, by origins: RecordOrigins?, records: [NoteRecord]) {
    guard let origins, index != nil else { return }
    guard origins.changes <= maxPatchedChanges else {
      index = nil
      return
    }
    origins.update(&index!, records: records)
  }

  /// Beyond this many changed notes a tag index is rebuilt rather than patched.
  static let maxPatchedChanges = 4096

  /// Brings this instance up to date with changes other processes made on disk.
  /// Returns true if anything changed.
  @discardableResult
  public func refresh() throws(StoreError) -> Bool {
    let currentSnapshot = FileSystem.stamp(path)
    let currentJournal = FileSystem.stamp(journalPath)
    if currentSnapshot == snapshotStamp && currentJournal == journalStamp { return false }
    // A snapshot that vanished since it was read was moved or deleted by someone else. Reading
    // that as "the store is empty" would show no notes, and the next save would start a new
    // store in its place that buries every note the old one held: refuse, keep this state.
    if snapshotStamp != nil && currentSnapshot == nil {
      throw StoreError(
        .io, path: path,
        "the store file was removed or moved away since it was opened; nothing was written")
    }
    if currentSnapshot != snapshotStamp || (currentJournal?.size ?? 0) < Int64(journalLength) {
      try load()
      return true
    }
    // Only the journal grew: replay the new records.
    let journalBytes: [UInt8]
    do { journalBytes = try FileSystem.contents(of: journalPath) ?? [] } catch {
      throw ioError(error)
    }
    var newRecords = records
    var lookup = RecordLookup.map(positionByID)
    cachedPositions = nil  // one owner while the replay changes it
    var newWarnings = warnings
    var origins = cachedTagIndex == nil ? nil : RecordOrigins(count: records.count)
    var newTombstones = tombstones
    let consumed = try replayJournal(
      journalBytes, from: journalLength, into: &newRecords, lookup: &lookup,
      warnings: &newWarnings, origins: &origins, tombstones: &newTombstones)
    // Another process's changes patch the tag index: a browser open on 100k notes must not
    // rebuild it (over a second) because a note was added elsewhere.
    var newTags = cachedTagIndex
    cachedTagIndex = nil  // one owner while it is patched: a shared copy would be copied whole
    Self.update(&newTags, by: origins, records: newRecords)
    records = newRecords
    tombstones = newTombstones
    if case .map(let positions) = lookup { cachedPositions = positions }
    journalNoteRanges = [:]  // another process's records may have replaced our notes
    warnings = newWarnings
    journalLength = consumed
    journalStamp = currentJournal
    cachedTagIndex = newTags
    cachedURLBuckets = nil
    return true
  }

  /// Parses `{"format":"url-notes","formatVersion":2,"notes":[…],"tombstones":[…]}` reading
  /// only note headers; returns the format version (1 when absent).
  @discardableResult
  func scanSnapshot(
    _ bytes: UnsafeBufferPointer<UInt8>, into records: inout [NoteRecord],
    positions: inout [NoteID: Int], tombstones: inout [NoteID: Timestamp]
  ) throws(StoreError) -> Int {
    var reader = JSONReader(bytes)
    var sawFormat = false
    var formatVersion = 1
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
            if positions[header.id] != nil {
              throw StoreProblem("duplicate note id \"\(header.id)\"", at: start)
            }
            positions[header.id] = records.count
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
      return formatVersion
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

  /// Applies journal records from byte `start`; returns the offset after the last complete one.
  /// A final line without its newline is a write cut short by a crash: it is ignored (the
  /// change it held was never reported done). A bad line before the end is corruption.
  /// `origins`, when given, follows where the records it started from went.
  func replayJournal(
    _ bytes: [UInt8], from start: Int, into records: inout [NoteRecord],
    lookup: inout RecordLookup, warnings: inout [Diagnostic], origins: inout RecordOrigins?,
    tombstones: inout [NoteID: Timestamp]
  ) throws(StoreError) -> Int {
    var lineStart = start
    // A format 1 journal's deletes carry no time: the journal's last change stands in.
    let undated = Timestamp(secondsSince1970: FileSystem.stamp(journalPath)?.modified ?? 0)
    var deleteTimes: [NoteID: Timestamp] = [:]
    while lineStart < bytes.count {
      guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else {
        warnings.append(
          Diagnostic(
            "ignored an incomplete last record (an interrupted save)", file: journalPath,
            at: position(lineStart, bytes), severity: .warning))
        return lineStart
      }
      if newline > lineStart {
        let changes = try decodeJournalLine(
          bytes, lineStart..<newline, deleteTimes: &deleteTimes, undated: undated)
        for change in changes {
          let position = lookup.position(of: change.noteID, in: records)
          origins?.record(change, at: position, records: records)
          lookup.apply(change, at: position, to: &records)
          Self.record(change, in: &tombstones, deletedAt: deleteTimes[change.noteID])
        }
      }
      lineStart = newline + 1
    }
    return lineStart
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

  /// Keeps `tombstones` in step with `change`: a delete leaves one (at `time`), a put of the
  /// same id removes it.
  static func record(
    _ change: StoreChange, in tombstones: inout [NoteID: Timestamp], deletedAt time: Timestamp?
  ) {
    switch change {
    case .put(let note): if !tombstones.isEmpty { tombstones[note.id] = nil }
    case .delete(let id): tombstones[id] = time
    }
  }

  static func apply(
    _ change: StoreChange, to records: inout [NoteRecord], positions: inout [NoteID: Int]
  ) {
    switch change {
    case .put(let note):
      let record = NoteRecord(note)
      if let position = positions[note.id] {
        records[position] = record
      } else {
        positions[note.id] = records.count
        records.append(record)
      }
    case .delete(let id):
      guard let position = positions.removeValue(forKey: id) else { return }
      records.remove(at: position)
      for index in position..<records.count { positions[records[index].id] = index }
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
