import ByteJSON
import Foundation
import NoteStore

/// Writes a corpus straight into a store file in the README's store format ("Store format":
/// one note per line, sorted by id, keys sorted), streaming: at 1,000,000 notes (2.2 GB) the
/// notes never sit in memory together, as they would in one `apply` of the whole corpus.
///
/// Its own writer on purpose: the bench's stores do not go through the code they measure, and
/// the store reads them as any store it did not write (no index yet: the first open scans the
/// snapshot and writes one). It writes the bytes a fold of the same notes writes.
enum CorpusStoreWriter {
  /// Notes `0..<count - 1` of `corpus` and its big-tree note, in id order, to `path`.
  static func write(_ corpus: CorpusGenerator, count: Int, to path: String) throws {
    // Sorting a million (id, index) pairs: 40 MB, where the notes would take gigabytes.
    var order = (0..<(count - 1)).map { (id: corpus.id($0), index: $0) }
    let bigTree = corpus.bigTreeNote()
    order.append((bigTree.id, -1))
    order.sort { $0.id < $1.id }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { throw WriteError(path: path, code: errno) }
    defer { close(fd) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(Self.flushBytes + 64 * 1024)
    func flush() throws {
      var offset = 0
      while offset < buffer.count {
        let written = buffer.withUnsafeBytes {
          Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset)
        }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { throw WriteError(path: path, code: errno) }
        offset += written
      }
      buffer.removeAll(keepingCapacity: true)
    }
    JSONWriter.appendRaw("{\"format\":\"url-notes\",\"formatVersion\":2,\"notes\":[\n", to: &buffer)
    for (position, entry) in order.enumerated() {
      append(entry.index < 0 ? bigTree : corpus.note(entry.index), to: &buffer)
      JSONWriter.appendRaw(position == order.count - 1 ? "\n" : ",\n", to: &buffer)
      if buffer.count >= Self.flushBytes { try flush() }
    }
    JSONWriter.appendRaw("],\"tombstones\":[\n]}\n", to: &buffer)
    try flush()
  }

  static let flushBytes = 1 << 20

  /// One note as the store writes it: keys sorted, absent fields left out, summary nodes
  /// without `children` when they have none.
  static func append(_ note: Note, to bytes: inout [UInt8]) {
    var writer = JSONWriter(reservingCapacity: 4096)
    writer.beginObject()
    if let body = note.body {
      writer.key(ascii: "body")
      writer.string(body)
    }
    writer.key(ascii: "created")
    writer.string(note.created.iso8601)
    writer.key(ascii: "id")
    writer.string(note.id.rawValue)
    writer.key(ascii: "provenance")
    writer.beginArray()
    for entry in note.provenance {
      writer.beginObject()
      writer.key(ascii: "file")
      writer.string(entry.file)
      writer.key(ascii: "format")
      writer.string(entry.format)
      writer.key(ascii: "imported")
      writer.string(entry.imported.iso8601)
      writer.endObject()
    }
    writer.endArray()
    if let published = note.published {
      writer.key(ascii: "published")
      writer.string(published.iso8601)
    }
    writer.key(ascii: "summary")
    append(note.summary, to: &writer)
    writer.key(ascii: "tags")
    writer.beginArray()
    for tag in note.tags { writer.string(tag) }
    writer.endArray()
    writer.key(ascii: "title")
    writer.string(note.title)
    writer.key(ascii: "updated")
    writer.string(note.updated.iso8601)
    if let url = note.url {
      writer.key(ascii: "url")
      writer.string(url)
    }
    writer.endObject()
    bytes += writer.bytes
  }

  static func append(_ nodes: [SummaryNode], to writer: inout JSONWriter) {
    writer.beginArray()
    for node in nodes {
      writer.beginObject()
      if !node.children.isEmpty {
        writer.key(ascii: "children")
        append(node.children, to: &writer)
      }
      writer.key(ascii: "markup")
      writer.string(node.markup)
      writer.endObject()
    }
    writer.endArray()
  }

  /// The size of `note`'s line in the store (and of its JSON in a journal record).
  static func encodedSize(_ note: Note) -> Int {
    var bytes: [UInt8] = []
    append(note, to: &bytes)
    return bytes.count
  }

  struct WriteError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String {
      "\(path): cannot write the corpus: \(String(cString: strerror(code)))"
    }
  }
}
