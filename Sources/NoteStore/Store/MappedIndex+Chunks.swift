/// The index's header records read a chunk at a time, for a pass over most notes in position
/// order (a one-go query): each chunk is copied with pread, as `MappedFile.forEachChunk` reads
/// the snapshot, so the pass neither faults in the index's pages one by one nor leaves them in
/// the resident set, and a record's fields are looked at in the copy, without a String.
struct IndexChunks {
  let index: MappedIndex
  /// The copy, and the file offset of its first byte.
  private var bytes: [UInt8] = []
  private var start = 0

  /// How much each read copies: a few hundred records.
  static let length = 1 << 18

  init(_ index: MappedIndex) { self.index = index }

  /// The fields a query scores of one header record, pointing into the chunk.
  struct Fields {
    var created: Timestamp
    var title: UnsafeBufferPointer<UInt8>
    var url: UnsafeBufferPointer<UInt8>?
    /// The record's file offset, and the chunk it is read from (for `header`).
    var offset: Int
    var chunk: UnsafeRawBufferPointer
    var chunkStart: Int
  }

  /// Calls `body` with the fields of the header record at file offset `offset`, or returns
  /// nil when the record does not read (its blocks fail their checksums, or it does not
  /// decode): the caller then reads the header as `NoteRecord.header` does.
  mutating func withFields<Result>(at offset: Int, _ body: (Fields) -> Result) -> Result? {
    var length = Self.length
    var refill = offset < start || offset >= start + bytes.count
    while true {
      if refill {
        let end = min(offset + length, index.payloadEnd)
        guard offset < end else { return nil }
        bytes = index.file.copyBytes(offset..<end)
        start = offset
        guard bytes.count == end - offset else {
          bytes = []
          return nil
        }
      }
      let found: Result?? = bytes.withUnsafeBytes { raw in
        var cursor = StoreIndex.Cursor(bytes: raw, offset: offset - start)
        guard
          let fields = Self.fields(
            &cursor, chunk: raw, chunkStart: start, offset: offset,
            spellings: index.spellings.count)
        else { return .some(nil) }
        guard index.verified(offset..<(start + cursor.offset)) else { return nil }
        return .some(body(fields))
      }
      switch found {
      case .none: return nil
      case .some(.some(let result)): return result
      case .some(.none):
        // Cut off by the chunk's end: read again from the record (a longer read if it was
        // cut off there too). At the payload's end it is damaged, which no read mends.
        if start + bytes.count >= index.payloadEnd { return nil }
        if !refill || start != offset { refill = true } else { length *= 4 }
      }
    }
  }

  /// The record's fields, the cursor moved past its end; nil if it runs past the chunk.
  private static func fields(
    _ cursor: inout StoreIndex.Cursor, chunk: UnsafeRawBufferPointer, chunkStart: Int,
    offset: Int, spellings: Int
  ) -> Fields? {
    do {
      let created = try cursor.u64()
      _ = try cursor.u64()
      _ = try cursor.rawString()
      let urlLength = try cursor.u32()
      var url: UnsafeBufferPointer<UInt8>?
      if urlLength != StoreIndex.absent {
        cursor.offset -= 4
        url = try cursor.rawString().assumingMemoryBound(to: UInt8.self)
      }
      let title = try cursor.rawString().assumingMemoryBound(to: UInt8.self)
      let tagCount = Int(try cursor.u32())
      guard tagCount <= (chunk.count - cursor.offset) / 4 else { return nil }
      // What `MappedIndex.header(at:)` rejects is rejected here too, so the two agree on
      // which records read.
      for _ in 0..<tagCount where Int(try cursor.u32()) >= spellings { return nil }
      return Fields(
        created: Timestamp(secondsSince1970: Int64(bitPattern: created)), title: title, url: url,
        offset: offset, chunk: chunk, chunkStart: chunkStart)
    } catch {
      return nil
    }
  }
}

extension IndexChunks.Fields {
  /// The whole header of the record (for a note that matched), or nil if it does not decode.
  func header(in index: MappedIndex) -> NoteHeader? {
    index.header(
      at: offset, in: StoreIndex.Cursor(bytes: chunk, offset: offset - chunkStart),
      base: chunkStart)
  }
}
