import ByteJSON

/// The fields of a note every list needs, collected while reading an object in any key order.
struct HeaderFields {
  var id: NoteID?
  var url: String?
  var title: String?
  var tags: [String] = []
  var created: Timestamp?
  var updated: Timestamp?

  /// Reads the value of `key` if it is a header field, else skips it (unknown keys are kept
  /// readable by newer versions: they are ignored, not refused).
  mutating func read(_ key: String, from reader: inout JSONReader) throws {
    switch key {
    case "id":
      reader.skipWhitespace()
      let start = reader.offset
      let text = try reader.readString()
      guard !text.isEmpty else { throw StoreProblem("note id is empty", at: start) }
      id = NoteID(text)
    case "url": url = try reader.readNullIfPresent() ? nil : try reader.readString()
    case "title": title = try reader.readString()
    case "tags":
      try reader.beginArray()
      while try reader.nextElement() { tags.append(try reader.readString()) }
    case "created": created = try NoteCodec.readTimestamp(&reader)
    case "updated": updated = try NoteCodec.readTimestamp(&reader)
    default: try reader.skipValue()
    }
  }

  func complete(at offset: Int) throws(StoreProblem) -> NoteHeader {
    guard let id else { throw StoreProblem("note without an \"id\"", at: offset) }
    guard let title else { throw StoreProblem("note \(id) has no \"title\"", at: offset) }
    guard let created, let updated else {
      throw StoreProblem("note \(id) needs \"created\" and \"updated\" times", at: offset)
    }
    return NoteHeader(
      id: id, url: url, title: title, tags: tags, created: created, updated: updated)
  }
}

/// A problem found while reading the store, at a byte offset of the file being read.
struct StoreProblem: Error {
  var kind: StoreError.Kind
  var message: String
  var offset: Int

  init(_ kind: StoreError.Kind, _ message: String, at offset: Int) {
    self.kind = kind
    self.message = message
    self.offset = offset
  }

  init(_ message: String, at offset: Int) { self.init(.corrupt, message, at: offset) }

  init(_ error: JSONError) {
    self.init(error.message, at: error.offset)
  }

  /// Any error thrown while reading a note: JSON errors keep their offset, problems pass
  /// through, anything else is reported at `offset`.
  init(_ error: any Error, at offset: Int) {
    switch error {
    case let error as JSONError: self.init(error)
    case let problem as StoreProblem: self = problem
    default: self.init("unexpected error \(error)", at: offset)
    }
  }
}
