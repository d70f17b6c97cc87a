#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A derived binary cache of the snapshot's headers (`notes.json.index`), so opening a large
/// store reads ~100 bytes per note instead of scanning ~2 KB of JSON per note.
///
/// It holds, for one exact version of the snapshot: every note's header fields, its byte range
/// in the snapshot, and its tags as numbers into a table of distinct tag spellings (the tag
/// index is rebuilt from those numbers without hashing a tag string per note).
///
/// Trust: none. It is used only when its own checksum holds, it names the snapshot's current
/// identity (device, inode, size, mtime to the nanosecond) and a hash of sampled snapshot bytes,
/// and every range it gives lies inside the snapshot in ascending order, with sampled ranges
/// starting at `{` and ending at `}`. Anything else and the snapshot is scanned as before and a
/// new index written. Notes themselves are always decoded from the snapshot, never from here,
/// so a bad index can at worst cost a scan; it cannot change or lose a note.
///
/// Layout (little-endian): magic `URLNIDX1`, format version, the snapshot identity and content
/// hash, note and tag counts, payload length and checksum; then the payload: the tag table
/// (length-prefixed UTF-8), then per note: range start and end, created and updated seconds,
/// id, url (absent: length 0xFFFF_FFFF), title, tag count, tag numbers.
enum StoreIndex {
  static let magic: [UInt8] = Array("URLNIDX1".utf8)
  /// Bumped whenever the layout or the meaning of a field changes; other versions are rebuilt.
  static let version: UInt32 = 1
  static let headerLength = 8 + 4 + 8 * 5 + 8 + 4 + 4 + 8 + 8
  /// A URL field of this length means "no URL".
  static let absent = UInt32.max

  /// The index for `records` (all still `.snapshot`, in snapshot order) of `snapshot`.
  static func encode(_ records: [NoteRecord], snapshot: MappedFile) -> [UInt8]? {
    let identity = snapshot.identity
    var tagNumbers: [String: UInt32] = [:]
    var tagTable: [String] = []
    var payload: [UInt8] = []
    payload.reserveCapacity(records.count * 160)
    var notes: [UInt8] = []
    notes.reserveCapacity(records.count * 160)
    for record in records {
      guard case .snapshot(let range) = record.source else { return nil }
      let header = record.header
      append(UInt64(range.lowerBound), to: &notes)
      append(UInt64(range.upperBound), to: &notes)
      append(UInt64(bitPattern: header.created.secondsSince1970), to: &notes)
      append(UInt64(bitPattern: header.updated.secondsSince1970), to: &notes)
      append(header.id.rawValue, to: &notes)
      if let url = header.url { append(url, to: &notes) } else { append(absent, to: &notes) }
      append(header.title, to: &notes)
      append(UInt32(header.tags.count), to: &notes)
      for tag in header.tags {
        let number: UInt32
        if let known = tagNumbers[tag] {
          number = known
        } else {
          number = UInt32(tagTable.count)
          tagNumbers[tag] = number
          tagTable.append(tag)
        }
        append(number, to: &notes)
      }
    }
    for tag in tagTable { append(tag, to: &payload) }
    payload += notes
    var bytes = magic
    append(version, to: &bytes)
    append(identity.device, to: &bytes)
    append(identity.inode, to: &bytes)
    append(UInt64(bitPattern: identity.size), to: &bytes)
    append(UInt64(bitPattern: identity.modifiedSeconds), to: &bytes)
    append(UInt64(bitPattern: identity.modifiedNanoseconds), to: &bytes)
    append(contentHash(snapshot), to: &bytes)
    append(UInt32(records.count), to: &bytes)
    append(UInt32(tagTable.count), to: &bytes)
    append(UInt64(payload.count), to: &bytes)
    append(payload.withUnsafeBufferPointer(checksum), to: &bytes)
    return bytes + payload
  }

  /// Writes the index beside the snapshot: a private temporary file renamed into place, so
  /// readers see the old index or the new one. Best effort: a cache that cannot be written
  /// (read-only directory, full disk) only means the next open scans again.
  static func write(_ bytes: [UInt8], to path: String) {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    var offset = 0
    let complete = bytes.withUnsafeBytes { buffer -> Bool in
      while offset < buffer.count {
        let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        offset += written
      }
      return true
    }
    close(fd)
    if !complete || rename(temporary, path) != 0 { unlink(temporary) }
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

  /// A fast 64-bit checksum, eight bytes a step (not cryptographic: it detects damage).
  static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    let raw = UnsafeRawBufferPointer(bytes)
    var offset = 0
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

  static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  static func append(_ value: UInt32, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  static func append(_ text: String, to bytes: inout [UInt8]) {
    append(UInt32(text.utf8.count), to: &bytes)
    bytes.append(contentsOf: text.utf8)
  }
}
