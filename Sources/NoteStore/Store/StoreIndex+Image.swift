extension StoreIndex {
  /// An index file in its sections, as `Builder.finish` makes them (see `StoreIndex` for the
  /// layout): the header, the spellings and tag directory (`front`), the postings, the URL
  /// table, the range table, the header records and the block checksums. Kept apart because
  /// the file is written from them where they are: gathered into one array first, the 335 MB
  /// of a million notes' index were copied once more, into fresh pages.
  struct Image: ~Copyable {
    var header: [UInt8]
    var front: ByteSink
    var postings: [UInt32]
    var urls: ByteSink
    var table: ByteSink
    var headers: ByteSink
    var blockSums: [UInt8]
    /// What stopped `Builder.finish` writing the image to its file, if anything.
    var writeFailure: FileSystem.Failure?

    /// The whole file, one section after another.
    var bytes: [UInt8] {
      var bytes = header
      front.withBytes { bytes.append(contentsOf: $0) }
      postings.withUnsafeBytes { bytes.append(contentsOf: $0) }
      urls.withBytes { bytes.append(contentsOf: $0) }
      table.withBytes { bytes.append(contentsOf: $0) }
      headers.withBytes { bytes.append(contentsOf: $0) }
      return bytes + blockSums
    }

    /// Where each section starts in the file, from the sizes of its parts.
    struct Layout {
      let postingsOffset: Int
      let urlsOffset: Int
      let tableOffset: Int
      let blockSumsOffset: Int

      /// `spellings`: bytes of the spellings section; `entries`: tag directory entries;
      /// `postings`: positions in all; `urls`: URL table entries; `table` and `headers`: bytes
      /// of the range table and of the header records.
      init(spellings: Int, entries: Int, postings: Int, urls: Int, table: Int, headers: Int) {
        postingsOffset = headerLength + spellings + 4 + entries * directoryEntryLength
        urlsOffset = postingsOffset + postings * 4
        tableOffset = urlsOffset + 4 + urls * urlEntryLength
        blockSumsOffset = tableOffset + table + headers
      }

      var payloadLength: Int { blockSumsOffset - headerLength }
      var blockCount: Int { (payloadLength + blockLength - 1) / blockLength }
    }

    /// Writes `parts` one after another from file offset `offset`; what stopped it, if
    /// anything.
    static func write(
      _ parts: some Sequence<UnsafeRawBufferPointer>, at offset: Int, to fd: Int32, path: String
    ) -> FileSystem.Failure? {
      var offset = offset
      for part in parts {
        do throws(FileSystem.Failure) {
          try FileSystem.writeAll(fd, part, at: offset, path: path)
        } catch {
          return error
        }
        offset += part.count
      }
      return nil
    }

    /// The checksums of payload blocks `blocks` (each `blockLength` bytes but the last), where
    /// `parts`, one after another, hold the payload from offset `base` to its end. A block
    /// inside one part is read where it is; one across two parts is gathered first.
    static func blockSums(
      of parts: [UnsafeRawBufferPointer], from base: Int, blocks: Range<Int>
    ) -> [UInt64] {
      let end = base + parts.reduce(0) { $0 + $1.count }
      var sums: [UInt64] = []
      sums.reserveCapacity(blocks.count)
      var part = 0
      var partStart = base
      var gathered: [UInt8] = []
      for block in blocks {
        let start = block * blockLength
        let length = min(blockLength, end - start)
        while start >= partStart + parts[part].count {
          partStart += parts[part].count
          part += 1
        }
        let offset = start - partStart
        if offset + length <= parts[part].count {
          let bytes = UnsafeRawBufferPointer(rebasing: parts[part][offset..<(offset + length)])
          sums.append(checksum(bytes.assumingMemoryBound(to: UInt8.self)))
          continue
        }
        gathered.removeAll(keepingCapacity: true)
        var next = part
        var from = offset
        while gathered.count < length {
          let take = min(parts[next].count - from, length - gathered.count)
          gathered.append(contentsOf: parts[next][from..<(from + take)])
          next += 1
          from = 0
        }
        sums.append(gathered.withUnsafeBufferPointer(checksum))
      }
      return sums
    }
  }
}
