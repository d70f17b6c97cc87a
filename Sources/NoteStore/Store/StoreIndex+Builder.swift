extension StoreIndex {
  /// Builds the index of a snapshot one note at a time, from each note's header fields as
  /// bytes (`HeaderFields`): a scan of the snapshot feeds it as it reads, a fold from the
  /// headers it holds. Nothing per note is kept but the index's own bytes.
  ///
  /// A scan of 1,000,000 notes used to keep a `NoteHeader` per note (Strings for the URL, the
  /// title and ~20 tags) and then encode the index from them, looking each tag's spelling up in
  /// a `[String: UInt32]`: 14 s and 2.37 GB. Here a tag's spelling is looked up by its bytes in
  /// a table of its own (`Spellings`), and the header record is appended as it is read.
  struct Builder: ~Copyable {
    /// Notes added so far.
    private(set) var noteCount = 0
    /// Whether every id added so far sorts strictly after the one before (byte order), as a
    /// snapshot url-notes wrote does; an index is only written for such a snapshot.
    private(set) var idsAscend = true
    private var previousID: [UInt8] = []
    /// The first note's id (to check the order where two builders' notes meet: `append`).
    private var firstID: [UInt8] = []
    private var spellings = Spellings()
    /// For each spelling, the tag index entry it belongs to (one per case-insensitive tag).
    private var entryOfSpelling: [Int] = []
    private var entryByKey: [TagKey: Int] = [:]
    /// Per entry: the spelling that names it (its first). Its notes' positions are found at
    /// the end from the header records (`finish`), which hold every note's spellings.
    private var entrySpellings: [UInt32] = []
    private var urlEntries: [(hash: UInt64, position: UInt32)] = []
    /// Per note: range start, range end, header record offset.
    private var table = ByteSink()
    /// The header records, as the index holds them.
    private var headers = ByteSink()

    /// A builder for a snapshot of `snapshotLength` bytes (for capacity only: untouched
    /// capacity costs address space, not memory).
    init(snapshotLength: Int = 0) {
      headers.reserve(snapshotLength / 8)
      table.reserve(snapshotLength / 80)
    }

    /// Adds the note at snapshot `range` with header `fields` (checked: `HeaderFields.check`).
    /// Complexity: O(size of the fields), amortised.
    mutating func add(_ fields: HeaderFields, range: Range<Int>) {
      let position = UInt32(noteCount)
      noteCount += 1
      if idsAscend, noteCount > 1 {
        idsAscend = previousID.lexicographicallyPrecedes(fields.id)
      }
      previousID.removeAll(keepingCapacity: true)
      previousID.append(contentsOf: fields.id)
      if noteCount == 1 { firstID = previousID }
      table.append(UInt64(range.lowerBound))
      table.append(UInt64(range.upperBound))
      table.append(UInt64(headers.count))
      headers.append(UInt64(bitPattern: fields.created!.secondsSince1970))
      headers.append(UInt64(bitPattern: fields.updated!.secondsSince1970))
      headers.appendString(fields.id)
      if fields.hasURL {
        headers.appendString(fields.url)
        let hash = fields.url.withUnsafeBufferPointer(NormalizedURL.bucketHash(utf8:))
        urlEntries.append((hash, position))
      } else {
        headers.append(absent)
      }
      headers.appendString(fields.title)
      headers.append(UInt32(fields.tagEnds.count))
      fields.tagBytes.withUnsafeBufferPointer { tagBytes in
        var start = 0
        for end in fields.tagEnds {
          let number = spellingNumber(of: UnsafeBufferPointer(rebasing: tagBytes[start..<end]))
          headers.append(number)
          start = end
        }
      }
    }

    /// Appends the notes `later` was given, which follow this builder's in the snapshot (the
    /// second half of a scan split across two threads): the result is, byte for byte, the
    /// builder one thread adding every note in order would have made. `later`'s spellings are
    /// numbered into this builder's (a spelling new here gets the next number, in `later`'s
    /// order of first use, as reading on would have given it; the same for tag index entries),
    /// its header records are copied with their spelling numbers renumbered, its positions and
    /// header offsets moved past this builder's. Complexity: O(`later`'s header bytes).
    mutating func extend(with later: consuming Builder) {
      if later.noteCount == 0 { return }
      if noteCount > 0, idsAscend {
        idsAscend = previousID.lexicographicallyPrecedes(later.firstID)
      }
      idsAscend = idsAscend && later.idsAscend
      if noteCount == 0 { firstID = later.firstID }
      previousID = later.previousID
      var renumbered: [UInt32] = []
      renumbered.reserveCapacity(later.spellings.count)
      for number in 0..<later.spellings.count {
        later.spellings.withBytes(of: number) { renumbered.append(spellingNumber(of: $0)) }
      }
      let headerShift = UInt64(headers.count)
      later.table.withBytes { laterTable in
        for slot in 0..<later.noteCount * 3 {
          let value = UInt64(
            littleEndian: laterTable.loadUnaligned(fromByteOffset: slot * 8, as: UInt64.self))
          // Every third value is a header record's offset.
          table.append(slot % 3 == 2 ? value + headerShift : value)
        }
      }
      later.headers.withBytes { records in
        var offset = 0
        while offset < records.count {
          let recordStart = offset
          let tagCount: Int
          (offset, tagCount) = Self.tagNumbers(ofRecordAt: offset, in: records)
          headers.append(
            contentsOf: UnsafeRawBufferPointer(rebasing: records[recordStart..<offset]))
          for _ in 0..<tagCount {
            let number = UInt32(
              littleEndian: records.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            headers.append(renumbered[Int(number)])
            offset += 4
          }
        }
      }
      let positionShift = UInt32(noteCount)
      urlEntries.reserveCapacity(urlEntries.count + later.urlEntries.count)
      for entry in later.urlEntries {
        urlEntries.append((entry.hash, entry.position + positionShift))
      }
      noteCount += later.noteCount
    }

    /// The number of `tag`'s spelling, given one (and its entry) if it is new.
    private mutating func spellingNumber(of tag: UnsafeBufferPointer<UInt8>) -> UInt32 {
      let (number, isNew) = spellings.number(of: tag)
      if isNew {
        let key = TagKey(String(decoding: tag, as: UTF8.self))
        if let known = entryByKey[key] {
          entryOfSpelling.append(known)
        } else {
          entryByKey[key] = entrySpellings.count
          entryOfSpelling.append(entrySpellings.count)
          entrySpellings.append(number)
        }
      }
      return number
    }

    /// The index file's bytes for `snapshot`, the file these notes were read from; the
    /// builder is spent. Sections are moved into the result one by one and dropped, so the
    /// peak is the result plus the header records, not twice everything.
    mutating func finish(snapshot: MappedFile) -> [UInt8] {
      let spellingCount = spellings.count
      var spellingSection: [UInt8] = []
      for number in 0..<spellings.count {
        spellings.withBytes(of: number) { bytes in
          StoreIndex.append(UInt32(bytes.count), to: &spellingSection)
          spellingSection.append(contentsOf: bytes)
        }
      }
      spellings = Spellings()
      let postings = self.postings()
      let directoryLength: Int = 4 + entrySpellings.count * directoryEntryLength
      let postingsLength: Int = postings.positions.count * 4
      let urlLength: Int = 4 + urlEntries.count * urlEntryLength
      let payloadLength: Int =
        spellingSection.count + directoryLength + postingsLength + urlLength + table.count
        + headers.count
      var bytes: [UInt8] = []
      bytes.reserveCapacity(
        headerLength + payloadLength + blockTableLength(payloadLength: payloadLength))
      bytes.append(contentsOf: [UInt8](repeating: 0, count: headerLength))
      bytes += spellingSection
      spellingSection = []
      // The tag directory, then the postings it points to, one entry's after another's:
      // opening reads (and verifies) the directory, a query only the postings it asks for.
      append(UInt32(entrySpellings.count), to: &bytes)
      let postingsStart = bytes.count + entrySpellings.count * directoryEntryLength
      for entry in entrySpellings.indices {
        append(entrySpellings[entry], to: &bytes)
        append(UInt32(postings.starts[entry + 1] - postings.starts[entry]), to: &bytes)
        append(UInt64(postingsStart + postings.starts[entry] * 4), to: &bytes)
      }
      postings.positions.withUnsafeBytes { bytes.append(contentsOf: $0) }
      urlEntries.sort { ($0.hash, $0.position) < ($1.hash, $1.position) }
      append(UInt32(urlEntries.count), to: &bytes)
      for entry in urlEntries {
        append(entry.hash, to: &bytes)
        append(entry.position, to: &bytes)
      }
      urlEntries = []
      table.withBytes { bytes.append(contentsOf: $0) }
      table = ByteSink()
      headers.withBytes { bytes.append(contentsOf: $0) }
      headers = ByteSink()
      // A checksum per block of the payload, after it: a reader verifies a block when it first
      // reads from it, so opening 1,000,000 notes does not read all 335 MB of the index.
      var blockSums: [UInt8] = []
      bytes.withUnsafeBufferPointer { whole in
        for start in stride(from: headerLength, to: whole.count, by: blockLength) {
          let block = UnsafeBufferPointer(
            rebasing: whole[start..<min(start + blockLength, whole.count)])
          append(checksum(block), to: &blockSums)
        }
      }
      let identity = snapshot.identity
      var header = magic
      append(version, to: &header)
      append(identity.device, to: &header)
      append(identity.inode, to: &header)
      append(UInt64(bitPattern: identity.size), to: &header)
      append(UInt64(bitPattern: identity.modifiedSeconds), to: &header)
      append(UInt64(bitPattern: identity.modifiedNanoseconds), to: &header)
      append(contentHash(snapshot), to: &header)
      append(UInt32(noteCount), to: &header)
      append(UInt32(spellingCount), to: &header)
      append(UInt64(bytes.count - headerLength), to: &header)
      append(blockSums.withUnsafeBufferPointer(checksum), to: &header)
      bytes.replaceSubrange(0..<headerLength, with: header)
      bytes += blockSums
      return bytes
    }

    /// The notes' positions of each tag index entry, from the spelling numbers in the header
    /// records: entry `e`'s are `positions[starts[e]..<starts[e + 1]]`, ascending (little-endian
    /// u32, as the index stores them). Two passes over the records (count, then fill): a list
    /// per entry appended to as notes were added cost two uniqueness checks per tag, 20M of
    /// them at 1,000,000 notes, and its growth slack. Each pass runs on two threads, one per
    /// half of the notes (`Parallel.both`): an entry's positions from the first half go before
    /// those from the second, so the result is the one-thread result; at 1,000,000 notes the
    /// passes were a sixth of an open without the index, after its scan.
    private func postings() -> (positions: [UInt32], starts: [Int]) {
      let entryCount = entrySpellings.count
      let middle = noteCount / 2
      func counts(_ notes: Range<Int>) -> [Int] {
        var counts = [Int](repeating: 0, count: entryCount)
        forEachNoteEntries(in: notes) { _, entries in
          for entry in entries { counts[entry] += 1 }
        }
        return counts
      }
      let (early, late) = Parallel.both({ counts(0..<middle) }, { counts(middle..<noteCount) })
      var starts = [Int](repeating: 0, count: entryCount + 1)
      for entry in 0..<entryCount { starts[entry + 1] = starts[entry] + early[entry] + late[entry] }
      let total = starts[entryCount]
      let positions = [UInt32](unsafeUninitializedCapacity: total) { buffer, initialized in
        func fill(_ notes: Range<Int>, from first: [Int]) {
          var next = first
          forEachNoteEntries(in: notes) { position, entries in
            for entry in entries {
              buffer[next[entry]] = UInt32(position).littleEndian
              next[entry] += 1
            }
          }
        }
        let lateStarts = (0..<entryCount).map { starts[$0] + early[$0] }
        _ = Parallel.both(
          { fill(0..<middle, from: Array(starts[..<entryCount])) },
          { fill(middle..<noteCount, from: lateStarts) })
        initialized = total
      }
      return (positions, starts)
    }

    /// Where the tag numbers of the header record at `offset` start, and how many there are:
    /// past the record's two times and its three length-prefixed strings (id, URL, title),
    /// then its tag count.
    private static func tagNumbers(ofRecordAt offset: Int, in records: UnsafeRawBufferPointer)
      -> (start: Int, count: Int)
    {
      var offset = offset + 16  // the two times
      for _ in 0..<3 {  // id, url, title
        let length = UInt32(
          littleEndian: records.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        offset += 4 + (length == absent ? 0 : Int(length))
      }
      let count = Int(
        UInt32(littleEndian: records.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      return (offset + 4, count)
    }

    /// Calls `body` with each note's position and the entries of its tags, in order of first
    /// use on the note (two spellings of one tag count once), read back from the header
    /// records, for the notes at `notes`.
    private func forEachNoteEntries(in notes: Range<Int>, _ body: (Int, [Int]) -> Void) {
      var entries: [Int] = []
      // The last note each entry was counted for: a note's second spelling of a tag is found
      // in one step (a search of the note's entries so far cost ~200 comparisons a note).
      var lastNote = [Int](repeating: -1, count: entrySpellings.count)
      headers.withBytes { records in
        table.withBytes { table in
          for position in notes {
            let recordOffset = Int(
              UInt64(
                littleEndian: table.loadUnaligned(
                  fromByteOffset: position * 24 + 16, as: UInt64.self)))
            let (offset, tagCount) = Self.tagNumbers(ofRecordAt: recordOffset, in: records)
            entries.removeAll(keepingCapacity: true)
            for slot in 0..<tagCount {
              let number = UInt32(
                littleEndian: records.loadUnaligned(
                  fromByteOffset: offset + slot * 4, as: UInt32.self))
              let entry = entryOfSpelling[Int(number)]
              if lastNote[entry] != position {
                lastNote[entry] = position
                entries.append(entry)
              }
            }
            body(position, entries)
          }
        }
      }
    }
  }
}
