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
    /// Per entry: how many notes it has (a note's two spellings of one tag count once), counted
    /// as notes are added, so that `finish` knows where each entry's positions go, and so the
    /// whole index's layout, before it fills them: it then writes the range table and header
    /// records, most of the file, while it fills the postings (`finish`).
    private var entryNoteCounts: [Int] = []
    /// Per entry: the last note counted for it (a note's second spelling of a tag is found in
    /// one step).
    private var lastNoteOfEntry: [Int] = []
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
          let entry = entryOfSpelling[Int(number)]
          if lastNoteOfEntry[entry] != Int(position) {
            lastNoteOfEntry[entry] = Int(position)
            entryNoteCounts[entry] += 1
          }
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
      // Two of `later`'s entries are two tags here too: their counts add up.
      for (entry, count) in later.entryNoteCounts.enumerated() {
        entryNoteCounts[entryOfSpelling[Int(renumbered[Int(later.entrySpellings[entry])])]] +=
          count
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
          entryNoteCounts.append(0)
          lastNoteOfEntry.append(-1)
        }
      }
      return number
    }

    /// The index file for `snapshot`, the file these notes were read from; the builder is
    /// spent. With `file` (a new, empty file), also writes it there (what stopped that, if
    /// anything, is the image's `writeFailure`).
    ///
    /// Why two threads: after a scan of 1,000,000 notes, this was a third of the open, on one
    /// core — filling the postings, sorting the URL table, gathering 335 MB into one array and
    /// writing it. The counts taken as notes were added give every section's offset at once,
    /// so another thread writes the range table and the header records (three quarters of the
    /// file, final as they are) at their offsets, checksums their blocks and sorts and writes
    /// the URL table, while this one fills and writes the postings; no section is copied into
    /// a whole image. The header, which holds the checksum of the block checksums, goes last.
    mutating func finish(snapshot: MappedFile, writingTo file: (fd: Int32, path: String)? = nil)
      -> Image
    {
      var front = ByteSink()
      for number in 0..<spellings.count {
        spellings.withBytes(of: number) { bytes in
          front.append(UInt32(bytes.count))
          front.append(contentsOf: UnsafeRawBufferPointer(bytes))
        }
      }
      let spellingCount = spellings.count
      spellings = Spellings()
      var urls = self.urlEntries
      self.urlEntries = []
      let layout = Image.Layout(
        spellings: front.count, entries: entrySpellings.count,
        postings: entryNoteCounts.reduce(0, +), urls: urls.count, table: table.count,
        headers: headers.count)
      var movedTable = ByteSink()
      var movedHeaders = ByteSink()
      swap(&movedTable, &table)
      swap(&movedHeaders, &headers)
      var image = Image(
        header: [], front: front, postings: [], urls: ByteSink(), table: movedTable,
        headers: movedHeaders, blockSums: [], writeFailure: nil)
      let failure = fill(&image, layout: layout, urlEntries: &urls, writingTo: file)
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
      append(UInt64(layout.payloadLength), to: &header)
      append(image.blockSums.withUnsafeBufferPointer(checksum), to: &header)
      image.header = header
      image.writeFailure = failure
      guard failure == nil, let file else { return image }
      image.writeFailure =
        image.blockSums.withUnsafeBytes {
          Image.write([$0], at: layout.blockSumsOffset, to: file.fd, path: file.path)
        }
        ?? header.withUnsafeBytes { Image.write([$0], at: 0, to: file.fd, path: file.path) }
      return image
    }

    /// Makes `image`'s tag directory (after the spellings in `front`), postings, URL table
    /// and block checksums; its range table and header records are there already. With
    /// `file`, writes every section but the header at its offset: the range table and header
    /// records on another thread (`Parallel.both`), which also checksums their blocks and
    /// then sorts the URL table, while this one fills the postings.
    private func fill(
      _ image: inout Image, layout: Image.Layout,
      urlEntries: inout [(hash: UInt64, position: UInt32)],
      writingTo file: (fd: Int32, path: String)?
    ) -> FileSystem.Failure? {
      let entryCount = entrySpellings.count
      var starts = [Int](repeating: 0, count: entryCount + 1)
      for entry in 0..<entryCount { starts[entry + 1] = starts[entry] + entryNoteCounts[entry] }
      var front = ByteSink()
      swap(&front, &image.front)
      var urls = ByteSink()
      var postings: [UInt32] = []
      let tableStart = layout.tableOffset - headerLength
      let firstLateBlock = (tableStart + blockLength - 1) / blockLength
      // This thread: the directory and the postings (the larger job). The other: the range
      // table and header records (written, then checksummed), then the URL table.
      let (frontFailure, (lateSums, lateFailure)) = image.table.withBytes { table in
        image.headers.withBytes { records in
          Parallel.both(
            { () -> FileSystem.Failure? in
              front.append(UInt32(entryCount))
              for entry in 0..<entryCount {
                front.append(entrySpellings[entry])
                front.append(UInt32(starts[entry + 1] - starts[entry]))
                front.append(UInt64(layout.postingsOffset + starts[entry] * 4))
              }
              postings = self.postings(starts: starts, table: table, records: records)
              guard let file else { return nil }
              return front.withBytes { front in
                postings.withUnsafeBytes { postings in
                  Image.write([front, postings], at: headerLength, to: file.fd, path: file.path)
                }
              }
            },
            { () -> ([UInt64], FileSystem.Failure?) in
              let parts = [table, records]
              var failure: FileSystem.Failure?
              if let file {
                failure = Image.write(parts, at: layout.tableOffset, to: file.fd, path: file.path)
              }
              let blocks = firstLateBlock..<layout.blockCount
              let sums = Image.blockSums(of: parts, from: tableStart, blocks: blocks)
              Self.sortByHash(&urlEntries)
              urls.reserve(4 + urlEntries.count * urlEntryLength)
              urls.append(UInt32(urlEntries.count))
              for entry in urlEntries {
                urls.append(entry.hash)
                urls.append(entry.position)
              }
              urlEntries = []
              if let file, failure == nil {
                failure = urls.withBytes {
                  Image.write([$0], at: layout.urlsOffset, to: file.fd, path: file.path)
                }
              }
              return (sums, failure)
            })
        }
      }
      let earlySums = image.table.withBytes { table in
        image.headers.withBytes { records in
          front.withBytes { front in
            urls.withBytes { urls in
              postings.withUnsafeBytes { postings in
                Image.blockSums(
                  of: [front, postings, urls, table, records], from: 0,
                  blocks: 0..<firstLateBlock)
              }
            }
          }
        }
      }
      swap(&front, &image.front)
      swap(&urls, &image.urls)
      image.postings = postings
      var sums: [UInt8] = []
      sums.reserveCapacity(layout.blockCount * 8)
      for sum in earlySums + lateSums { append(sum, to: &sums) }
      image.blockSums = sums
      return frontFailure ?? lateFailure
    }

    /// The postings, each entry's positions from `starts[entry]` on (ascending, little-endian
    /// u32, as the index stores them), from the spelling numbers in the header `records`,
    /// found through the range `table`. One pass: the counts were taken as notes were added.
    private func postings(
      starts: [Int], table: UnsafeRawBufferPointer, records: UnsafeRawBufferPointer
    ) -> [UInt32] {
      let total = starts[entrySpellings.count]
      var next = Array(starts.dropLast())
      // The last note each entry got: a note's second spelling of a tag is found in one step.
      var lastNote = [Int](repeating: -1, count: entrySpellings.count)
      let positions = [UInt32](unsafeUninitializedCapacity: total) { buffer, initialized in
        for position in 0..<noteCount {
          let recordOffset = Int(
            UInt64(
              littleEndian: table.loadUnaligned(
                fromByteOffset: position * tableEntryLength + 16, as: UInt64.self)))
          let (offset, tagCount) = Self.tagNumbers(ofRecordAt: recordOffset, in: records)
          for slot in 0..<tagCount {
            let number = UInt32(
              littleEndian: records.loadUnaligned(
                fromByteOffset: offset + slot * 4, as: UInt32.self))
            let entry = entryOfSpelling[Int(number)]
            if lastNote[entry] != position {
              lastNote[entry] = position
              buffer[next[entry]] = UInt32(position).littleEndian
              next[entry] += 1
            }
          }
        }
        initialized = total
      }
      // The counts taken by `add` and `extend` are what the records hold.
      precondition(next == Array(starts.dropFirst()))
      return positions
    }

    /// Sorts `entries` by hash, equal hashes staying in the order they were in: entries are
    /// added in position order, so this is the URL table's order, by hash, then position.
    ///
    /// Why not `sort`: at 1,000,000 notes, sorting with a comparison of (hash, position) took
    /// 0.3 s, the longest part of the index's write. This is a least-significant-digit radix
    /// sort (stable), 16 bits a pass: four passes of a count and a move.
    static func sortByHash(_ entries: inout [(hash: UInt64, position: UInt32)]) {
      guard entries.count > 1 else { return }
      var other = entries
      var counts = [Int](repeating: 0, count: 1 << 16)
      for shift in stride(from: 0, to: 64, by: 16) {
        for index in counts.indices { counts[index] = 0 }
        for entry in entries { counts[Int(truncatingIfNeeded: entry.hash >> shift) & 0xFFFF] += 1 }
        var start = 0
        for index in counts.indices {
          let count = counts[index]
          counts[index] = start
          start += count
        }
        entries.withUnsafeBufferPointer { from in
          other.withUnsafeMutableBufferPointer { to in
            for entry in from {
              let digit = Int(truncatingIfNeeded: entry.hash >> shift) & 0xFFFF
              to[counts[digit]] = entry
              counts[digit] += 1
            }
          }
        }
        swap(&entries, &other)
      }
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
  }
}
