import ByteJSON

/// A pull reader over one model row's JSON that reads it as flight: it yields `FlightToken`s,
/// with the `$` forms interpreted here, once, for every client (the value decoder, the
/// importer's page walk), as React's client has one `parseModelString`.
///
/// It owns its cursor, like the `JSONReader` it wraps: the caller asks for the next token, for
/// the next slot of an array or element (`nextItem()`), for the next member name (`nextKey()`),
/// or skips a value; to look ahead it keeps a copy of the reader. An element tuple is told by
/// looking from its `"$"` marker to the props slot (the type and key, a few bytes, are read
/// twice). Errors are `JSONError`s at offsets in the row body: the first error in document
/// order, the one decoding the whole row reports, so a client that skips what it does not use
/// still fails exactly where a full decode fails. Complexity: O(body length) for a full read.
public struct FlightRowReader {
  @usableFromInline var json: JSONReader
  /// Where the props of the last `.element` stand, for `enterProps(of:)`: kept here rather
  /// than in the token, which stays small enough to return cheaply.
  @usableFromInline var propsMark: JSONReader.Mark

  /// A reader of `body` with the document's limits (`FlightDocument.maxNestingDepth`,
  /// `.maxStringBytes`). The buffer must stay valid while the reader and its tokens are used.
  public init(_ body: UnsafeBufferPointer<UInt8>) {
    json = JSONReader(
      body, maxDepth: FlightDocument.maxNestingDepth,
      maxStringBytes: FlightDocument.maxStringBytes)
    propsMark = json.mark
  }

  /// The offset of the next unread byte in the body.
  public var offset: Int { json.offset }

  /// The next value's token; for a container, its start (read its parts with `nextItem()` or
  /// `nextKey()`).
  // Transparent, not `@inline(__always)`: the optimizer left that as a call from the page
  // walk in NoteStore, and the token returned by each call took the import from +2% to +8%
  // of the old walk's instructions (callgrind, dry run of 60 bench pages).
  @_transparent
  public mutating func next() throws(JSONError) -> FlightToken {
    guard let byte = json.peek() else {
      throw JSONError(.unexpectedEnd(expected: "a value"), at: json.offset)
    }
    switch byte {
    case UInt8(ascii: "\""): return try Self.readString(&json)
    case UInt8(ascii: "{"):
      try json.beginObject()
      return .object
    case UInt8(ascii: "["): return try readArrayStart()
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try json.readBool())
    case UInt8(ascii: "n"):
      _ = try json.readNullIfPresent()
      return .null
    default: return .number(try json.readNumber().double)
    }
  }

  /// Inside an array or element: true when another slot follows (read it next); false, and
  /// the container closed, at its end.
  @inlinable @inline(__always)
  public mutating func nextItem() throws(JSONError) -> Bool { try json.nextElement() }

  /// Inside an object: the next member's name (its value follows), or nil at the end.
  /// Members named `__proto__` and members whose value is undefined (a `"$u…"` string) are
  /// passed over, as React's reviver deletes them. Transparent for the reason `next()` is.
  @_transparent
  public mutating func nextKey() throws(JSONError) -> JSONKey? {
    while let key = try json.nextKeyName() {
      if key.is("__proto__") {
        try Self.skip(&json)
        continue
      }
      if try skipsUndefined() { continue }
      return key
    }
    return nil
  }

  /// Skips the next value, failing wherever decoding it would (strings with escapes are
  /// decoded to check them; `JSONReader.skipValue()` would not).
  @inlinable
  public mutating func skipValue() throws(JSONError) { try Self.skip(&json) }

  /// After `.element(head)`: moves past the type and key slots to the props slot, which
  /// `next()` or `skipValue()` then reads. `head` must be the one this reader just gave.
  @inlinable
  public mutating func enterProps(of head: FlightElementHead) { json.rewind(to: propsMark) }

  /// Throws unless only whitespace remains.
  public mutating func expectEnd() throws(JSONError) { try json.expectEnd() }

  @inlinable
  static func skip(_ json: inout JSONReader) throws(JSONError) {
    guard let byte = json.peek() else {
      throw JSONError(.unexpectedEnd(expected: "a value"), at: json.offset)
    }
    switch byte {
    case UInt8(ascii: "\""):
      if json.readPlainString() == nil { _ = try json.readString() }
    case UInt8(ascii: "n"): _ = try json.readNullIfPresent()
    case UInt8(ascii: "{"):
      try json.beginObject()
      while try json.nextKeyName() != nil { try skip(&json) }
    case UInt8(ascii: "["):
      try json.beginArray()
      while try json.nextElement() { try skip(&json) }
    default: try json.skipValue()
    }
  }

  /// Consumes the member value at the reader when it is undefined (a string decoding to
  /// `$u…`, whose second byte is all React checks); false, nothing consumed, otherwise.
  @inlinable @inline(__always)
  mutating func skipsUndefined() throws(JSONError) -> Bool {
    guard json.peek() == UInt8(ascii: "\"") else { return false }
    let bytes = json.bytes
    let at = json.offset
    guard at + 2 < bytes.count else { return false }
    if bytes[at + 1] == UInt8(ascii: "$") {
      guard bytes[at + 2] == UInt8(ascii: "u") else { return false }
      try Self.skip(&json)
      return true
    }
    // Only a `\u` escape (`\u0024`) decodes to the `$` that starts the form.
    guard bytes[at + 1] == UInt8(ascii: "\\"), bytes[at + 2] == UInt8(ascii: "u") else {
      return false
    }
    var probe = json
    guard Self.isUndefined(try probe.readString()) else { return false }
    json = probe
    return true
  }

  @usableFromInline
  static func isUndefined(_ text: String) -> Bool {
    var utf8 = text.utf8.makeIterator()
    return utf8.next() == UInt8(ascii: "$") && utf8.next() == UInt8(ascii: "u")
  }

  /// `[`: an element when its first slot is the string `"$"` and a props slot of an element's
  /// shape (an object, `null` or undefined) follows the type and key; otherwise an array.
  /// The reader is left after the `[`, or for an element after the marker.
  @usableFromInline
  mutating func readArrayStart() throws(JSONError) -> FlightToken {
    try json.beginArray()
    var probe = json
    guard try probe.nextElement(), try Self.readsMarker(&probe) else { return .array }
    let afterMarker = probe
    guard try probe.nextElement() else { return .array }
    let hostTag = try Self.readElementType(&probe)
    guard try probe.nextElement() else { return .array }
    try Self.skip(&probe)
    guard try probe.nextElement(), try Self.holdsProps(probe) else { return .array }
    json = afterMarker
    propsMark = probe.mark
    return .element(FlightElementHead(hostTag: hostTag))
  }

  /// Reads the element marker: the string `"$"` (a user's `"$"` arrives escaped as `"$$"`
  /// and does not match); false when the slot is anything else.
  @inline(__always)
  static func readsMarker(_ json: inout JSONReader) throws(JSONError) -> Bool {
    guard json.peek() == UInt8(ascii: "\"") else { return false }
    let bytes = json.bytes
    let at = json.offset
    guard at + 2 < bytes.count else { return false }
    if json.skipIfNext("\"$\"") { return true }
    guard bytes[at + 1] == UInt8(ascii: "\\"), bytes[at + 2] == UInt8(ascii: "u") else {
      return false
    }
    return try json.readString() == "$"
  }

  /// Reads an element's type: its tag name when it decodes to a string, else nil.
  @inline(__always)
  static func readElementType(_ json: inout JSONReader) throws(JSONError) -> FlightText? {
    guard json.peek() == UInt8(ascii: "\"") else {
      try skip(&json)
      return nil
    }
    let bytes = json.bytes
    let at = json.offset
    if at + 2 < bytes.count && bytes[at + 1] == UInt8(ascii: "$")
      && bytes[at + 2] != UInt8(ascii: "$") && bytes[at + 2] != UInt8(ascii: "\\")
    {
      // A `$` form other than `$$…` never decodes to a string (`decodeString`): a component,
      // skipped without decoding its name.
      try skip(&json)
      return nil
    }
    if case .text(let text) = try readString(&json) { return text }
    return nil
  }

  /// Whether the slot at `json` is an element's props: an object, `null` or undefined.
  @inline(__always)
  static func holdsProps(_ json: JSONReader) throws(JSONError) -> Bool {
    var json = json
    switch json.peek() {
    case UInt8(ascii: "{"), UInt8(ascii: "n"): return true
    case UInt8(ascii: "\""):
      let bytes = json.bytes
      let at = json.offset
      guard at + 2 < bytes.count else { return false }
      if bytes[at + 1] == UInt8(ascii: "$") { return bytes[at + 2] == UInt8(ascii: "u") }
      guard bytes[at + 1] == UInt8(ascii: "\\"), bytes[at + 2] == UInt8(ascii: "u") else {
        return false
      }
      return isUndefined(try json.readString())
    default: return false
    }
  }
}
