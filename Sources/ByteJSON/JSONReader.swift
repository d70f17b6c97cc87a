/// A pull reader over JSON bytes: the caller asks for the value it expects next.
///
/// Built for speed on large inputs (the note store reads hundreds of megabytes): it works on an
/// `UnsafeBufferPointer`, decodes only what is asked for, and skips unwanted values with a plain
/// byte scan. The buffer must stay valid while the reader is used.
///
/// Policies: the grammar is strict RFC 8259 (no comments, no trailing commas, no raw control
/// characters in strings). Text is tolerant: invalid UTF-8 becomes U+FFFD and a lone surrogate
/// escape (`\ud800`) becomes U+FFFD, because scraped pages contain both and `JSON.parse` accepts
/// them.
public struct JSONReader {
  /// Nesting limit of arrays and objects, the same as Foundation's parser.
  public static let defaultMaxDepth = 512
  /// Longest string accepted, in bytes. Large enough for article bodies and the biggest `T`
  /// rows seen in real pages (≈250 KB); a bound so hostile input cannot demand unbounded memory.
  public static let defaultMaxStringBytes = 64 << 20

  public let bytes: UnsafeBufferPointer<UInt8>
  /// The offset of the next unread byte.
  public var offset: Int
  public let maxDepth: Int
  public let maxStringBytes: Int
  @usableFromInline var depth = 0

  public init(
    _ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0,
    maxDepth: Int = JSONReader.defaultMaxDepth,
    maxStringBytes: Int = JSONReader.defaultMaxStringBytes
  ) {
    self.bytes = bytes
    self.offset = offset
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
  }

  /// Skips spaces, tabs, CR and LF.
  @inlinable @inline(__always)
  public mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x0A, 0x0D, 0x09: offset += 1
      default: return
      }
    }
  }

  /// The next non-whitespace byte, not consumed; nil at the end.
  @inlinable @inline(__always)
  public mutating func peek() -> UInt8? {
    skipWhitespace()
    return offset < bytes.count ? bytes[offset] : nil
  }

  /// Throws unless only whitespace remains.
  public mutating func expectEnd() throws(JSONError) {
    skipWhitespace()
    if offset < bytes.count { throw JSONError(.trailingData, at: offset) }
  }

  // MARK: Structure

  /// Consumes `{`.
  public mutating func beginObject() throws(JSONError) {
    try expect(UInt8(ascii: "{"), "'{'")
    try enter()
  }

  /// Reads the next member name and its `:`; nil (and the `}` consumed) when the object ends.
  /// Handles the commas between members.
  public mutating func nextKey() throws(JSONError) -> String? {
    guard try atNextKey() else { return nil }
    let key = try readString()
    try expect(UInt8(ascii: ":"), "':' after a member name")
    return key
  }

  /// Moves to the next member name's opening quote, past a comma; false (and the `}` consumed)
  /// when the object ends.
  @inline(__always)
  mutating func atNextKey() throws(JSONError) -> Bool {
    guard let byte = peek() else { throw JSONError(.unexpectedEnd(expected: "'}'"), at: offset) }
    if byte == UInt8(ascii: "}") {
      offset += 1
      depth -= 1
      return false
    }
    if atContainerStart(UInt8(ascii: "{")) {
      guard byte == UInt8(ascii: "\"") else { throw unexpected("a member name or '}'") }
    } else {
      guard byte == UInt8(ascii: ",") else { throw unexpected("',' or '}' after an object member") }
      offset += 1
      guard peek() == UInt8(ascii: "\"") else { throw unexpected("a member name after ','") }
    }
    return true
  }

  /// Consumes `[`.
  public mutating func beginArray() throws(JSONError) {
    try expect(UInt8(ascii: "["), "'['")
    try enter()
  }

  /// True when another element follows (its comma consumed); false (and `]` consumed) at the end.
  ///
  /// Inlined into its callers (the walks of large documents call it for every element) for the
  /// usual compact cases: `]`; an element right after `[`; a comma right after an element with
  /// a value right after it. Those are decided on the bytes next to `offset`, as the full path
  /// would decide them; anything else (whitespace, errors) takes the full path.
  @inlinable @inline(__always)
  public mutating func nextElement() throws(JSONError) -> Bool {
    if offset > 0 && offset + 1 < bytes.count {
      let byte = bytes[offset]
      let previous = bytes[offset - 1]
      if byte == UInt8(ascii: "]") {
        offset += 1
        depth -= 1
        return false
      }
      if previous == UInt8(ascii: "[") && !Self.isWhitespace(byte) { return true }
      let following = bytes[offset + 1]
      if byte == UInt8(ascii: ","), previous != UInt8(ascii: "["), !Self.isWhitespace(previous),
        following != UInt8(ascii: "]"), !Self.isWhitespace(following)
      {
        offset += 1
        return true
      }
    }
    return try nextElementInFull()
  }

  /// `nextElement()` for any input: whitespace, the errors.
  @usableFromInline
  mutating func nextElementInFull() throws(JSONError) -> Bool {
    guard let byte = peek() else { throw JSONError(.unexpectedEnd(expected: "']'"), at: offset) }
    if byte == UInt8(ascii: "]") {
      offset += 1
      depth -= 1
      return false
    }
    if atContainerStart(UInt8(ascii: "[")) { return true }
    guard byte == UInt8(ascii: ",") else { throw unexpected("',' or ']' after an array element") }
    offset += 1
    skipWhitespace()
    if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
      throw unexpected("a value after ','")
    }
    return true
  }

  // MARK: Scalars

  /// Reads `null` if it is next; returns whether it did.
  public mutating func readNullIfPresent() throws(JSONError) -> Bool {
    guard peek() == UInt8(ascii: "n") else { return false }
    try expectLiteral("null")
    return true
  }

  /// Reads `true` or `false`.
  public mutating func readBool() throws(JSONError) -> Bool {
    switch peek() {
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return true
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return false
    default: throw unexpected("true or false")
    }
  }

  /// Reads a number, validated against the JSON grammar.
  public mutating func readNumber() throws(JSONError) -> JSONNumber {
    skipWhitespace()
    let start = offset
    try scanNumber()
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    return JSONNumber(text: text)
  }

  /// Reads an integer number; throws if the number has a fraction or does not fit.
  public mutating func readInt() throws(JSONError) -> Int {
    skipWhitespace()
    let start = offset
    let number = try readNumber()
    guard let value = number.int else { throw JSONError(.invalidNumber, at: start) }
    return value
  }

  // MARK: Helpers

  @inline(__always)
  mutating func expect(_ byte: UInt8, _ what: String) throws(JSONError) {
    guard let next = peek() else { throw JSONError(.unexpectedEnd(expected: what), at: offset) }
    guard next == byte else {
      throw JSONError(.unexpectedByte(found: next, expected: what), at: offset)
    }
    offset += 1
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
    let start = offset
    let count = literal.utf8CodeUnitCount
    guard offset + count <= bytes.count else {
      throw JSONError(.unexpectedEnd(expected: "'\(literal)'"), at: start)
    }
    let pointer = literal.utf8Start
    for index in 0..<count where bytes[offset + index] != pointer[index] {
      throw JSONError(
        .unexpectedByte(found: bytes[offset + index], expected: "'\(literal)'"),
        at: offset + index)
    }
    offset += count
  }

  mutating func enter() throws(JSONError) {
    depth += 1
    if depth > maxDepth { throw JSONError(.tooDeep(limit: maxDepth), at: offset - 1) }
  }

  /// True when the last consumed non-whitespace byte is `opener`, i.e. no element was read yet.
  @usableFromInline
  func atContainerStart(_ opener: UInt8) -> Bool {
    var index = offset - 1
    while index >= 0 {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index -= 1
      default: return bytes[index] == opener
      }
    }
    return false
  }

  @usableFromInline
  mutating func unexpected(_ expected: String) -> JSONError {
    skipWhitespace()
    if offset >= bytes.count { return JSONError(.unexpectedEnd(expected: expected), at: offset) }
    return JSONError(.unexpectedByte(found: bytes[offset], expected: expected), at: offset)
  }

  mutating func scanNumber() throws(JSONError) {
    let start = offset
    if offset < bytes.count && bytes[offset] == UInt8(ascii: "-") { offset += 1 }
    guard offset < bytes.count else { throw JSONError(.invalidNumber, at: start) }
    if bytes[offset] == UInt8(ascii: "0") {
      offset += 1
      // JSON forbids leading zeros ("01").
      if offset < bytes.count && isDigit(bytes[offset]) {
        throw JSONError(.invalidNumber, at: start)
      }
    } else if isDigit(bytes[offset]) {
      while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
    } else {
      throw offset == start ? unexpected("a value") : JSONError(.invalidNumber, at: start)
    }
    if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      guard offset < bytes.count && isDigit(bytes[offset]) else {
        throw JSONError(.invalidNumber, at: start)
      }
      while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
    }
    if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
      offset += 1
      if offset < bytes.count
        && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-"))
      {
        offset += 1
      }
      guard offset < bytes.count && isDigit(bytes[offset]) else {
        throw JSONError(.invalidNumber, at: start)
      }
      while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
    }
  }

  @inline(__always)
  func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// The bytes `skipWhitespace` passes over.
  @inlinable @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }
}
