import ByteJSON
import Diagnostics

/// Reads url-notes' own JSON output back: `export --format json` (the backup format),
/// `list --json` (an array of notes) and `show --json` (one note).
///
/// Each note comes back whole: id, URL (or none), title, tags, summary markup, body, created,
/// updated, published and provenance, read by the store's own note decoder (`NoteCodec.readNote`), so a
/// backup restores exactly what the store held, and importing it into the store it came from
/// changes nothing. The JSON-only keys (`text` and `spans` of summary nodes) are derived from
/// `markup` and skipped.
///
/// Policy: strict. This is a file url-notes wrote; a note missing a required field or a syntax
/// error fails the whole file at its position, and nothing is stored.
public struct JSONExportReader: DumpReader {
  public init() {}

  public var format: String { "json" }

  /// True for `[]`, or for an array (or a lone object) whose first object has the keys every
  /// exported note has: "id", "title", "created" and "updated". Reads only the first object.
  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      guard let first = reader.peek() else { return false }
      if first == UInt8(ascii: "[") {
        guard (try? reader.beginArray()) != nil, let more = try? reader.nextElement() else {
          return false
        }
        // `[]` is the export of an empty store.
        if !more { return (try? reader.expectEnd()) != nil }
      }
      guard reader.peek() == UInt8(ascii: "{"), (try? reader.beginObject()) != nil else {
        return false
      }
      var keys: Set<String> = []
      while let key = try? reader.nextKey() {
        keys.insert(key)
        guard (try? reader.skipValue()) != nil else { return false }
      }
      return Self.requiredKeys.isSubset(of: keys)
    }
  }

  static let requiredKeys: Set<String> = ["id", "title", "created", "updated"]

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    try Self.notes(bytes).map { note in
      NoteDraft(
        url: note.url, title: note.title, tags: note.tags, summary: note.summary,
        body: note.body, id: note.id, created: note.created, updated: note.updated,
        published: note.published, provenance: note.provenance, fromExport: true)
    }
  }

  /// The notes of the file, whole: what `read` makes drafts of, and what `merge OTHER`
  /// merges as they are (`StoreSnapshot.decode`).
  public static func notes(_ bytes: [UInt8]) throws(Diagnostic) -> [Note] {
    let result: Result<[Note], StoreProblem> = bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      do {
        var notes: [Note] = []
        if reader.peek() == UInt8(ascii: "[") {
          try reader.beginArray()
          while try reader.nextElement() { notes.append(try NoteCodec.readNote(&reader)) }
        } else {
          notes.append(try NoteCodec.readNote(&reader))
        }
        try reader.expectEnd()
        return .success(notes)
      } catch {
        return .failure(StoreProblem(error, at: reader.offset))
      }
    }
    switch result {
    case .success(let notes): return notes
    case .failure(let problem):
      throw Diagnostic(
        "\(problem.message) (expected url-notes' JSON export)",
        at: TextPosition.of(offset: problem.offset, in: bytes))
    }
  }
}
