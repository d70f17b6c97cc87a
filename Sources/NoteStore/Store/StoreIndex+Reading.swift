extension StoreIndex {
  /// What a valid index gives the loader: records in snapshot order, their positions by id,
  /// and the tag index over them.
  struct Loaded {
    var records: [NoteRecord]
    var positions: [NoteID: Int]
    var tagIndex: TagIndex
  }

  /// Why an index was not used (for tests; the loader just rebuilds).
  struct Rejection: Error, Equatable {
    var reason: String
  }

  /// Reads the index at `bytes` if it describes exactly `snapshot` (see the type's trust
  /// rules); throws `Rejection` otherwise.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, snapshot file: MappedFile)
    throws(Rejection) -> Loaded
  {
    let identity = file.identity
    let snapshot = file.bytes
    var cursor = Cursor(bytes: UnsafeRawBufferPointer(bytes))
    guard bytes.count >= headerLength, Array(bytes[0..<8]) == magic else {
      throw Rejection(reason: "not an index")
    }
    cursor.offset = 8
    guard try cursor.u32() == version else { throw Rejection(reason: "other version") }
    let recorded = FileIdentity(
      device: try cursor.u64(), inode: try cursor.u64(), size: Int64(bitPattern: try cursor.u64()),
      modifiedSeconds: Int64(bitPattern: try cursor.u64()),
      modifiedNanoseconds: Int64(bitPattern: try cursor.u64()))
    guard recorded == identity else { throw Rejection(reason: "stale: the snapshot changed") }
    guard try cursor.u64() == contentHash(file) else {
      throw Rejection(reason: "stale: the snapshot's bytes changed")
    }
    let noteCount = Int(try cursor.u32())
    let tagCount = Int(try cursor.u32())
    let payloadLength = try cursor.u64()
    let expectedChecksum = try cursor.u64()
    guard payloadLength == UInt64(bytes.count - headerLength) else {
      throw Rejection(reason: "damaged: wrong length")
    }
    guard checksum(UnsafeBufferPointer(rebasing: bytes[headerLength...])) == expectedChecksum else {
      throw Rejection(reason: "damaged: checksum")
    }
    // Tags: one TagIndex entry per case-insensitive key; the first spelling names it, as when
    // the tag index is built from headers.
    var tagNames: [String] = []
    var slotOfTag: [Int] = []
    var keys: [TagKey] = []
    var entries: [TagIndex.Entry] = []
    var slotByKey: [TagKey: Int] = [:]
    tagNames.reserveCapacity(tagCount)
    for _ in 0..<tagCount {
      let name = try cursor.string()
      let key = TagKey(name)
      if let slot = slotByKey[key] {
        slotOfTag.append(slot)
      } else {
        slotByKey[key] = entries.count
        slotOfTag.append(entries.count)
        keys.append(key)
        entries.append(TagIndex.Entry(name: name, positions: []))
      }
      tagNames.append(name)
    }
    var records: [NoteRecord] = []
    records.reserveCapacity(noteCount)
    var positions: [NoteID: Int] = [:]
    positions.reserveCapacity(noteCount)
    // Each note's tag-index slots, flat; postings are filled in a second pass with exact
    // capacities (appending to 5,000 growing lists while reading notes thrashes the cache).
    var noteSlots: [Int32] = []
    noteSlots.reserveCapacity(noteCount * 20)
    var slotCounts = [Int](repeating: 0, count: entries.count)
    var previousEnd = 0
    for position in 0..<noteCount {
      let start = Int(try cursor.u64())
      let end = Int(try cursor.u64())
      guard start >= previousEnd, start < end, end <= snapshot.count else {
        throw Rejection(reason: "damaged: range outside the snapshot")
      }
      previousEnd = end
      let created = Timestamp(secondsSince1970: Int64(bitPattern: try cursor.u64()))
      let updated = Timestamp(secondsSince1970: Int64(bitPattern: try cursor.u64()))
      let id = NoteID(try cursor.string())
      let url = try cursor.optionalString()
      let title = try cursor.string()
      let count = Int(try cursor.u32())
      var tags: [String] = []
      tags.reserveCapacity(count)
      let firstSlot = noteSlots.count
      for _ in 0..<count {
        let number = Int(try cursor.u32())
        guard number < tagNames.count else { throw Rejection(reason: "damaged: tag number") }
        tags.append(tagNames[number])
        let slot = Int32(slotOfTag[number])
        // Two spellings of one tag on one note count once.
        if !noteSlots[firstSlot...].contains(slot) {
          noteSlots.append(slot)
          slotCounts[Int(slot)] += 1
        }
      }
      noteSlots.append(-1)
      guard positions.updateValue(position, forKey: id) == nil else {
        throw Rejection(reason: "damaged: duplicate id")
      }
      let fields = HeaderFields.Complete(
        id: id, url: url, title: title, tags: tags, created: created, updated: updated)
      records.append(NoteRecord(header: NoteHeader(fields), source: .snapshot(start..<end)))
    }
    for slot in entries.indices { entries[slot].positions.reserveCapacity(slotCounts[slot]) }
    var position = 0
    for slot in noteSlots {
      if slot < 0 {
        position += 1
      } else {
        entries[Int(slot)].positions.append(position)
      }
    }
    guard cursor.offset == bytes.count else { throw Rejection(reason: "damaged: trailing bytes") }
    try checkSampledRanges(records, snapshot: file)
    var index = TagIndex()
    index.entries = Dictionary(uniqueKeysWithValues: zip(keys, entries))
    return Loaded(records: records, positions: positions, tagIndex: index)
  }

  /// Looks at both ends of up to 64 evenly spaced notes: each must be a `{…}` object. Reading
  /// every note's first byte would page in the whole snapshot, which the index exists to avoid.
  static func checkSampledRanges(_ records: [NoteRecord], snapshot: MappedFile)
    throws(Rejection)
  {
    guard !records.isEmpty else { return }
    let step = max(1, records.count / 64)
    for position in stride(from: 0, to: records.count, by: step) + [records.count - 1] {
      guard case .snapshot(let range) = records[position].source,
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
      guard Int(length) <= bytes.count - offset else {
        throw Rejection(reason: "damaged: truncated")
      }
      defer { offset += Int(length) }
      let start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
      return String(decoding: UnsafeBufferPointer(start: start, count: Int(length)), as: UTF8.self)
    }
  }
}
