extension StoreIndex {
  /// What a valid index gives the loader: records in snapshot order (headers decoded from the
  /// index on demand) and the tag index over them.
  struct Loaded {
    var records: [NoteRecord]
    var tagIndex: TagIndex
    /// The mapped index itself, whose URL table the state reads.
    var index: MappedIndex
  }

  /// Why an index was not used (for tests; the loader just rebuilds).
  struct Rejection: Error, Equatable {
    var reason: String
  }

  /// Reads the index in `file` if it describes exactly `snapshot` (see the type's trust rules);
  /// throws `Rejection` otherwise. The records keep `file` mapped: their headers live there.
  static func read(_ file: MappedFile, snapshot: MappedFile) throws(Rejection) -> Loaded {
    let bytes = file.bytes
    var cursor = Cursor(bytes: UnsafeRawBufferPointer(bytes))
    guard bytes.count >= headerLength, bytes.starts(with: magic) else {
      throw Rejection(reason: "not an index")
    }
    cursor.offset = 8
    guard try cursor.u32() == version else { throw Rejection(reason: "other version") }
    let recorded = FileIdentity(
      device: try cursor.u64(), inode: try cursor.u64(), size: Int64(bitPattern: try cursor.u64()),
      modifiedSeconds: Int64(bitPattern: try cursor.u64()),
      modifiedNanoseconds: Int64(bitPattern: try cursor.u64()))
    guard recorded == snapshot.identity else {
      throw Rejection(reason: "stale: the snapshot changed")
    }
    guard try cursor.u64() == contentHash(snapshot) else {
      throw Rejection(reason: "stale: the snapshot's bytes changed")
    }
    let noteCount = Int(try cursor.u32())
    let spellingCount = Int(try cursor.u32())
    let payloadLength = try cursor.u64()
    let expectedChecksum = try cursor.u64()
    guard payloadLength == UInt64(bytes.count - headerLength) else {
      throw Rejection(reason: "damaged: wrong length")
    }
    guard checksum(UnsafeBufferPointer(rebasing: bytes[headerLength...])) == expectedChecksum else {
      throw Rejection(reason: "damaged: checksum")
    }
    var spellings: [String] = []
    spellings.reserveCapacity(min(spellingCount, bytes.count / 4))
    for _ in 0..<spellingCount { spellings.append(try cursor.string()) }
    let index = MappedIndex(file: file, spellings: spellings)
    let tagIndex = try readTagIndex(
      &cursor, spellings: spellings, noteCount: noteCount, index: index)
    let urlCount = Int(try cursor.u32())
    guard urlCount <= noteCount, urlCount <= (bytes.count - cursor.offset) / urlEntryLength else {
      throw Rejection(reason: "damaged: URL table")
    }
    index.urlTable = cursor.offset..<(cursor.offset + urlCount * urlEntryLength)
    cursor.offset += urlCount * urlEntryLength
    index.rangeTableStart = cursor.offset
    index.noteCount = noteCount
    let records = try readRecords(
      &cursor, noteCount: noteCount, spellingCount: spellingCount, index: index,
      snapshot: snapshot)
    try checkSampledRanges(records, snapshot: snapshot)
    return Loaded(records: records, tagIndex: tagIndex, index: index)
  }

  /// The tag index section: entries named by spellings, with ascending positions. Positions
  /// are checked here but left in the file (see `TagIndex.Postings`).
  static func readTagIndex(
    _ cursor: inout Cursor, spellings: [String], noteCount: Int, index: MappedIndex
  )
    throws(Rejection) -> TagIndex
  {
    let entryCount = Int(try cursor.u32())
    guard entryCount <= spellings.count else { throw Rejection(reason: "damaged: tag entries") }
    var entries: [TagKey: TagIndex.Entry] = [:]
    entries.reserveCapacity(entryCount)
    for _ in 0..<entryCount {
      let spelling = Int(try cursor.u32())
      let count = Int(try cursor.u32())
      guard spelling < spellings.count, count > 0, count <= noteCount,
        count <= (cursor.bytes.count - cursor.offset) / 4
      else { throw Rejection(reason: "damaged: tag entry") }
      // A tight loop over the raw words (2M of them at 100k notes).
      let words = cursor.bytes.baseAddress! + cursor.offset
      var ascending = true
      var previous = -1
      for slot in 0..<count {
        let position = Int(
          UInt32(littleEndian: words.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self)))
        ascending = ascending && position > previous
        previous = position
      }
      guard ascending, previous < noteCount else {
        throw Rejection(reason: "damaged: tag positions")
      }
      let name = spellings[spelling]
      let entry = TagIndex.Entry(
        name: name, postings: .indexed(index, offset: cursor.offset, count: count))
      cursor.offset += count * 4
      guard entries.updateValue(entry, forKey: TagKey(name)) == nil else {
        throw Rejection(reason: "damaged: a tag listed twice")
      }
    }
    var tagIndex = TagIndex()
    tagIndex.entries = entries
    return tagIndex
  }

  /// The range table and the header records after it. Every record is walked once (without
  /// building strings) so a lazily decoded header can never run off its bytes.
  static func readRecords(
    _ cursor: inout Cursor, noteCount: Int, spellingCount: Int, index: MappedIndex,
    snapshot: MappedFile
  ) throws(Rejection) -> [NoteRecord] {
    let tableStart = cursor.offset
    guard noteCount <= (cursor.bytes.count - tableStart) / tableEntryLength else {
      throw Rejection(reason: "damaged: truncated")
    }
    let headersStart = tableStart + noteCount * tableEntryLength
    var records: [NoteRecord] = []
    records.reserveCapacity(noteCount)
    var walker = Cursor(bytes: cursor.bytes, offset: headersStart)
    var previousEnd = 0
    var previousID: UnsafeRawBufferPointer?
    for _ in 0..<noteCount {
      let start = Int(try cursor.u64())
      let end = Int(try cursor.u64())
      let recordOffset = Int(try cursor.u64())
      guard start >= previousEnd, start < end, end <= snapshot.bytes.count else {
        throw Rejection(reason: "damaged: range outside the snapshot")
      }
      previousEnd = end
      guard recordOffset == walker.offset - headersStart else {
        throw Rejection(reason: "damaged: header offset")
      }
      walker.offset += 16
      let id = try walker.rawString()
      guard !id.isEmpty else { throw Rejection(reason: "damaged: empty id") }
      // Byte order, which for the ids url-notes writes is the snapshot's (string) order.
      if let previousID, !Self.precedes(previousID, id) {
        throw Rejection(reason: "damaged: ids not ascending")
      }
      previousID = id
      if try walker.u32() != absent {
        walker.offset -= 4
        _ = try walker.rawString()
      }
      _ = try walker.rawString()
      let tagCount = Int(try walker.u32())
      guard tagCount <= (walker.bytes.count - walker.offset) / 4 else {
        throw Rejection(reason: "damaged: truncated")
      }
      var largest: UInt32 = 0
      for slot in 0..<tagCount {
        largest = max(
          largest,
          UInt32(
            littleEndian: walker.bytes.loadUnaligned(
              fromByteOffset: walker.offset + slot * 4, as: UInt32.self)))
      }
      guard tagCount == 0 || Int(largest) < spellingCount else {
        throw Rejection(reason: "damaged: tag number")
      }
      walker.offset += tagCount * 4
      records.append(
        NoteRecord(
          storedHeader: .indexed(index, offset: headersStart + recordOffset),
          source: .snapshot(start..<end)))
    }
    guard walker.offset == cursor.bytes.count else {
      throw Rejection(reason: "damaged: trailing bytes")
    }
    return records
  }

  /// Whether `left` sorts strictly before `right` byte by byte (memcmp: the generic sequence
  /// comparison was a visible part of opening 100k notes).
  static func precedes(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
    let common = min(left.count, right.count)
    let order =
      common == 0 ? 0 : Syscalls.compare(left.baseAddress!, right.baseAddress!, count: common)
    return order < 0 || (order == 0 && left.count < right.count)
  }

  /// Looks at both ends of up to 64 evenly spaced notes: each must be a `{…}` object. Reading
  /// every note's first byte would page in the whole snapshot, which the index exists to avoid.
  static func checkSampledRanges(_ records: [NoteRecord], snapshot: MappedFile)
    throws(Rejection)
  {
    guard !records.isEmpty else { return }
    let step = max(1, records.count / 64)
    for position in stride(from: 0, to: records.count, by: step) + [records.count - 1] {
      guard let range = records[position].snapshotRange,
        snapshot.copyBytes(range.lowerBound..<(range.lowerBound + 1)) == [UInt8(ascii: "{")],
        snapshot.copyBytes((range.upperBound - 1)..<range.upperBound) == [UInt8(ascii: "}")]
      else { throw Rejection(reason: "damaged: a range is not a note object") }
    }
  }

  /// Bounds-checked little-endian reads; any overrun is a rejection, never a crash.
  struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func u32() throws(Rejection) -> UInt32 {
      guard offset + 4 <= bytes.count else { throw Rejection(reason: "damaged: truncated") }
      defer { offset += 4 }
      return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(Rejection) -> UInt64 {
      guard offset + 8 <= bytes.count else { throw Rejection(reason: "damaged: truncated") }
      defer { offset += 8 }
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func string() throws(Rejection) -> String {
      guard let text = try optionalString() else { throw Rejection(reason: "damaged: no string") }
      return text
    }

    mutating func optionalString() throws(Rejection) -> String? {
      let length = try u32()
      if length == StoreIndex.absent { return nil }
      offset -= 4
      return String(decoding: try rawString(), as: UTF8.self)
    }

    /// A length-prefixed string's bytes (no "absent" length allowed).
    mutating func rawString() throws(Rejection) -> UnsafeRawBufferPointer {
      let length = Int(try u32())
      guard length <= bytes.count - offset else { throw Rejection(reason: "damaged: truncated") }
      defer { offset += length }
      return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }
  }
}

/// The mapped index file, for what is read from it on demand: a note's header, a tag's
/// positions.
///
/// `StoreIndex.read` walked every header record and checked every position list before
/// handing this out, so decoding cannot run off a record's bytes; the index file is replaced
/// only by rename, so the mapping never changes.
final class MappedIndex: @unchecked Sendable {
  let file: MappedFile
  let spellings: [String]
  /// Where the URL table's entries lie, the range table starts, and how many notes the index
  /// holds (set by `StoreIndex.read` as it reaches those sections).
  var urlTable = 0..<0
  var rangeTableStart = 0
  var noteCount = 0

  init(file: MappedFile, spellings: [String]) {
    self.file = file
    self.spellings = spellings
  }

  func cursor(at offset: Int) -> StoreIndex.Cursor {
    StoreIndex.Cursor(bytes: UnsafeRawBufferPointer(file.bytes), offset: offset)
  }

  /// The position in slot `slot` of the list stored at byte `offset`.
  func position(at offset: Int, slot: Int) -> Int {
    Int(
      UInt32(
        littleEndian: UnsafeRawPointer(file.bytes.baseAddress!).loadUnaligned(
          fromByteOffset: offset + slot * 4, as: UInt32.self)))
  }

  /// The `count` positions stored at byte `offset` (checked when the index was read).
  func positions(at offset: Int, count: Int) -> [Int] {
    let words = UnsafeRawPointer(file.bytes.baseAddress!) + offset
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      for slot in 0..<count {
        buffer[slot] = Int(
          UInt32(littleEndian: words.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self)))
      }
      initialized = count
    }
  }

  /// The header whose record starts at byte `offset`.
  func header(at offset: Int) -> NoteHeader {
    var cursor = cursor(at: offset)
    // Cannot fail (see the type); the fallback only keeps a broken invariant from trapping.
    func unreadable() -> NoteHeader {
      let never = Timestamp(secondsSince1970: 0)
      return NoteHeader(
        id: NoteID(""), url: nil, title: "", tags: [], created: never, updated: never)
    }
    guard let created = try? cursor.u64(), let updated = try? cursor.u64(),
      let id = try? cursor.string()
    else { return unreadable() }
    // Not `try?`: it would flatten an absent URL into a failure.
    let url: String?
    do { url = try cursor.optionalString() } catch { return unreadable() }
    guard let title = try? cursor.string(), let tagCount = try? cursor.u32() else {
      return unreadable()
    }
    var tags: [String] = []
    tags.reserveCapacity(Int(tagCount))
    for _ in 0..<tagCount {
      guard let number = try? cursor.u32(), Int(number) < spellings.count else { break }
      tags.append(spellings[Int(number)])
    }
    return NoteHeader(
      id: NoteID(id), url: url, title: title, tags: tags,
      created: Timestamp(secondsSince1970: Int64(bitPattern: created)),
      updated: Timestamp(secondsSince1970: Int64(bitPattern: updated)))
  }

  /// The positions (ascending) of the notes whose URL's bucket hash is `hash`
  /// (`NormalizedURL.bucketHash`): a binary search of the URL table.
  func positions(withBucketHash hash: UInt64) -> [Int] {
    let base = UnsafeRawPointer(file.bytes.baseAddress!) + urlTable.lowerBound
    let entryLength = StoreIndex.urlEntryLength
    func hashInSlot(_ slot: Int) -> UInt64 {
      UInt64(littleEndian: base.loadUnaligned(fromByteOffset: slot * entryLength, as: UInt64.self))
    }
    let count = urlTable.count / entryLength
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if hashInSlot(middle) < hash { low = middle + 1 } else { high = middle }
    }
    var positions: [Int] = []
    while low < count && hashInSlot(low) == hash {
      let position = Int(
        UInt32(
          littleEndian: base.loadUnaligned(
            fromByteOffset: low * entryLength + 8, as: UInt32.self)))
      if position < noteCount { positions.append(position) }
      low += 1
    }
    return positions
  }

  /// The id of the note at snapshot position `position` (as the index lists them).
  func id(atPosition position: Int) -> NoteID {
    var cursor = cursor(at: rangeTableStart + position * StoreIndex.tableEntryLength + 16)
    guard let offset = try? cursor.u64(), offset < UInt64(file.bytes.count) else {
      return NoteID("")
    }
    let headersStart = rangeTableStart + noteCount * StoreIndex.tableEntryLength
    return id(at: headersStart + Int(offset))
  }

  /// Only the id of the header at `offset` (building the id map needs nothing else).
  func id(at offset: Int) -> NoteID {
    var cursor = cursor(at: offset + 16)
    return NoteID((try? cursor.string()) ?? "")
  }
}
