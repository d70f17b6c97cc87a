import ByteJSON

/// The mapped index file, for what is read from it on demand: a note's header, a tag's
/// positions, the notes under a URL hash.
///
/// Trust: every byte is used only after the checksum of its 64 KiB block held
/// (`StoreIndex.blockLength`); each block is verified once, when first read. What a damaged
/// block held is recomputed from the snapshot instead (a header decoded from the note's bytes,
/// a tag's or a URL hash's notes found by reading every header): slower, never wrong. The
/// index file is replaced only by rename, so the mapping never changes; the next fold writes a
/// new one.
///
/// Not thread-safe (it remembers verified blocks), like the store that holds it.
final class MappedIndex: @unchecked Sendable {
  let file: MappedFile
  /// The snapshot this index describes (checked when it was read).
  let snapshot: MappedFile
  /// Where the payload ends and its block checksums begin.
  let payloadEnd: Int
  /// Set by `StoreIndex.read` as it reaches each section.
  var spellings: [String] = []
  var urlTable = 0..<0
  var rangeTableStart = 0
  var noteCount = 0
  /// Per block: 0 not yet verified, 1 good, 2 damaged.
  private var blockStates: [UInt8]
  /// Whether a block failed its checksum (answers then come from the snapshot).
  private(set) var damaged = false
  /// Postings lists (by offset) checked by `postingsAreSound`, with the verdict.
  private var soundPostings: [Int: Bool] = [:]

  init(file: MappedFile, snapshot: MappedFile, payloadEnd: Int) {
    self.file = file
    self.snapshot = snapshot
    self.payloadEnd = payloadEnd
    let blocks =
      (payloadEnd - StoreIndex.headerLength + StoreIndex.blockLength - 1)
      / StoreIndex.blockLength
    blockStates = [UInt8](repeating: 0, count: max(0, blocks))
  }

  /// Whether every block that `range` (file offsets inside the payload) touches checks out;
  /// each block is verified once. Complexity: O(bytes of unverified blocks).
  func verified(_ range: Range<Int>) -> Bool {
    let start = StoreIndex.headerLength
    guard range.lowerBound >= start, range.upperBound <= payloadEnd else { return false }
    guard !range.isEmpty else { return true }
    let raw = UnsafeRawPointer(file.bytes.baseAddress!)
    for block in (range.lowerBound - start)
      / StoreIndex.blockLength...(range.upperBound - 1 - start)
      / StoreIndex.blockLength
    {
      if blockStates[block] == 0 {
        let blockStart = start + block * StoreIndex.blockLength
        let blockEnd = min(blockStart + StoreIndex.blockLength, payloadEnd)
        let expected = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: payloadEnd + block * 8, as: UInt64.self))
        // Read with pread, not through the mapping: see `header(at:)`.
        let sum = file.withBytes(blockStart..<blockEnd, StoreIndex.checksum)
        blockStates[block] = sum == expected ? 1 : 2
        if sum != expected { damaged = true }
      }
      if blockStates[block] == 2 { return false }
    }
    return true
  }

  func cursor(at offset: Int) -> StoreIndex.Cursor {
    StoreIndex.Cursor(
      bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(file.bytes)[..<payloadEnd]),
      offset: offset)
  }

  // MARK: Postings

  /// The `count` positions stored at byte `offset` for tag `tag`, if they are sound
  /// (`postingsAreSound`); else found by reading every header.
  func positions(at offset: Int, count: Int, tag: TagKey) -> [Int] {
    guard postingsAreSound(at: offset, count: count) else {
      return (0..<noteCount).filter { position in
        header(atPosition: position).tags.contains { TagKey($0) == tag }
      }
    }
    let words = UnsafeRawPointer(file.bytes.baseAddress!) + offset
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      for slot in 0..<count {
        buffer[slot] = Int(
          UInt32(littleEndian: words.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self)))
      }
      initialized = count
    }
  }

  /// Whether the postings at `offset` can be read in place: their blocks check out and they
  /// ascend below the note count. Checked once per list.
  func postingsAreSound(at offset: Int, count: Int) -> Bool {
    if let known = soundPostings[offset] { return known }
    var sound = verified(offset..<(offset + count * 4))
    if sound {
      let words = UnsafeRawPointer(file.bytes.baseAddress!) + offset
      var previous = -1
      for slot in 0..<count {
        let position = Int(
          UInt32(littleEndian: words.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self)))
        sound = sound && position > previous
        previous = position
      }
      sound = sound && previous < noteCount
    }
    soundPostings[offset] = sound
    return sound
  }

  /// The position in slot `slot` of the list stored at byte `offset`, if the block holding it
  /// checks out: a binary search then verifies the few blocks it reads, not the whole list
  /// (the lists of a deleted note's common tags are megabytes). It does not check that the
  /// list ascends, as `postingsAreSound` does: bytes whose checksum holds are the writer's.
  func checkedPosition(at offset: Int, slot: Int) -> Int? {
    let byte = offset + slot * 4
    guard verified(byte..<(byte + 4)) else { return nil }
    return position(at: offset, slot: slot)
  }

  /// The position in slot `slot` of the list stored at byte `offset` (call only for postings
  /// that are sound, or through `checkedPosition`).
  func position(at offset: Int, slot: Int) -> Int {
    Int(
      UInt32(
        littleEndian: UnsafeRawPointer(file.bytes.baseAddress!).loadUnaligned(
          fromByteOffset: offset + slot * 4, as: UInt32.self)))
  }

  // MARK: URL table

  /// The positions (ascending) of the notes whose URL's bucket hash is `hash`
  /// (`NormalizedURL.bucketHash`): a binary search of the URL table, or, if it is damaged, a
  /// read of every header.
  func positions(withBucketHash hash: UInt64) -> [Int] {
    guard verified(urlTable) else {
      return (0..<noteCount).filter { position in
        header(atPosition: position).url.map(NormalizedURL.bucketHash) == hash
      }
    }
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
    return positions.sorted()
  }

  // MARK: Headers

  /// The byte range in the snapshot and the header record offset of the note at snapshot
  /// position `position` (the range table was verified when the index was read).
  func entry(atPosition position: Int) -> (range: Range<Int>, offset: Int) {
    var cursor = cursor(at: rangeTableStart + position * StoreIndex.tableEntryLength)
    let start = Int((try? cursor.u64()) ?? 0)
    let end = Int((try? cursor.u64()) ?? 0)
    let offset = Int((try? cursor.u64()) ?? 0)
    return (start..<end, rangeTableStart + noteCount * StoreIndex.tableEntryLength + offset)
  }

  /// The header of the note at snapshot position `position`.
  func header(atPosition position: Int) -> NoteHeader {
    let entry = entry(atPosition: position)
    return header(at: entry.offset) ?? header(inSnapshot: entry.range)
  }

  /// The id of the note at snapshot position `position`.
  func id(atPosition position: Int) -> NoteID {
    let entry = entry(atPosition: position)
    return id(at: entry.offset) ?? header(inSnapshot: entry.range).id
  }

  /// The header whose record starts at byte `offset`; nil when its bytes do not check out.
  ///
  /// Records are copied out with pread: touching the mapping maps the page cache's whole
  /// folio around the record (up to 2 MB on ext4), so listing 10,965 scattered notes of a
  /// 1M-note store kept 200 MB of the index resident. Only a pass over many records in order
  /// (`sequentialStreak` of them, each within `nearbyDistance` of the one before) reads them
  /// in place: it reads all those pages anyway, and a syscall per header would slow it.
  func header(at offset: Int) -> NoteHeader? {
    let near = offset > lastHeaderOffset && offset - lastHeaderOffset < Self.nearbyDistance
    nearbyReads = near ? nearbyReads + 1 : 0
    lastHeaderOffset = offset
    if nearbyReads >= Self.sequentialStreak {
      return header(at: offset, in: cursor(at: offset))
    }
    var length = 1024
    while true {
      let end = min(offset + length, payloadEnd)
      guard offset < end else { return nil }
      let copy = file.copyBytes(offset..<end)
      guard copy.count == end - offset else { return header(at: offset, in: cursor(at: offset)) }
      let decoded = copy.withUnsafeBytes { raw in
        header(at: offset, in: StoreIndex.Cursor(bytes: raw), base: offset)
      }
      if decoded != nil || end == payloadEnd { return decoded }
      // Too short for the record, or damaged: lengths read from verified blocks are true, so
      // a longer read then ends; from damaged ones they are not, and the snapshot answers.
      guard verified(offset..<end) else { return nil }
      length *= 8
    }
  }

  /// What counts as reading records in order: the next record at most this far after the
  /// one before (records are ~200 bytes), `sequentialStreak` times in a row.
  static let nearbyDistance = 1024
  static let sequentialStreak = 64

  /// The offset of the header record read last, and how many reads in a row were near the
  /// one before (for `header(at:)`).
  private var lastHeaderOffset = Int.min / 2
  private var nearbyReads = 0

  /// The header record that starts at file offset `offset`, decoded with `cursor`, whose
  /// offset 0 is file offset `base`; nil if it does not decode or its blocks do not check out.
  func header(at offset: Int, in cursor: StoreIndex.Cursor, base: Int = 0)
    -> NoteHeader?
  {
    var cursor = cursor
    guard let created = try? cursor.u64(), let updated = try? cursor.u64(),
      let id = try? cursor.string()
    else { return nil }
    // Not `try?`: it would flatten an absent URL into a failure.
    let url: String?
    do { url = try cursor.optionalString() } catch { return nil }
    guard let title = try? cursor.string(), let tagCount = try? cursor.u32(),
      Int(tagCount) <= (payloadEnd - base - cursor.offset) / 4
    else { return nil }
    var tags: [String] = []
    tags.reserveCapacity(Int(tagCount))
    for _ in 0..<tagCount {
      guard let number = try? cursor.u32(), Int(number) < spellings.count else { return nil }
      tags.append(spellings[Int(number)])
    }
    guard verified(offset..<(base + cursor.offset)) else { return nil }
    return NoteHeader(
      id: NoteID(id), url: url, title: title, tags: tags,
      created: Timestamp(secondsSince1970: Int64(bitPattern: created)),
      updated: Timestamp(secondsSince1970: Int64(bitPattern: updated)))
  }

  /// Only the id of the header at `offset` (a lookup by id needs nothing else); nil when its
  /// bytes do not check out.
  func id(at offset: Int) -> NoteID? {
    var cursor = cursor(at: offset + 16)
    guard let id = try? cursor.string(), verified(offset..<cursor.offset) else { return nil }
    return NoteID(id)
  }

  /// The header decoded from the note's own bytes in the snapshot: what a damaged block held.
  func header(inSnapshot range: Range<Int>) -> NoteHeader {
    var reader = JSONReader(UnsafeBufferPointer(rebasing: snapshot.bytes[range]))
    if let header = try? NoteCodec.readHeader(&reader) { return header }
    // The range table was checked against the snapshot; a note that does not decode there
    // shows as unreadable rather than trapping.
    return NoteHeader.unreadable
  }
}
