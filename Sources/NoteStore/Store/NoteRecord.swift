import ByteJSON

/// The fields of a note that lists, tag counts and filters need, kept in memory for every note.
public struct NoteHeader: Equatable, Sendable {
  public var id: NoteID
  public var url: String?
  public var title: String
  public var tags: [String]
  public var created: Timestamp
  public var updated: Timestamp

  /// What a note whose bytes do not decode shows as: no id, no title, no tags.
  static let unreadable = NoteHeader(
    id: NoteID(""), url: nil, title: "", tags: [], created: Timestamp(secondsSince1970: 0),
    updated: Timestamp(secondsSince1970: 0))

  /// The host of the URL, for previews.
  public var host: String? { url.flatMap(NormalizedURL.host(of:)) }
}

extension NoteHeader {
  /// The header of a whole note. (Readers of the snapshot and the index build headers with
  /// the memberwise initialiser, from the fields they read.)
  init(_ note: Note) {
    self.init(
      id: note.id, url: note.url, title: note.title, tags: note.tags, created: note.created,
      updated: note.updated)
  }
}

/// One note as the store holds it: the rest of the note in the snapshot or in memory, the
/// header in memory or, for a note read through the index, in the mapped index until asked for.
struct NoteRecord {
  // Boxed payloads keep a record at ~40 bytes instead of ~180: a 100k store's record array
  // is allocated (and its pages faulted in) at every open.
  enum Source: Sendable {
    case snapshot(Range<Int>)
    indirect case memory(Note)

    /// The note's list order key (`NoteStore.listOrder`): its header's, read now from its bytes
    /// in `snapshot` (by pread: safe on several threads at once) without the fields the order
    /// does not need (`NoteCodec.readListKey`: no `String` per tag). A note whose bytes do not
    /// read gets the key of an empty header (`NoteHeader.unreadable`); such a note does not
    /// decode either, so no list prints it.
    func listKey(in snapshot: MappedFile?) -> NoteStore.ListKey {
      switch self {
      case .memory(let note): return NoteStore.ListKey(NoteHeader(note))
      case .snapshot(let range):
        let key = snapshot?.withBytes(range) { bytes in
          var reader = JSONReader(bytes)
          return try? NoteCodec.readListKey(&reader)
        }
        return key ?? NoteStore.ListKey(NoteHeader.unreadable)
      }
    }

    /// The whole note: the one in memory, or decoded now from its bytes in `snapshot` (read
    /// by pread: safe on several threads at once).
    func note(in snapshot: MappedFile?) -> Note? {
      switch self {
      case .memory(let note): return note
      case .snapshot(let range):
        guard let snapshot else { return nil }
        return snapshot.withBytes(range) { bytes in
          var reader = JSONReader(bytes)
          return try? NoteCodec.readNote(&reader)
        }
      }
    }

    /// Writes the note as `--json` prints it (`NoteCodec.write(_:to:as: .export)` of
    /// `note(in:)`, nothing when that is nil): a snapshot note in the store's own form straight
    /// from its bytes (`StoredNoteExport`), any other decoded and encoded. Safe on several
    /// threads at once.
    func writeExport(in snapshot: MappedFile?, to writer: inout JSONWriter) {
      if case .snapshot(let range) = self, let snapshot,
        snapshot.withBytes(
          range,
          { bytes in
            writer.tentativeValue { StoredNoteExport.append(bytes, to: &$0) }
          }) == true
      {
        return
      }
      if let note = note(in: snapshot) { NoteCodec.write(note, to: &writer, as: .export) }
    }
  }
  enum StoredHeader {
    indirect case decoded(NoteHeader)
    case indexed(MappedIndex, offset: Int)
  }
  // Built with the memberwise initialiser: a scan's header is `.decoded`, the index's
  // `.indexed` (the one other initialiser, for a note in memory, is in an extension so that
  // the memberwise one stays).
  var storedHeader: StoredHeader
  var source: Source

  var header: NoteHeader {
    switch storedHeader {
    case .decoded(let header): return header
    case .indexed(let headers, let offset):
      // A header whose index block is damaged is decoded from the note's own bytes.
      return headers.header(at: offset)
        ?? headers.header(inSnapshot: snapshotRange ?? 0..<0)
    }
  }

  /// Whether the note is held in memory (saved since the snapshot was written).
  var isInMemory: Bool { snapshotRange == nil }

  /// The note's bytes in the snapshot; nil for a note held in memory.
  var snapshotRange: Range<Int>? {
    if case .snapshot(let range) = source { return range }
    return nil
  }

  /// The whole note: the one in memory, or decoded now from its bytes in `snapshot`.
  func note(in snapshot: MappedFile?) -> Note? { source.note(in: snapshot) }

  var id: NoteID {
    switch storedHeader {
    case .decoded(let header): return header.id
    case .indexed(let headers, let offset):
      return headers.id(at: offset) ?? headers.header(inSnapshot: snapshotRange ?? 0..<0).id
    }
  }
}

extension NoteRecord {
  /// A note saved since the snapshot was written, held in memory.
  init(_ note: Note) { self.init(storedHeader: .decoded(NoteHeader(note)), source: .memory(note)) }
}

/// One change to the store.
public enum StoreChange: Equatable, Sendable {
  case put(Note)
  case delete(NoteID)
}
