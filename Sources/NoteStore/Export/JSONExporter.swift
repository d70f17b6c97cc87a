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
      NoteCodec.write(note, to: &writer, as: .export)
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
    NoteCodec.write(note, to: &writer, as: .export)
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
