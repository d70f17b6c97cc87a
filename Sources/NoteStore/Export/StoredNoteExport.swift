import ByteJSON
import ByteKernels

/// A snapshot note's `--json` object (README "JSON output") written from its stored bytes,
/// when they are exactly what the store writes (`NoteCodec.write(_:to:as: .store)`).
///
/// The two shapes differ only in each summary node, which `--json` gives its spans and plain
/// text (and `children`, also when empty), and in `"url":null` for a note without a URL;
/// every other byte of a stored note is the `--json` byte. So the note is copied, and only its
/// nodes are made, from the markup's bytes (`InlineMarkup.forEachSpan`, as the spans of the
/// decoded note are). At 1,000,000 notes `list --tag T --json` decoded and encoded 10,000
/// notes, most of its time (issue 16 asks for a `cat` of the store).
///
/// Strict by design: `append` answers only for the bytes `NoteCodec` writes, where decoding
/// and encoding give these bytes too — keys in their order with no space, strings as
/// `JSONWriter` escapes them (only `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`; no raw control,
/// DEL or `TerminalHazard`; well-formed UTF-8), markup without escapes, times as
/// `Timestamp.appendISO8601` writes them, a non-empty id, summary depth within
/// `NoteCodec.maxSummaryDepth`. Anything else (a hand-edited note, a key of a newer version)
/// returns false, and the caller decodes and encodes the note: one reader (`NoteCodec`)
/// decides what a note means; this only recognises its own output.
enum StoredNoteExport {
  /// Appends the `--json` object of the stored note `stored` (exactly its bytes, `{` to `}`)
  /// to `out` and returns true; false when the bytes are not in the store's own form (`out`
  /// may then hold part of the object: the caller cuts it).
  static func append(_ stored: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
    var cursor = Cursor(bytes: stored)
    guard cursor.take("{") else { return false }
    if cursor.take(#""body":"#) {
      guard cursor.string() != nil, cursor.take(",") else { return false }
    }
    guard cursor.take(#""created":"#), cursor.time(), cursor.take(#","id":"#),
      let id = cursor.string(), !id.range.isEmpty, cursor.take(#","provenance":["#)
    else { return false }
    if !cursor.take("]") {
      repeat {
        guard cursor.take(#"{"file":"#), cursor.string() != nil, cursor.take(#","format":"#),
          cursor.string() != nil, cursor.take(#","imported":"#), cursor.time(),
          cursor.take("}")
        else { return false }
      } while cursor.take(",")
      guard cursor.take("]") else { return false }
    }
    if cursor.take(#","published":"#) {
      guard cursor.time() else { return false }
    }
    guard cursor.take(#","summary":"#) else { return false }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: stored[0..<cursor.offset]))
    guard appendNodes(&cursor, depth: 0, to: &out) else { return false }
    let rest = cursor.offset
    guard cursor.take(#","tags":["#) else { return false }
    if !cursor.take("]") {
      repeat {
        guard cursor.string() != nil else { return false }
      } while cursor.take(",")
      guard cursor.take("]") else { return false }
    }
    guard cursor.take(#","title":"#), cursor.string() != nil, cursor.take(#","updated":"#),
      cursor.time()
    else { return false }
    let hasURL = cursor.take(#","url":"#)
    if hasURL {
      guard cursor.string() != nil else { return false }
    }
    guard cursor.take("}"), cursor.offset == stored.count else { return false }
    if hasURL {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: stored[rest...]))
    } else {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: stored[rest..<(stored.count - 1)]))
      JSONWriter.appendRaw(#","url":null}"#, to: &out)
    }
    return true
  }

  /// Reads a stored node array at `depth` (`[{"children":[…],"markup":"…"},…]`, children
  /// only when there are some) and appends its `--json` form, as `JSONExporter.append` writes
  /// the decoded nodes.
  static func appendNodes(_ cursor: inout Cursor, depth: Int, to out: inout [UInt8]) -> Bool {
    guard depth <= NoteCodec.maxSummaryDepth, cursor.take("[") else { return false }
    out.append(UInt8(ascii: "["))
    if cursor.take("]") {
      out.append(UInt8(ascii: "]"))
      return true
    }
    var first = true
    repeat {
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      guard cursor.take("{") else { return false }
      JSONWriter.appendRaw(#"{"children":"#, to: &out)
      if cursor.take(#""children":"#) {
        // The store leaves empty children out: `[]` here is not its form.
        guard cursor.peek() != nil, !cursor.startsWith("[]"),
          appendNodes(&cursor, depth: depth + 1, to: &out), cursor.take(",")
        else { return false }
      } else {
        JSONWriter.appendRaw("[]", to: &out)
      }
      guard cursor.take(#""markup":"#), let markup = cursor.string(), !markup.escaped,
        cursor.take("}")
      else { return false }
      appendNode(markup: UnsafeBufferPointer(rebasing: cursor.bytes[markup.range]), to: &out)
    } while cursor.take(",")
    guard cursor.take("]") else { return false }
    out.append(UInt8(ascii: "]"))
    return true
  }

  /// `,"markup":…,"spans":[…],"text":…}` of a node whose markup is `markup` (bytes that need
  /// no JSON escape: neither do its spans' texts and its plain text, which are made of its
  /// scalars and spaces).
  static func appendNode(markup: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: text)
      out.append(UInt8(ascii: "\""))
    }
    JSONWriter.appendRaw(#","markup":"#, to: &out)
    appendQuoted(markup)
    JSONWriter.appendRaw(#","spans":["#, to: &out)
    var plain: [UInt8] = []
    var spanCount = 0
    InlineMarkup.forEachSpan(markup) { pieces, style in
      if spanCount > 0 { out.append(UInt8(ascii: ",")) }
      spanCount += 1
      JSONExporter.appendSpanOpening(style, to: &out)
      out.append(UInt8(ascii: "\""))
      for piece in pieces {
        let bytes = UnsafeBufferPointer(rebasing: markup[piece])
        out.append(contentsOf: bytes)
        plain.append(contentsOf: bytes)
      }
      JSONWriter.appendRaw(#""}"#, to: &out)
    }
    JSONWriter.appendRaw(#"],"text":"#, to: &out)
    plain.withUnsafeBufferPointer { text in
      if let collapsed = Whitespace.collapsed(text) {
        collapsed.withUnsafeBufferPointer { appendQuoted($0) }
      } else {
        appendQuoted(text)
      }
    }
    out.append(UInt8(ascii: "}"))
  }

  /// A position in a stored note's bytes that only moves forward, over what it recognises.
  struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Whether the bytes at the cursor are `literal`.
    func startsWith(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard offset + count <= bytes.count else { return false }
      let start = literal.utf8Start
      for index in 0..<count where bytes[offset + index] != start[index] { return false }
      return true
    }

    /// Moves past `literal` if the bytes at the cursor are it.
    mutating func take(_ literal: StaticString) -> Bool {
      guard startsWith(literal) else { return false }
      offset += literal.utf8CodeUnitCount
      return true
    }

    /// Moves past a string written as `JSONWriter.appendQuoted` writes one: the range of its
    /// text between the quotes, and whether that holds an escape. Nil, for any other string.
    mutating func string() -> (range: Range<Int>, escaped: Bool)? {
      guard take("\"") else { return nil }
      let start = offset
      var index = offset
      var escaped = false
      while index < bytes.count {
        // Eight bytes of plain printable ASCII at a time, the bulk of any note.
        while index + 8 <= bytes.count {
          let word = SWAR.load(bytes.baseAddress! + index)
          guard
            !SWAR.hasByte(below: 0x20, in: word), !SWAR.hasDELOrNonASCII(word),
            !SWAR.hasByte(UInt8(ascii: "\""), in: word),
            !SWAR.hasByte(UInt8(ascii: "\\"), in: word)
          else { break }
          index += 8
        }
        guard index < bytes.count else { break }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          // Longer than a reader takes, the decoded note would not be this one.
          guard index - start <= JSONReader.defaultMaxStringBytes else { return nil }
          offset = index + 1
          return (start..<index, escaped)
        } else if byte == UInt8(ascii: "\\") {
          // The escapes `JSONWriter.appendEscape` writes for these bytes; `\u` (a control,
          // a hazard) and `\/` are left to the decoder.
          guard index + 1 < bytes.count else { return nil }
          switch bytes[index + 1] {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"),
            UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            escaped = true
            index += 2
          default: return nil
          }
        } else if byte < 0x20 || byte == 0x7F {
          return nil
        } else if byte < 0x80 {
          index += 1
        } else {
          let length = UTF8Scan.validSequenceLength(bytes, at: index)
          guard length > 0, TerminalHazard.scalar(in: bytes, at: index) == nil else {
            return nil
          }
          index += length
        }
      }
      return nil
    }

    /// Moves past a time written as `Timestamp.appendISO8601` writes it.
    mutating func time() -> Bool {
      guard take("\""), offset + 21 <= bytes.count, bytes[offset + 20] == UInt8(ascii: "\"")
      else { return false }
      let text = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 20)])
      guard let time = Timestamp(iso8601Bytes: text) else { return false }
      var written: [UInt8] = []
      written.reserveCapacity(20)
      time.appendISO8601(to: &written)
      guard written.elementsEqual(text) else { return false }
      offset += 21
      return true
    }
  }
}
