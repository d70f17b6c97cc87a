/// A member name read by `JSONReader.nextKeyName()`: the name's bytes in the input, so that
/// comparing it to a known name makes no `String`. A plain value (no reference counted
/// field), so that passing one around costs no retain, release or value-witness call.
public struct JSONKey {
  /// The name's UTF-8 as written, between the quotes, when it has no escape (and so decodes to
  /// these bytes, invalid UTF-8 repaired); the whole literal, quotes included, when it has one.
  @usableFromInline let raw: UnsafeBufferPointer<UInt8>
  /// Whether the name has an escape: `raw` is then decoded (again) to compare or read it. Rare.
  @usableFromInline let hasEscape: Bool

  @usableFromInline
  init(raw: UnsafeBufferPointer<UInt8>, hasEscape: Bool) {
    self.raw = raw
    self.hasEscape = hasEscape
  }

  /// Whether the name is `name`: what `nextKey() == name` says for an ASCII `name` (an
  /// undecoded name compares its bytes, so invalid UTF-8 is not repaired first). A literal's
  /// bytes are read without `withUTF8Buffer`, whose closure the optimizer left as a call for
  /// every member read (a flight walk asks two or three names per member).
  @inlinable @inline(__always)
  public func `is`(_ name: StaticString) -> Bool {
    guard name.hasPointerRepresentation else { return name.withUTF8Buffer { `is`($0) } }
    return `is`(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
  }

  @inlinable @inline(__always)
  func `is`(_ expected: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !hasEscape else { return string.utf8.elementsEqual(expected) }
    guard raw.count == expected.count else { return false }
    // Indexed, not `elementsEqual`: the generic sequence walk cost more than the names.
    for index in 0..<raw.count where raw[index] != expected[index] { return false }
    return true
  }

  /// The name as `nextKey()` returns it.
  public var string: String {
    guard hasEscape else { return String(decoding: raw, as: UTF8.self) }
    // The literal decoded once already (`nextKeyName` read it), so this cannot fail.
    var reader = JSONReader(raw, maxStringBytes: Int.max)
    return (try? reader.readString()) ?? ""
  }
}

extension JSONReader {
  /// `nextKey()` without making a `String` for a name without escapes: the same checks, the
  /// same errors at the same offsets, the reader left at the same place.
  ///
  /// Inlined into its callers for the usual compact cases, decided on the bytes as the full
  /// path would decide them: `}`; a plain name (no escape, control character or excess length)
  /// right after `{`, or after a comma right after a member, with its `:` right after it.
  @inlinable @inline(__always)
  public mutating func nextKeyName() throws(JSONError) -> JSONKey? {
    if position > 0 && position + 1 < bytes.count {
      let byte = bytes[position]
      let previous = bytes[position - 1]
      if byte == UInt8(ascii: "}") {
        position += 1
        depth -= 1
        return nil
      }
      var start = -1
      if previous == UInt8(ascii: "{") {
        if byte == UInt8(ascii: "\"") { start = position + 1 }
      } else if byte == UInt8(ascii: ","), !Self.isWhitespace(previous),
        bytes[position + 1] == UInt8(ascii: "\"")
      {
        start = position + 2
      }
      if start >= 0 {
        var index = start
        while index < bytes.count {
          let byte = bytes[index]
          if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
          index += 1
        }
        if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\"")
          && bytes[index + 1] == UInt8(ascii: ":") && index - start <= maxStringBytes
        {
          position = index + 2
          return JSONKey(
            raw: UnsafeBufferPointer(rebasing: bytes[start..<index]), hasEscape: false)
        }
      }
    }
    return try nextKeyNameInFull()
  }

  /// `nextKeyName()` for any input: whitespace, escapes, the errors.
  @usableFromInline
  mutating func nextKeyNameInFull() throws(JSONError) -> JSONKey? {
    guard try atNextKey() else { return nil }
    let start = position + 1
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      index += 1
    }
    let key: JSONKey
    if index < bytes.count && bytes[index] == UInt8(ascii: "\"")
      && index - start <= maxStringBytes
    {
      key = JSONKey(raw: UnsafeBufferPointer(rebasing: bytes[start..<index]), hasEscape: false)
      position = index + 1
    } else {
      // An escape, a control character, no closing quote or too long: `readString` checks
      // the name and throws what `nextKey()` throws; the name is decoded again when asked for.
      let literalStart = position
      _ = try readString()
      key = JSONKey(
        raw: UnsafeBufferPointer(rebasing: bytes[literalStart..<position]), hasEscape: true)
    }
    try expect(UInt8(ascii: ":"), "':' after a member name")
    return key
  }
}
