extension StoreIndex {
  /// What a valid index gives the loader: records in snapshot order (headers decoded from the
  /// index on demand) and the tag index over them.
  struct Loaded {
    var records: NoteRecords
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
  ///
  /// Reads and verifies only the fixed header, the block checksums, the tag spellings and
  /// directory and the range table (at 1,000,000 notes, 24 MB of 335): postings, the URL table
  /// and header records are verified block by block when first read (`MappedIndex`).
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
    guard payloadLength <= UInt64(bytes.count - headerLength),
      bytes.count - headerLength - Int(payloadLength)
        == blockTableLength(payloadLength: Int(payloadLength))
    else {
      throw Rejection(reason: "damaged: wrong length")
    }
    let payloadEnd = headerLength + Int(payloadLength)
    guard
      checksum(UnsafeBufferPointer(rebasing: bytes[payloadEnd...])) == expectedChecksum
    else {
      throw Rejection(reason: "damaged: checksum")
    }
    let index = MappedIndex(file: file, snapshot: snapshot, payloadEnd: payloadEnd)
    index.noteCount = noteCount
    var spellings: [String] = []
    spellings.reserveCapacity(min(spellingCount, bytes.count / 4))
    for _ in 0..<spellingCount { spellings.append(try cursor.string()) }
    index.spellings = spellings
    let tagIndex = try readTagIndex(&cursor, noteCount: noteCount, index: index)
    let urlCount = Int(try cursor.u32())
    guard urlCount <= noteCount, urlCount <= (payloadEnd - cursor.offset) / urlEntryLength else {
      throw Rejection(reason: "damaged: URL table")
    }
    index.urlTable = cursor.offset..<(cursor.offset + urlCount * urlEntryLength)
    cursor.offset += urlCount * urlEntryLength
    let records = try readRecords(&cursor, noteCount: noteCount, index: index)
    try checkSampledRanges(records, snapshot: snapshot)
    return Loaded(records: records, tagIndex: tagIndex, index: index)
  }

  /// The tag directory: entries named by spellings, each with its count and where its
  /// positions lie, one entry's right after another's. Positions are left in the file, checked
  /// when first read (see `TagIndex.Postings`); the cursor ends after them. Verifies the
  /// blocks of everything from the payload's start to the directory's end.
  static func readTagIndex(_ cursor: inout Cursor, noteCount: Int, index: MappedIndex)
    throws(Rejection) -> TagIndex
  {
    let spellings = index.spellings
    let entryCount = Int(try cursor.u32())
    guard entryCount <= spellings.count,
      entryCount <= (index.payloadEnd - cursor.offset) / directoryEntryLength
    else { throw Rejection(reason: "damaged: tag entries") }
    var entries: [TagKey: TagIndex.Entry] = [:]
    entries.reserveCapacity(entryCount)
    var postings = cursor.offset + entryCount * directoryEntryLength
    for _ in 0..<entryCount {
      let spelling = Int(try cursor.u32())
      let count = Int(try cursor.u32())
      let offset = Int(try cursor.u64())
      guard spelling < spellings.count, count > 0, count <= noteCount, offset == postings,
        count <= (index.payloadEnd - postings) / 4
      else { throw Rejection(reason: "damaged: tag entry") }
      postings += count * 4
      let name = spellings[spelling]
      let entry = TagIndex.Entry(
        name: name,
        postings: .indexed(
          TagIndex.IndexedPostings(index: index, offset: offset, count: count, tag: TagKey(name))))
      guard entries.updateValue(entry, forKey: TagKey(name)) == nil else {
        throw Rejection(reason: "damaged: a tag listed twice")
      }
    }
    // Everything read so far (spellings and directory) is believed only once its blocks
    // check out; the postings after it, when a query reads them.
    guard index.verified(headerLength..<cursor.offset) else {
      throw Rejection(reason: "damaged: checksum")
    }
    cursor.offset = postings
    var tagIndex = TagIndex()
    tagIndex.entries = entries
    return tagIndex
  }

  /// The range table (verified whole: every record is made from it) and where the header
  /// records after it start. Header records are verified when decoded (`MappedIndex.header`).
  static func readRecords(_ cursor: inout Cursor, noteCount: Int, index: MappedIndex)
    throws(Rejection) -> NoteRecords
  {
    let tableStart = cursor.offset
    guard noteCount <= (index.payloadEnd - tableStart) / tableEntryLength else {
      throw Rejection(reason: "damaged: truncated")
    }
    let headersStart = tableStart + noteCount * tableEntryLength
    guard index.verified(tableStart..<headersStart) else {
      throw Rejection(reason: "damaged: checksum")
    }
    index.rangeTableStart = tableStart
    let headersLength = index.payloadEnd - headersStart
    let snapshotLength = index.snapshot.bytes.count
    var previousEnd = 0
    var previousOffset = -1
    for _ in 0..<noteCount {
      let start = Int(try cursor.u64())
      let end = Int(try cursor.u64())
      let recordOffset = Int(try cursor.u64())
      guard start >= previousEnd, start < end, end <= snapshotLength else {
        throw Rejection(reason: "damaged: range outside the snapshot")
      }
      // A header record holds at least its two times and three lengths.
      guard recordOffset > previousOffset, recordOffset <= headersLength - 28 else {
        throw Rejection(reason: "damaged: header offset")
      }
      previousEnd = end
      previousOffset = recordOffset
    }
    // Checked whole, read record by record when asked for (`NoteRecords`).
    return NoteRecords(table: index, count: noteCount)
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
  static func checkSampledRanges(_ records: NoteRecords, snapshot: MappedFile)
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
