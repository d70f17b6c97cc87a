import ByteJSON

/// The store's memory of deletes: the id of each deleted note and when it was deleted.
///
/// A merge without a common ancestor (`url-notes merge OTHER`: a synced folder's conflict copy,
/// another machine's store) cannot otherwise tell "deleted here" from "added there": an older
/// copy would bring every deleted note back. With a tombstone, a note the other side holds is
/// dropped unless it was changed after the delete. Kept in the snapshot after the notes,
/// `"tombstones":[{"deleted":TIME,"id":ID},…]` one per line and sorted by id, and in the
/// journal as `{"delete":ID,"deleted":TIME}`.
///
/// Tombstones older than `lifetimeSeconds` are dropped when the journal is folded: a copy
/// older than that may bring such a note back, and in exchange the memory stays bounded.
public enum Tombstones {
  /// 180 days: longer than a laptop plausibly stays away from its synced folder.
  public static let lifetimeSeconds: Int64 = 180 * 86_400

  /// The tombstones of `tombstones` still alive at `now`.
  public static func alive(_ tombstones: [NoteID: Timestamp], at now: Timestamp) -> [NoteID:
    Timestamp]
  {
    tombstones.filter { now.secondsSince1970 - $0.value.secondsSince1970 <= lifetimeSeconds }
  }

  /// The snapshot's ending after the last note: `],"tombstones":[` one entry per line `]}`.
  static func appendSection(_ tombstones: [NoteID: Timestamp], to bytes: inout [UInt8]) {
    JSONWriter.appendRaw("],\"tombstones\":[\n", to: &bytes)
    let ordered = tombstones.sorted { $0.key < $1.key }
    for (index, (id, time)) in ordered.enumerated() {
      JSONWriter.appendRaw("{\"deleted\":\"", to: &bytes)
      time.appendISO8601(to: &bytes)
      JSONWriter.appendRaw("\",\"id\":", to: &bytes)
      JSONWriter.appendQuoted(id.rawValue, to: &bytes)
      JSONWriter.appendRaw(index == ordered.count - 1 ? "}\n" : "},\n", to: &bytes)
    }
    JSONWriter.appendRaw("]}\n", to: &bytes)
  }

  /// Reads the `"tombstones"` array at the reader's position.
  static func read(_ reader: inout JSONReader) throws -> [NoteID: Timestamp] {
    var tombstones: [NoteID: Timestamp] = [:]
    try reader.beginArray()
    while try reader.nextElement() {
      reader.skipWhitespace()
      let start = reader.offset
      var id: NoteID?
      var deleted: Timestamp?
      try reader.beginObject()
      while let key = try reader.nextKey() {
        switch key {
        case "id": id = NoteID(try reader.readString())
        case "deleted": deleted = try NoteCodec.readTimestamp(&reader)
        default: try reader.skipValue()
        }
      }
      guard let id, let deleted else {
        throw StoreProblem("a tombstone needs \"id\" and \"deleted\"", at: start)
      }
      guard tombstones[id] == nil else {
        throw StoreProblem("duplicate tombstone for \"\(id)\"", at: start)
      }
      tombstones[id] = deleted
    }
    return tombstones
  }

  /// The members after the notes array of a snapshot opened through its index, read from the
  /// end of its last note (`offset`): the tombstones, and whether the snapshot has the section
  /// at all (a format 1 store has not). Nil when the bytes do not parse there: the caller then
  /// scans the whole snapshot, which reports the error with its position.
  static func readTail(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int) -> (
    tombstones: [NoteID: Timestamp], hasSection: Bool
  )? {
    var reader = JSONReader(bytes, offset: offset)
    var tombstones: [NoteID: Timestamp] = [:]
    var hasSection = false
    do {
      guard try !reader.nextElement() else { return nil }
      while let key = try reader.nextKey() {
        if key == "tombstones" {
          tombstones = try read(&reader)
          hasSection = true
        } else {
          try reader.skipValue()
        }
      }
      try reader.expectEnd()
    } catch {
      return nil
    }
    return (tombstones, hasSection)
  }
}
