import ByteJSON
import Diagnostics

/// A whole store as values: every note, decoded, sorted by id, and the tombstones. What the
/// merges work on (`NoteMerge`), read from a store file or a JSON export and written in the
/// store's exact snapshot format.
///
/// Complexity: decoding and encoding are O(size of the store); a snapshot holds every note in
/// memory, which is what a merge needs anyway.
public struct StoreSnapshot: Equatable, Sendable {
  /// Sorted by id, ids unique.
  public private(set) var notes: [Note]
  public var tombstones: [NoteID: Timestamp]

  /// Notes in any order (sorted here); a later note of an id replaces an earlier one.
  public init(notes: [Note], tombstones: [NoteID: Timestamp] = [:]) {
    var byID: [NoteID: Note] = [:]
    for note in notes { byID[note.id] = note }
    self.notes = byID.values.sorted { $0.id < $1.id }
    self.tombstones = tombstones
  }

  public static let empty = StoreSnapshot(notes: [])

  /// The note with `id`, by binary search.
  public func note(_ id: NoteID) -> Note? {
    var low = 0
    var high = notes.count
    while low < high {
      let middle = (low + high) / 2
      if notes[middle].id == id { return notes[middle] }
      if notes[middle].id < id { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// The snapshot's bytes exactly as the store writes them (`NoteStore` format), tombstones
  /// included as they are (expiry is the store's business, not a merge's): the same snapshot
  /// always gives the same bytes.
  public func encoded() -> [UInt8] {
    var writer = JSONWriter(reservingCapacity: 1 << 16)
    writer.raw(
      "{\"format\":\"url-notes\",\"formatVersion\":\(NoteStore.formatVersion),\"notes\":[\n")
    for (index, note) in notes.enumerated() {
      NoteCodec.write(note, to: &writer)
      writer.raw(index == notes.count - 1 ? "\n" : ",\n")
    }
    var bytes = writer.bytes
    Tombstones.appendSection(tombstones, to: &bytes)
    return bytes
  }

  /// Reads a store file (any format this version reads) or a JSON export (`export --format
  /// json`: an array of notes; the extra fields of the export are ignored). Empty bytes are an
  /// empty store (git gives a merge driver an empty ancestor for a file both sides added).
  /// Errors name `path`, the line and the column.
  public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreSnapshot {
    do {
      return try bytes.withUnsafeBufferPointer { buffer throws -> StoreSnapshot in
        var reader = JSONReader(buffer)
        switch reader.peek() {
        case nil: return .empty
        case UInt8(ascii: "["): return try readExport(bytes, path: path)
        default: return try readStore(&reader, path: path)
        }
      }
    } catch {
      throw bytes.withUnsafeBufferPointer { StoreError(reading: error, path: path, in: $0) }
    }
  }

  /// The store file, conflict copy or JSON export at `path`. A store with a journal beside it
  /// is opened as a store, so its unfolded changes count too.
  public static func read(path: String) throws(StoreError) -> StoreSnapshot {
    if (FileSystem.stamp(path + ".journal")?.size ?? 0) > 0 {
      return try NoteStore.open(path: path).snapshotValue()
    }
    let bytes: [UInt8]?
    do { bytes = try FileSystem.contents(of: path) } catch {
      throw StoreError(.io, path: error.path, error.message)
    }
    guard let bytes else { throw StoreError(.io, path: path, "no such file") }
    return try decode(bytes, path: path)
  }

  /// The store's notes, whole, through the store file's one top-level reader.
  static func readStore(_ reader: inout JSONReader, path: String) throws -> StoreSnapshot {
    var notes: [Note] = []
    var seen = Set<NoteID>()
    let top = try StoreFile.read(&reader, path: path) { reader in
      reader.skipWhitespace()
      let start = reader.offset
      let note = try NoteCodec.readNote(&reader)
      guard seen.insert(note.id).inserted else {
        throw StoreFile.duplicateNote(note.id, at: start)
      }
      notes.append(note)
    }
    return StoreSnapshot(notes: notes, tombstones: top.tombstones)
  }

  /// `export --format json`: `[note, …]`, read by the importer's reader of it
  /// (`JSONExportReader`).
  static func readExport(_ bytes: [UInt8], path: String) throws -> StoreSnapshot {
    do {
      return StoreSnapshot(notes: try JSONExportReader.notes(bytes))
    } catch {
      throw StoreError(.corrupt, path: path, position: error.position ?? .start, error.message)
    }
  }
}
