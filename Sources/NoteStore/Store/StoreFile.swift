import ByteJSON
import Diagnostics

/// The top level of a store file: `{"format":"url-notes","formatVersion":N,"notes":[…],
/// "tombstones":[…]}`.
///
/// One reader of it, so that opening a store (which reads only note headers) and a merge
/// (which reads whole notes) tell a store from other JSON by the same checks, with the same
/// errors.
enum StoreFile {
  /// What the top level holds besides the notes.
  struct Top {
    var formatVersion = 1
    var tombstones: [NoteID: Timestamp] = [:]
  }

  /// Reads the store object at `reader`, calling `readNote` with the reader at each note
  /// (which it must read whole). Refusals are `StoreProblem`s of the refusal's kind (a
  /// `StoreError` where no position applies); malformed JSON is a `JSONError`.
  static func read(
    _ reader: inout JSONReader, path: String, readNote: (inout JSONReader) throws -> Void
  ) throws -> Top {
    var top = Top()
    var sawFormat = false
    if reader.peek() == nil { throw StoreProblem("the store file is empty", at: 0) }
    guard reader.peek() == UInt8(ascii: "{") else {
      throw StoreProblem("not a url-notes store: expected a JSON object", at: reader.offset)
    }
    try reader.beginObject()
    while let key = try reader.nextKey() {
      reader.skipWhitespace()
      let valueStart = reader.offset
      switch key {
      case "format":
        guard try reader.readString() == "url-notes" else {
          throw StoreProblem(
            .notAStore, "not a url-notes store: \"format\" is not \"url-notes\"", at: valueStart)
        }
        sawFormat = true
      case "formatVersion":
        top.formatVersion = try reader.readInt()
        if top.formatVersion > NoteStore.formatVersion {
          throw StoreProblem(
            .newerVersion,
            "store format version \(top.formatVersion) is newer than this url-notes reads "
              + "(\(NoteStore.formatVersion)); upgrade url-notes", at: valueStart)
        }
      case "notes":
        // Checked before the notes are read: a large JSON file of some other program is
        // refused without scanning it.
        guard sawFormat else {
          throw StoreProblem(
            .notAStore, "not a url-notes store: expected \"format\":\"url-notes\" before \"notes\"",
            at: valueStart)
        }
        try reader.beginArray()
        while try reader.nextElement() { try readNote(&reader) }
      case "tombstones": top.tombstones = try Tombstones.read(&reader)
      default: try reader.skipValue()
      }
    }
    try reader.expectEnd()
    guard sawFormat else {
      throw StoreError(.notAStore, path: path, "not a url-notes store: no \"format\" member")
    }
    return top
  }

  /// The refusal of a second note with `id`, whose object starts at byte `offset`. The scan
  /// (`StoreState`, which finds a repeat from the ids' order without hashing every id) and the
  /// merge's whole-note reader (`StoreSnapshot`, which hashes the ids of notes it decodes
  /// anyway) find it their own way and refuse it in the same words.
  static func duplicateNote(_ id: NoteID, at offset: Int) -> StoreProblem {
    StoreProblem("duplicate note id \"\(id)\"", at: offset)
  }
}

extension StoreError {
  /// The error for `error`, thrown while reading `bytes` of `path`, whose offsets count from
  /// byte `base` (a journal line's start): problems and JSON errors get their line and
  /// column, store errors pass through.
  init(reading error: any Error, path: String, in bytes: UnsafeBufferPointer<UInt8>, base: Int = 0)
  {
    switch error {
    case let error as StoreError: self = error
    case let problem as StoreProblem:
      self.init(
        problem.kind, path: path,
        position: TextPosition.of(offset: base + problem.offset, in: bytes),
        problem.message)
    case let error as JSONError:
      self.init(
        .corrupt, path: path, position: TextPosition.of(offset: base + error.offset, in: bytes),
        error.message)
    default: self.init(.corrupt, path: path, "\(error)")
    }
  }
}
