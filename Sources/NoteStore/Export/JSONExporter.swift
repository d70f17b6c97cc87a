import ByteJSON
import ByteKernels

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
    var quoted: [UInt8] = []
    writer.unescapedValue { append(nodes, to: &$0, quoted: &quoted) }
  }

  /// `write(_:to:)` straight into the bytes, as `NoteCodec.append` writes the store's nodes:
  /// the writer's comma bookkeeping for a dozen small objects per note cost more than their
  /// text (`list --tag T --json` at 1,000,000 notes encodes 10,000 notes). `quoted` is a
  /// buffer reused for each node's quoted markup.
  static func append(_ nodes: [SummaryNode], to bytes: inout [UInt8], quoted: inout [UInt8]) {
    bytes.append(UInt8(ascii: "["))
    for (index, node) in nodes.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONWriter.appendRaw(#"{"children":"#, to: &bytes)
      append(node.children, to: &bytes, quoted: &quoted)
      JSONWriter.appendRaw(#","markup":"#, to: &bytes)
      quoted.removeAll(keepingCapacity: true)
      JSONWriter.appendQuoted(node.markup, to: &quoted)
      bytes.append(contentsOf: quoted)
      JSONWriter.appendRaw(#","spans":["#, to: &bytes)
      if !InlineMarkup.hasMarker(node.markup) {
        // Most bullets: one unstyled span (none when empty) whose text is the markup, and
        // a plain text that is the markup too unless its whitespace collapses; the markup is
        // quoted once, not three times (`InlineMarkup.spans(of:)` gives the same spans).
        if !node.markup.isEmpty {
          JSONWriter.appendRaw(#"{"style":[],"text":"#, to: &bytes)
          bytes.append(contentsOf: quoted)
          bytes.append(UInt8(ascii: "}"))
        }
        JSONWriter.appendRaw(#"],"text":"#, to: &bytes)
        var markup = node.markup
        if let collapsed = markup.withUTF8({ Whitespace.collapsed($0) }) {
          JSONWriter.appendQuoted(String(decoding: collapsed, as: UTF8.self), to: &bytes)
        } else {
          bytes.append(contentsOf: quoted)  // nothing collapses: the same string
        }
      } else {
        let spans = node.spans  // parsed once: "text" below is their plain text
        for (spanIndex, span) in spans.enumerated() {
          if spanIndex > 0 { bytes.append(UInt8(ascii: ",")) }
          appendSpanOpening(span.style, to: &bytes)
          JSONWriter.appendQuoted(span.text, to: &bytes)
          bytes.append(UInt8(ascii: "}"))
        }
        JSONWriter.appendRaw(#"],"text":"#, to: &bytes)
        JSONWriter.appendQuoted(InlineMarkup.plainText(of: spans), to: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// A span object up to its text: `{"style":[…],"text":`, the styles in the contract's order.
  /// (`StoredNoteExport` writes the text from the stored markup's bytes, this file from a
  /// decoded span.)
  static func appendSpanOpening(_ style: InlineStyle, to bytes: inout [UInt8]) {
    JSONWriter.appendRaw(#"{"style":["#, to: &bytes)
    var styled = false
    func appendStyle(_ name: StaticString) {
      if styled { bytes.append(UInt8(ascii: ",")) }
      JSONWriter.appendRaw(name, to: &bytes)
      styled = true
    }
    if style.contains(.bold) { appendStyle(#""bold""#) }
    if style.contains(.code) { appendStyle(#""code""#) }
    if style.contains(.italic) { appendStyle(#""italic""#) }
    JSONWriter.appendRaw(#"],"text":"#, to: &bytes)
  }
}
