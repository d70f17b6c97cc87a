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
  /// The offset of the next unread byte: read-only, so the reader alone moves its cursor
  /// (callers ask for the next token; to go back, they keep a copy of the reader).
  public var offset: Int { position }
  /// `offset`, for the reader's own (inlinable) code.
  @usableFromInline var position: Int
  public let maxDepth: Int
  public let maxStringBytes: Int
  @usableFromInline var depth = 0

  public init(
    _ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0,
    maxDepth: Int = JSONReader.defaultMaxDepth,
    maxStringBytes: Int = JSONReader.defaultMaxStringBytes
  ) {
    self.bytes = bytes
    self.position = offset
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
  }

  /// A place in the input the reader stood at, to return to with `rewind(to:)`: callers look
  /// ahead and come back without ever choosing an offset themselves.
  public struct Mark {
    @usableFromInline let position: Int
    @usableFromInline let depth: Int

    @usableFromInline
    init(position: Int, depth: Int) {
      self.position = position
      self.depth = depth
    }
  }

  /// Where the reader stands now.
  @inlinable
  public var mark: Mark { Mark(position: position, depth: depth) }

  /// Returns to `mark`, a place this reader, or a reader made from it by `continuing(at:)`,
  /// stood at.
  @inlinable
  public mutating func rewind(to mark: Mark) {
    position = mark.position
    depth = mark.depth
  }

  /// A reader over the same bytes that stands at `offset` inside the container this reader is
  /// in, at its depth: for another thread that reads a later part of the same array (the note
  /// store splits a scan of its notes at a note boundary found by bytes). Only the caller can
  /// know that `offset` starts an element there; what that reader reads is trusted only once
  /// this one, reading on, arrives at `offset` itself, and it then continues from where the
  /// other stopped (`rewind(to:)` with its `mark`). Offsets and errors count from the start
  /// of `bytes`, as this reader's do.
  public func continuing(at offset: Int) -> JSONReader {
    var reader = self
    reader.position = offset
    return reader
  }

  /// Consumes `literal` when the input continues with exactly its bytes (after whitespace);
  /// false, nothing consumed, otherwise. For fixed tokens such as the `"$"` of a flight
  /// element, which a general read would scan and decode.
  @inlinable @inline(__always)
  public mutating func skipIfNext(_ literal: StaticString) -> Bool {
    guard peek() != nil, literal.hasPointerRepresentation else { return false }
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    let expected = literal.utf8Start
    for index in 0..<count where bytes[position + index] != expected[index] { return false }
    position += count
    return true
  }

  /// Skips spaces, tabs, CR and LF.
  @inlinable @inline(__always)
  public mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  /// The next non-whitespace byte, not consumed; nil at the end.
  @inlinable @inline(__always)
  public mutating func peek() -> UInt8? {
    skipWhitespace()
    return position < bytes.count ? bytes[position] : nil
  }

  /// Throws unless only whitespace remains.
  public mutating func expectEnd() throws(JSONError) {
    skipWhitespace()
    if position < bytes.count { throw JSONError(.trailingData, at: position) }
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
    guard let byte = peek() else { throw JSONError(.unexpectedEnd(expected: "'}'"), at: position) }
    if byte == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return false
    }
    if atContainerStart(UInt8(ascii: "{")) {
      guard byte == UInt8(ascii: "\"") else { throw unexpected("a member name or '}'") }
    } else {
      guard byte == UInt8(ascii: ",") else { throw unexpected("',' or '}' after an object member") }
      position += 1
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
  /// a value right after it. Those are decided on the bytes next to `position`, as the full path
  /// would decide them; anything else (whitespace, errors) takes the full path.
  @inlinable @inline(__always)
  public mutating func nextElement() throws(JSONError) -> Bool {
    // The same compact-JSON fast path as `nextKeyName`'s (the closer, then the separator),
    // written out in each: they are the reader's hottest calls, and the two differ in their
    // closer, what follows a separator and what they return.
    if position > 0 && position + 1 < bytes.count {
      let byte = bytes[position]
      let previous = bytes[position - 1]
      if byte == UInt8(ascii: "]") {
        position += 1
        depth -= 1
        return false
      }
      if previous == UInt8(ascii: "[") && !Self.isWhitespace(byte) { return true }
      let following = bytes[position + 1]
      if byte == UInt8(ascii: ","), previous != UInt8(ascii: "["), !Self.isWhitespace(previous),
        following != UInt8(ascii: "]"), !Self.isWhitespace(following)
      {
        position += 1
        return true
      }
    }
    return try nextElementInFull()
  }

  /// `nextElement()` for any input: whitespace, the errors.
  @usableFromInline
  mutating func nextElementInFull() throws(JSONError) -> Bool {
    guard let byte = peek() else { throw JSONError(.unexpectedEnd(expected: "']'"), at: position) }
    if byte == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return false
    }
    if atContainerStart(UInt8(ascii: "[")) { return true }
    guard byte == UInt8(ascii: ",") else { throw unexpected("',' or ']' after an array element") }
    position += 1
    skipWhitespace()
    if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
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
    let start = position
    try scanNumber()
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    return JSONNumber(text: text)
  }

  /// Reads an integer number; throws if the number has a fraction or does not fit.
  public mutating func readInt() throws(JSONError) -> Int {
    skipWhitespace()
    let start = position
    let number = try readNumber()
    guard let value = number.int else { throw JSONError(.invalidNumber, at: start) }
    return value
  }

  // MARK: Helpers

  @inline(__always)
  mutating func expect(_ byte: UInt8, _ what: String) throws(JSONError) {
    guard let next = peek() else { throw JSONError(.unexpectedEnd(expected: what), at: position) }
    guard next == byte else {
      throw JSONError(.unexpectedByte(found: next, expected: what), at: position)
    }
    position += 1
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
    let start = position
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else {
      throw JSONError(.unexpectedEnd(expected: "'\(literal)'"), at: start)
    }
    let pointer = literal.utf8Start
    for index in 0..<count where bytes[position + index] != pointer[index] {
      throw JSONError(
        .unexpectedByte(found: bytes[position + index], expected: "'\(literal)'"),
        at: position + index)
    }
    position += count
  }

  mutating func enter() throws(JSONError) {
    depth += 1
    if depth > maxDepth { throw JSONError(.tooDeep(limit: maxDepth), at: position - 1) }
  }

  /// True when the last consumed non-whitespace byte is `opener`, i.e. no element was read yet.
  @usableFromInline
  func atContainerStart(_ opener: UInt8) -> Bool {
    var index = position - 1
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
    if position >= bytes.count {
      return JSONError(.unexpectedEnd(expected: expected), at: position)
    }
    return JSONError(.unexpectedByte(found: bytes[position], expected: expected), at: position)
  }

  mutating func scanNumber() throws(JSONError) {
    let start = position
    if position < bytes.count && bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count else { throw JSONError(.invalidNumber, at: start) }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
      // JSON forbids leading zeros ("01").
      if position < bytes.count && isDigit(bytes[position]) {
        throw JSONError(.invalidNumber, at: start)
      }
    } else if isDigit(bytes[position]) {
      while position < bytes.count && isDigit(bytes[position]) { position += 1 }
    } else {
      throw position == start ? unexpected("a value") : JSONError(.invalidNumber, at: start)
    }
    if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count && isDigit(bytes[position]) else {
        throw JSONError(.invalidNumber, at: start)
      }
      while position < bytes.count && isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count
        && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
      {
        position += 1
      }
      guard position < bytes.count && isDigit(bytes[position]) else {
        throw JSONError(.invalidNumber, at: start)
      }
      while position < bytes.count && isDigit(bytes[position]) { position += 1 }
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
