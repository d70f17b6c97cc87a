import ByteKernels

/// Writes JSON text into a byte array: compact, deterministic, UTF-8 kept raw.
///
/// Only `"`, `\` and the scalars of `TerminalHazard` (controls, bidi controls, invisible
/// characters) are escaped, so output is stable across platforms, diffs cleanly and is safe to
/// print. The writer does not reorder anything: callers that need sorted keys write
/// members in sorted order (`write(_:)` sorts the keys of `JSONValue` objects).
public struct JSONWriter {
  public var bytes: [UInt8]
  /// Whether a comma is due before the next element, one flag per open container.
  var needsComma: [Bool] = []

  public init(reservingCapacity capacity: Int = 256) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  // MARK: Containers

  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }

  public mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }

  public mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes a member name and its colon; the value comes next.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
  }

  /// `key(_:)` for a name known to need no escaping (ASCII letters, digits, `_`): written
  /// as it is, without the scan. Encoders of fixed schemas call this once per member.
  public mutating func key(ascii name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
  }

  // MARK: Scalars

  public mutating func string(_ value: String) {
    separate()
    appendQuoted(value)
  }

  public mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  public mutating func number(_ value: JSONNumber) {
    separate()
    bytes.append(contentsOf: value.text.utf8)
  }

  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  public mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
  }

  /// A value whose JSON text `write` appends as it is (a date already formatted, say): the
  /// caller guarantees a complete value that needs no escaping; the comma logic is kept.
  public mutating func unescapedValue(_ write: (inout [UInt8]) -> Void) {
    separate()
    write(&bytes)
  }

  /// `unescapedValue(_:)` for a value `write` may give up on (returning false): the bytes
  /// and the comma state are then as they were before the call, and false is returned.
  public mutating func tentativeValue(_ write: (inout [UInt8]) -> Bool) -> Bool {
    let mark = bytes.count
    let commaDue = needsComma.last
    separate()
    if write(&bytes) { return true }
    bytes.removeSubrange(mark...)
    if let commaDue { needsComma[needsComma.count - 1] = commaDue }
    return false
  }

  /// Appends bytes as they are (a newline between records, say); no comma logic.
  public mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Writes a whole value; object keys are sorted (by UTF-8 bytes) for deterministic output.
  public mutating func write(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let flag): bool(flag)
    case .number(let number): self.number(number)
    case .string(let text): string(text)
    case .array(let elements):
      beginArray()
      for element in elements { write(element) }
      endArray()
    case .object(let object):
      beginObject()
      for member in object.members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      ) {
        key(member.key)
        write(member.value)
      }
      endObject()
    }
  }

  /// The text of `value` as compact JSON with sorted keys.
  public static func encode(_ value: JSONValue) -> String {
    var writer = JSONWriter()
    writer.write(value)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  // MARK: Helpers

  @inline(__always)
  mutating func separate() {
    guard let last = needsComma.last else { return }
    if last { bytes.append(UInt8(ascii: ",")) } else { needsComma[needsComma.count - 1] = true }
  }

  mutating func appendQuoted(_ text: String) { Self.appendQuoted(text, to: &bytes) }

  /// `text` as a JSON string (quoted, escaped as `string(_:)` escapes) appended to `bytes`,
  /// with no comma logic: for encoders of fixed shapes that place their own separators and
  /// would otherwise spend more on the writer's bookkeeping than on their text.
  public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      var index = 0
      while index < utf8.count {
        // Most text is plain: eight bytes per test until a word holds a byte to look at.
        while index + 8 <= utf8.count,
          !mayNeedEscape(word: SWAR.load(utf8.baseAddress! + index))
        {
          index += 8
        }
        guard index < utf8.count else { break }
        let byte = utf8[index]
        if !mayNeedEscape(byte) {
          index += 1
        } else if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          appendEscape(byte, to: &bytes)
          index += 1
          runStart = index
        } else if let (scalar, length) = TerminalHazard.scalar(in: utf8, at: index) {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          appendUnicodeEscape(scalar, to: &bytes)
          index += length
          runStart = index
        } else {
          index += 1
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends JSON text known to need nothing (punctuation and member names of a fixed shape).
  @inline(__always)
  public static func appendRaw(_ text: StaticString, to bytes: inout [UInt8]) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Whether `byte` is escaped or starts a scalar that may be: `"`, `\` and what may start
  /// a `TerminalHazard` (controls, DEL, the lead bytes of its other scalars), which are
  /// written as `\uXXXX` so JSON printed to a terminal cannot drive it (some terminals act on
  /// C1 controls) or reorder what is shown. Every other byte is copied as it is, which is most
  /// of any text.
  @inline(__always)
  static func mayNeedEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || TerminalHazard.mayStart(byte)
  }

  /// Whether any of the eight bytes of `word` is one `mayNeedEscape(_:)` accepts (never false
  /// when one is; a true answer only sends the bytes to the byte-by-byte test).
  @inline(__always)
  static func mayNeedEscape(word: UInt64) -> Bool {
    TerminalHazard.mayStart(word: word) || SWAR.hasByte(UInt8(ascii: "\""), in: word)
      || SWAR.hasByte(UInt8(ascii: "\\"), in: word)
  }

  static func appendUnicodeEscape(_ scalar: UInt32, to bytes: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
    for shift in stride(from: 12, through: 0, by: -4) {
      bytes.append(hex[Int((scalar >> UInt32(shift)) & 0xF)])
    }
  }

  static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
    case 0x0A: bytes.append(UInt8(ascii: "n"))
    case 0x0D: bytes.append(UInt8(ascii: "r"))
    case 0x09: bytes.append(UInt8(ascii: "t"))
    case 0x08: bytes.append(UInt8(ascii: "b"))
    case 0x0C: bytes.append(UInt8(ascii: "f"))
    default:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [
        UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
      ])
    }
  }
}
