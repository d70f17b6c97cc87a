import ByteJSON

/// The JSON shapes the command line prints (`list --json`, `show --json`, `tags --json`,
/// `export --format json`). They are a contract for scripts: fields may be added, never renamed
/// or removed. Documented in README "JSON output".
public enum JSONExporter {
  /// `[note, …]`; each note: id, url (null when absent), title, tags, summary, body (when
  /// present), created, updated, published (when known), provenance. Handed to `emit` as UTF-8 a piece at a time (each
  /// about `chunkBytes`), through one reused buffer: `list --json` of a thousand notes prints
  /// 6 MB, and building it whole cost a page fault per 4 KB and a copy each time the buffer
  /// grew (and a String of it would validate every byte again).
  public static func writeNotes(
    _ notes: some Sequence<Note>, chunkBytes: Int = 1 << 20,
    _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var writer = JSONWriter(reservingCapacity: chunkBytes + 64 * 1024)
    writer.beginArray()
    for note in notes {
      write(note, to: &writer)
      if writer.bytes.count >= chunkBytes {
        writer.bytes.withUnsafeBufferPointer(emit)
        writer.bytes.removeAll(keepingCapacity: true)
      }
    }
    writer.endArray()
    writer.bytes.withUnsafeBufferPointer(emit)
  }

  /// One note object.
  public static func note(_ note: Note) -> String {
    var writer = JSONWriter()
    write(note, to: &writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// `[{"tag": …, "count": …}, …]`.
  public static func tagCounts(_ counts: [TagCount]) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    for entry in counts {
      writer.beginObject()
      writer.key(ascii: "count")
      writer.int(entry.count)
      writer.key(ascii: "tag")
      writer.string(entry.tag)
      writer.endObject()
    }
    writer.endArray()
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  static func write(_ note: Note, to writer: inout JSONWriter) {
    writer.beginObject()
    if let body = note.body {
      writer.key(ascii: "body")
      writer.string(body)
    }
    writer.key(ascii: "created")
    NoteCodec.write(note.created, to: &writer)
    writer.key(ascii: "id")
    writer.string(note.id.rawValue)
    writer.key(ascii: "provenance")
    NoteCodec.write(note.provenance, to: &writer)
    if let published = note.published {
      writer.key(ascii: "published")
      NoteCodec.write(published, to: &writer)
    }
    writer.key(ascii: "summary")
    write(note.summary, to: &writer)
    writer.key(ascii: "tags")
    writer.beginArray()
    for tag in note.tags { writer.string(tag) }
    writer.endArray()
    writer.key(ascii: "title")
    writer.string(note.title)
    writer.key(ascii: "updated")
    NoteCodec.write(note.updated, to: &writer)
    writer.key(ascii: "url")
    if let url = note.url { writer.string(url) } else { writer.null() }
    writer.endObject()
  }

  /// Nodes: `{"children": […], "markup": "**CPU:** …", "spans": [{"style": ["bold"],
  /// "text": "CPU:"}, …], "text": "CPU: …"}`.
  static func write(_ nodes: [SummaryNode], to writer: inout JSONWriter) {
    writer.beginArray()
    for node in nodes {
      writer.beginObject()
      writer.key(ascii: "children")
      write(node.children, to: &writer)
      writer.key(ascii: "markup")
      writer.string(node.markup)
      writer.key(ascii: "spans")
      writer.beginArray()
      let spans = node.spans  // parsed once: "text" below is their plain text
      for span in spans {
        writer.beginObject()
        writer.key(ascii: "style")
        writer.beginArray()
        if span.style.contains(.bold) { writer.string("bold") }
        if span.style.contains(.code) { writer.string("code") }
        if span.style.contains(.italic) { writer.string("italic") }
        writer.endArray()
        writer.key(ascii: "text")
        writer.string(span.text)
        writer.endObject()
      }
      writer.endArray()
      writer.key(ascii: "text")
      writer.string(InlineMarkup.plainText(of: spans))
      writer.endObject()
    }
    writer.endArray()
  }
}
