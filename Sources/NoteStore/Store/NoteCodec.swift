import ByteJSON

/// Reads and writes one note as a JSON object, the unit of both the snapshot and the journal.
///
/// Keys are written sorted and optional fields omitted when absent, so the same note always
/// gives the same bytes. See README "Store format" for the schema.
enum NoteCodec {
  // MARK: Writing

  /// The two JSON objects a note is written as; one function writes both, so a field cannot
  /// be added to one and forgotten in the other.
  enum Shape {
    /// The snapshot's and the journal's: a note without a URL has no `url` key, and summary
    /// nodes hold their markup only (what reading the note back needs).
    case store
    /// `list --json`, `show --json` and `export` (README "JSON output", a contract for
    /// scripts): `url` is null when absent, and each summary node also has its spans and its
    /// plain text (`JSONExporter.write(_:to:)`).
    case export
  }

  static func write(_ note: Note, to writer: inout JSONWriter, as shape: Shape = .store) {
    writer.beginObject()
    if let body = note.body {
      writer.key(ascii: "body")
      writer.string(body)
    }
    writer.key(ascii: "created")
    write(note.created, to: &writer)
    writer.key(ascii: "id")
    writer.string(note.id.rawValue)
    writer.key(ascii: "provenance")
    write(note.provenance, to: &writer)
    if let published = note.published {
      writer.key(ascii: "published")
      write(published, to: &writer)
    }
    writer.key(ascii: "summary")
    switch shape {
    case .store: write(note.summary, to: &writer)
    case .export: JSONExporter.write(note.summary, to: &writer)
    }
    writer.key(ascii: "tags")
    writer.unescapedValue { bytes in
      bytes.append(UInt8(ascii: "["))
      for (index, tag) in note.tags.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        JSONWriter.appendQuoted(tag, to: &bytes)
      }
      bytes.append(UInt8(ascii: "]"))
    }
    writer.key(ascii: "title")
    writer.string(note.title)
    writer.key(ascii: "updated")
    write(note.updated, to: &writer)
    if let url = note.url {
      writer.key(ascii: "url")
      writer.string(url)
    } else if shape == .export {
      writer.key(ascii: "url")
      writer.null()
    }
    writer.endObject()
  }

  /// A date as its ISO 8601 string (which never needs escaping).
  static func write(_ date: Timestamp, to writer: inout JSONWriter) {
    writer.unescapedValue { bytes in
      bytes.append(UInt8(ascii: "\""))
      date.appendISO8601(to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    }
  }

  static func write(_ provenance: [Provenance], to writer: inout JSONWriter) {
    writer.beginArray()
    for entry in provenance {
      writer.beginObject()
      writer.key(ascii: "file")
      writer.string(entry.file)
      writer.key(ascii: "format")
      writer.string(entry.format)
      writer.key(ascii: "imported")
      write(entry.imported, to: &writer)
      writer.endObject()
    }
    writer.endArray()
  }

  static func write(_ nodes: [SummaryNode], to writer: inout JSONWriter) {
    writer.unescapedValue { append(nodes, to: &$0) }
  }

  /// Summary nodes as `[{"children":[…],"markup":"…"},…]` (children left out when empty),
  /// written straight into the bytes: a note's tree is a dozen small objects, and the
  /// writer's comma bookkeeping cost more than their text.
  static func append(_ nodes: [SummaryNode], to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "["))
    for (index, node) in nodes.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      if node.children.isEmpty {
        JSONWriter.appendRaw(#"{"markup":"#, to: &bytes)
      } else {
        JSONWriter.appendRaw(#"{"children":"#, to: &bytes)
        append(node.children, to: &bytes)
        JSONWriter.appendRaw(#","markup":"#, to: &bytes)
      }
      JSONWriter.appendQuoted(node.markup, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "]"))
  }

  // MARK: Reading

  /// Reads a whole note object at the reader's position.
  static func readNote(_ reader: inout JSONReader) throws(StoreProblem) -> Note {
    let start = reader.offset
    var header = HeaderFields()
    var summary: [SummaryNode] = []
    var body: String?
    var provenance: [Provenance] = []
    var published: Timestamp?
    do {
      try reader.beginObject()
      while let key = try reader.nextKeyName() {
        if try header.read(key, from: &reader) { continue }
        if key.is("summary") {
          summary = try readNodes(&reader, depth: 0)
        } else if key.is("body") {
          body = try reader.readNullIfPresent() ? nil : try reader.readString()
        } else if key.is("provenance") {
          provenance = try readProvenance(&reader)
        } else if key.is("published") {
          published = try reader.readNullIfPresent() ? nil : try readTimestamp(&reader)
        } else {
          // Unknown keys are kept readable by newer versions: ignored, not refused.
          try reader.skipValue()
        }
      }
    } catch {
      throw StoreProblem(error, at: reader.offset)
    }
    let fields = try header.complete(at: start)
    return Note(
      id: fields.id, url: fields.url, title: fields.title, tags: fields.tags, summary: summary,
      body: body, provenance: provenance, created: fields.created, updated: fields.updated,
      published: published)
  }

  /// Reads only the fields lists and tag queries need; skips summary, body, provenance,
  /// `published` and unknown keys with a byte scan.
  static func readHeader(_ reader: inout JSONReader) throws(StoreProblem) -> NoteHeader {
    let start = reader.offset
    var header = HeaderFields()
    try readHeaderFields(&reader, into: &header)
    return try header.complete(at: start)
  }

  /// The fields the list order needs (`NoteStore.ListKey`) of the note at the reader, checked
  /// as `readHeader` checks them; tags and URL are skipped, not read (a `String` per tag was
  /// most of ordering the 10,000 notes of `list --tag T --json` at 1,000,000 notes). Fails
  /// only where `readHeader` fails.
  static func readListKey(_ reader: inout JSONReader) throws(StoreProblem) -> NoteStore.ListKey {
    let start = reader.offset
    var fields = HeaderFields()
    do {
      try reader.beginObject()
      while let key = try reader.nextKeyName() {
        if key.is("tags") || key.is("url") {
          try reader.skipValue()
        } else if try !fields.read(key, from: &reader) {
          try reader.skipValue()
        }
      }
    } catch {
      throw StoreProblem(error, at: reader.offset)
    }
    try fields.check(at: start)
    return NoteStore.ListKey(
      created: fields.created!, title: String(decoding: fields.title, as: UTF8.self),
      id: NoteID(String(decoding: fields.id, as: UTF8.self)))
  }

  /// `readHeader` into `fields` (reset first), without making the header: what a scan of the
  /// whole store calls, reusing one `fields` for every note. Checked as `readHeader` checks.
  static func readHeaderFields(_ reader: inout JSONReader, into fields: inout HeaderFields)
    throws(StoreProblem)
  {
    let start = reader.offset
    fields.reset()
    do {
      try reader.beginObject()
      while let key = try reader.nextKeyName() {
        if try !fields.read(key, from: &reader) { try reader.skipValue() }
      }
    } catch {
      throw StoreProblem(error, at: reader.offset)
    }
    try fields.check(at: start)
  }

  /// Summary trees deeper than this are refused: the UI and the outline format cannot show them.
  static let maxSummaryDepth = 64

  static func readNodes(_ reader: inout JSONReader, depth: Int) throws -> [SummaryNode] {
    if depth > maxSummaryDepth {
      throw StoreProblem(
        "summary tree nested deeper than \(maxSummaryDepth) levels", at: reader.offset)
    }
    var nodes: [SummaryNode] = []
    try reader.beginArray()
    while try reader.nextElement() {
      let start = reader.offset
      var markup: String?
      var children: [SummaryNode] = []
      try reader.beginObject()
      while let key = try reader.nextKey() {
        switch key {
        case "markup": markup = try reader.readString()
        case "children": children = try readNodes(&reader, depth: depth + 1)
        default: try reader.skipValue()
        }
      }
      guard let markup else { throw StoreProblem("summary node without \"markup\"", at: start) }
      nodes.append(SummaryNode(markup: markup, children: children))
    }
    return nodes
  }

  static func readProvenance(_ reader: inout JSONReader) throws -> [Provenance] {
    var entries: [Provenance] = []
    try reader.beginArray()
    while try reader.nextElement() {
      let start = reader.offset
      var file = "", format = "", imported: Timestamp?
      try reader.beginObject()
      while let key = try reader.nextKey() {
        switch key {
        case "file": file = try reader.readString()
        case "format": format = try reader.readString()
        case "imported": imported = try readTimestamp(&reader)
        default: try reader.skipValue()
        }
      }
      guard let imported else {
        throw StoreProblem("provenance without \"imported\" time", at: start)
      }
      entries.append(Provenance(file: file, format: format, imported: imported))
    }
    return entries
  }

  static func readTimestamp(_ reader: inout JSONReader) throws -> Timestamp {
    reader.skipWhitespace()
    let start = reader.offset
    // A plain string (every time url-notes writes) is parsed from its bytes: a `String` per
    // time was two heap allocations per note of a scan.
    let text: String
    if let plain = reader.readPlainString() {
      if let time = Timestamp(iso8601Bytes: plain.bytes) { return time }
      text = String(decoding: plain.bytes, as: UTF8.self)
    } else {
      text = try reader.readString()
    }
    guard let time = Timestamp(iso8601: text) else {
      throw StoreProblem(
        "expected a time like \"2026-01-31T12:00:00Z\", found \"\(text)\"", at: start)
    }
    return time
  }
}
