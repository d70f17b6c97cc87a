import ByteJSON

/// The fields of a note every list needs, collected while reading an object in any key order:
/// as UTF-8 bytes (escapes decoded, invalid UTF-8 kept as it is, so a `String` made of them is
/// the one `readString` gives), for a scan of the store that writes them into its index
/// without a `String` per field, and once per note decoded.
struct HeaderFields {
  private(set) var id: [UInt8] = []
  private(set) var hasID = false
  private(set) var url: [UInt8] = []
  private(set) var hasURL = false
  private(set) var title: [UInt8] = []
  private(set) var hasTitle = false
  /// The tags' bytes one after another; `tagEnds[i]` is where tag `i` ends.
  private(set) var tagBytes: [UInt8] = []
  private(set) var tagEnds: [Int] = []
  private(set) var created: Timestamp?
  private(set) var updated: Timestamp?

  /// Empties the fields, keeping their buffers (a scan reuses one value for every note).
  mutating func reset() {
    id.removeAll(keepingCapacity: true)
    url.removeAll(keepingCapacity: true)
    title.removeAll(keepingCapacity: true)
    tagBytes.removeAll(keepingCapacity: true)
    tagEnds.removeAll(keepingCapacity: true)
    hasID = false
    hasURL = false
    hasTitle = false
    created = nil
    updated = nil
  }

  /// Sets the fields to those of `header` (the index of a fold is written from headers).
  mutating func set(_ header: NoteHeader) {
    reset()
    id.append(contentsOf: header.id.rawValue.utf8)
    hasID = true
    if let headerURL = header.url {
      url.append(contentsOf: headerURL.utf8)
      hasURL = true
    }
    title.append(contentsOf: header.title.utf8)
    hasTitle = true
    for tag in header.tags {
      tagBytes.append(contentsOf: tag.utf8)
      tagEnds.append(tagBytes.count)
    }
    created = header.created
    updated = header.updated
  }

  /// Reads the value of `key` if it is a header field and returns true; false, nothing read,
  /// for any other key. A field given twice keeps its last value; tags given twice add up.
  mutating func read(_ key: JSONKey, from reader: inout JSONReader) throws -> Bool {
    if key.is("id") {
      reader.skipWhitespace()
      let start = reader.offset
      id.removeAll(keepingCapacity: true)
      try reader.readStringBytes(appendingTo: &id)
      guard !id.isEmpty else { throw StoreProblem("note id is empty", at: start) }
      hasID = true
    } else if key.is("url") {
      url.removeAll(keepingCapacity: true)
      hasURL = !(try reader.readNullIfPresent())
      if hasURL { try reader.readStringBytes(appendingTo: &url) }
    } else if key.is("title") {
      title.removeAll(keepingCapacity: true)
      try reader.readStringBytes(appendingTo: &title)
      hasTitle = true
    } else if key.is("tags") {
      try reader.beginArray()
      while try reader.nextElement() {
        try reader.readStringBytes(appendingTo: &tagBytes)
        tagEnds.append(tagBytes.count)
      }
    } else if key.is("created") {
      created = try NoteCodec.readTimestamp(&reader)
    } else if key.is("updated") {
      updated = try NoteCodec.readTimestamp(&reader)
    } else {
      return false
    }
    return true
  }

  /// Checks that the note has every field a header needs (`offset`: where the note starts).
  func check(at offset: Int) throws(StoreProblem) {
    guard hasID else { throw StoreProblem("note without an \"id\"", at: offset) }
    let id = String(decoding: self.id, as: UTF8.self)
    guard hasTitle else { throw StoreProblem("note \(id) has no \"title\"", at: offset) }
    guard created != nil, updated != nil else {
      throw StoreProblem("note \(id) needs \"created\" and \"updated\" times", at: offset)
    }
  }

  /// The header, once `check(at:)` holds.
  func complete(at offset: Int) throws(StoreProblem) -> NoteHeader {
    try check(at: offset)
    var tags: [String] = []
    tags.reserveCapacity(tagEnds.count)
    tagBytes.withUnsafeBufferPointer { bytes in
      var start = 0
      for end in tagEnds {
        tags.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        start = end
      }
    }
    return NoteHeader(
      id: NoteID(String(decoding: id, as: UTF8.self)),
      url: hasURL ? String(decoding: url, as: UTF8.self) : nil,
      title: String(decoding: title, as: UTF8.self), tags: tags, created: created!,
      updated: updated!)
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
