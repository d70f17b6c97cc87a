import ByteJSON

/// Decodes one JSON row body straight into a `FlightValue` tree, `$` forms included.
///
/// It pulls from `JSONReader`, so no intermediate `JSONValue` tree is built. Element tuples are
/// recognised after their slots are decoded (spec §2.4): an array whose first member is
/// exactly the string `"$"`. Nesting is bounded by the reader's depth limit, so the recursion
/// here is bounded too. Complexity: O(body length).
struct FlightValueDecoder {
  var reader: JSONReader

  /// Decodes `bytes` as exactly one value. Errors carry offsets relative to `bytes`.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> FlightValue {
    var decoder = FlightValueDecoder(
      reader: JSONReader(
        bytes, maxDepth: FlightDocument.maxNestingDepth,
        maxStringBytes: FlightDocument.maxStringBytes))
    let value = try decoder.decodeValue()
    try decoder.reader.expectEnd()
    return value
  }

  /// Decodes a row body held in an array slice.
  static func decode(_ body: ArraySlice<UInt8>) throws(JSONError) -> FlightValue {
    try body.withUnsafeBufferPointer { buffer throws(JSONError) in try decode(buffer) }
  }

  mutating func decodeValue() throws(JSONError) -> FlightValue {
    guard let byte = reader.peek() else {
      throw JSONError(.unexpectedEnd(expected: "a value"), at: reader.offset)
    }
    switch byte {
    case UInt8(ascii: "\""): return FlightValueDecoder.decodeString(try reader.readString())
    case UInt8(ascii: "{"): return .object(try decodeObject())
    case UInt8(ascii: "["): return try decodeArray()
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try reader.readBool())
    case UInt8(ascii: "n"):
      _ = try reader.readNullIfPresent()
      return .null
    default: return .number(try reader.readNumber().double)
    }
  }

  /// An object; `$undefined` members are deleted and `__proto__` keys dropped, as React's
  /// reviver does.
  mutating func decodeObject() throws(JSONError) -> FlightObject {
    try reader.beginObject()
    var members: [(key: String, value: FlightValue)] = []
    members.reserveCapacity(4)  // most objects are small props; skips two regrowths
    while let key = try reader.nextKey() {
      let value = try decodeValue()
      if case .undefined = value { continue }
      if key == "__proto__" { continue }
      members.append((key, value))
    }
    return FlightObject(members)
  }

  /// An array, or an element when its first member is exactly `"$"`.
  mutating func decodeArray() throws(JSONError) -> FlightValue {
    try reader.beginArray()
    var items: [FlightValue] = []
    items.reserveCapacity(4)  // element tuples have 4 slots
    var isElementTuple = false
    if try reader.nextElement() {
      if reader.peek() == UInt8(ascii: "\"") {
        // The raw text decides: a user's "$" arrives escaped as "$$" and must not match.
        let text = try reader.readString()
        isElementTuple = text == "$"
        items.append(FlightValueDecoder.decodeString(text))
      } else {
        items.append(try decodeValue())
      }
      while try reader.nextElement() { items.append(try decodeValue()) }
    }
    if isElementTuple, let element = FlightElement.fromTuple(items) { return .element(element) }
    return .array(items)
  }
}
