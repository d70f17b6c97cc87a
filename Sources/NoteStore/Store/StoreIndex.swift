/// A derived binary cache of the snapshot's headers (`notes.json.index`), so opening a large
/// store costs a few milliseconds instead of a scan of ~2 KB of JSON per note.
///
/// It holds, for one exact version of the snapshot: every note's byte range in the snapshot and
/// header fields, the tag index (each tag's note positions) and the URL table (notes by the
/// hash of their URL's `NormalizedURL.bucketKey`). Opening reads the tag directory and the
/// fixed-size range table; a note's header (id, url, title, tags, times) is decoded from the
/// mapped file only when something asks for it, a tag's positions when a query reads them, so
/// listing 1,000 notes of a 100k store touches 1,000 headers, not 100k; a write's duplicate-URL
/// check reads a few entries of the URL table instead of every header (at 1,000,000 notes, 2 s
/// of each `add`).
///
/// Trust: none. It is used only when it names the snapshot's current identity (device, inode,
/// size, mtime to the nanosecond) and a hash of sampled snapshot bytes, and what opening reads
/// checks out: the checksums of the block checksums, of the spellings and tag directory and of
/// the range table; every range inside the snapshot in ascending order (sampled ranges start at
/// `{` and end at `}`), header offsets ascending, each tag's postings right after the previous
/// one's. Anything else and the snapshot is scanned as before and a new index written. The
/// rest (postings, URL table, header records) is verified block by block when first read, and
/// what a damaged block held is recomputed from the snapshot (`MappedIndex`): opening
/// 1,000,000 notes no longer reads all 335 MB of the index (0.2 s, and its pages in the RSS).
/// Notes themselves are always decoded from the snapshot, never from here, so a bad index can
/// at worst cost time; it cannot change or lose a note. Ids ascend strictly because the
/// writer sorts them (`checkInvariants` checks it).
///
/// Layout (little-endian): magic `URLNIDX1`, format version, the snapshot identity and content
/// hash, note and tag-spelling counts, payload length and the checksum of the block checksums;
/// then the payload:
/// - the tag spellings (length-prefixed UTF-8);
/// - the tag directory: its entry count, then per entry the spelling that names it, the number
///   of notes and the offset of their positions, in order of first use;
/// - the postings: each entry's positions (u32, ascending), in directory order;
/// - the URL table: its entry count, then per note with a URL its bucket hash (u64) and
///   position (u32), sorted by hash, then position;
/// - the range table: per note, range start and end and the offset of its header record;
/// - the header records: created and updated seconds, id, url (absent: length 0xFFFF_FFFF),
///   title, tag count, tag spelling numbers;
/// then a checksum (u64) of each 64 KiB block of the payload.
enum StoreIndex {
  static let magic: [UInt8] = Array("URLNIDX1".utf8)
  /// Bumped whenever the layout or the meaning of a field changes; other versions are rebuilt.
  static let version: UInt32 = 4
  static let headerLength = 8 + 4 + 8 * 5 + 8 + 4 + 4 + 8 + 8
  /// Bytes per note in the range table.
  static let tableEntryLength = 24
  /// Bytes per entry of the URL table (hash u64, position u32).
  static let urlEntryLength = 12
  /// Bytes per entry of the tag directory (spelling u32, count u32, postings offset u64).
  static let directoryEntryLength = 16
  /// Bytes of payload per checksum: a reader verifies 64 KiB around what it reads.
  static let blockLength = 1 << 16

  /// Bytes of block checksums after a payload of `payloadLength` bytes.
  static func blockTableLength(payloadLength: Int) -> Int {
    (payloadLength + blockLength - 1) / blockLength * 8
  }
  /// A URL field of this length means "no URL".
  static let absent = UInt32.max

  /// The index for `records` (all still `.snapshot`, in snapshot order) of `snapshot`; nil
  /// if a record is not in the snapshot.
  static func encode(_ records: [NoteRecord], snapshot: MappedFile) -> [UInt8]? {
    var builder = Builder(snapshotLength: snapshot.bytes.count)
    var fields = HeaderFields()
    for record in records {
      guard let range = record.snapshotRange else { return nil }
      fields.set(record.header)
      builder.add(fields, range: range)
    }
    return builder.finish(snapshot: snapshot).bytes
  }

  // MARK: Hashes

  /// A hash of the snapshot's first and last 4 KiB and 64 evenly spaced 64-byte samples: with
  /// the identity, catches a file rewritten in place with its size and mtime restored.
  static func contentHash(count: Int, bytes: (Range<Int>) -> [UInt8]) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
    func mix(_ range: Range<Int>) {
      let sample = bytes(range.clamped(to: 0..<count))
      hash = combine(hash, sample.withUnsafeBufferPointer(checksum))
    }
    mix(0..<4096)
    mix((count - 4096)..<count)
    for sample in 0..<64 { mix((count / 64 * sample)..<(count / 64 * sample + 64)) }
    return hash
  }

  static func contentHash(_ snapshot: MappedFile) -> UInt64 {
    contentHash(count: snapshot.bytes.count, bytes: snapshot.copyBytes)
  }

  /// A fast 64-bit checksum (not cryptographic: it detects damage). Four independent lanes of
  /// eight bytes each: one chained lane waited on its multiplies, ~10 ms per 25 MB index.
  static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (
      0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count), 0xC2B2_AE3D_27D4_EB4F,
      0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
    )
    let raw = UnsafeRawBufferPointer(bytes)
    var offset = 0
    while offset + 32 <= raw.count {
      lanes.0 = combine(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      lanes.1 = combine(lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
      lanes.2 = combine(lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
      lanes.3 = combine(lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
      offset += 32
    }
    var hash = combine(combine(combine(lanes.0, lanes.1), lanes.2), lanes.3)
    while offset + 8 <= raw.count {
      hash = combine(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      offset += 8
    }
    var tail: UInt64 = 0
    while offset < raw.count {
      tail = tail << 8 | UInt64(raw[offset])
      offset += 1
    }
    return combine(hash, tail)
  }

  static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
    var mixed = (hash ^ value) &* 0xBF58_476D_1CE4_E5B9
    mixed ^= mixed >> 31
    return mixed &* 0x94D0_49BB_1331_11EB
  }

  // MARK: Encoding helpers

  // Typed buffers: appending a raw buffer took the element-by-element path, and an index of
  // 100k notes appends a few million of these.
  static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) {
      bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self))
    }
  }

  static func append(_ value: UInt32, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) {
      bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self))
    }
  }

  static func append(_ text: String, to bytes: inout [UInt8]) {
    append(UInt32(text.utf8.count), to: &bytes)
    bytes.append(contentsOf: text.utf8)
  }
}
