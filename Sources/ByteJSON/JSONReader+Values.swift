extension JSONReader {
  /// Reads any value into a `JSONValue` tree.
  public mutating func readValue() throws(JSONError) -> JSONValue {
    guard let byte = peek() else {
      throw JSONError(.unexpectedEnd(expected: "a value"), at: position)
    }
    switch byte {
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "{"):
      try beginObject()
      var members: [(key: String, value: JSONValue)] = []
      while let key = try nextKey() {
        members.append((key, try readValue()))
      }
      return .object(JSONObject(members))
    case UInt8(ascii: "["):
      try beginArray()
      var elements: [JSONValue] = []
      while try nextElement() {
        elements.append(try readValue())
      }
      return .array(elements)
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try readBool())
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    default: return .number(try readNumber())
    }
  }

  /// Skips any value with a byte scan, validating structure but decoding nothing.
  /// Complexity: O(length of the value), no allocation.
  public mutating func skipValue() throws(JSONError) {
    guard let byte = peek() else {
      throw JSONError(.unexpectedEnd(expected: "a value"), at: position)
    }
    switch byte {
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "{"):
      try beginObject()
      while try nextKeySkippingName() { try skipValue() }
    case UInt8(ascii: "["):
      try beginArray()
      while try nextElement() { try skipValue() }
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
    case UInt8(ascii: "n"): try expectLiteral("null")
    default: try scanNumber()
    }
  }

  /// Like `nextKey()` but skips the name instead of decoding it.
  mutating func nextKeySkippingName() throws(JSONError) -> Bool {
    guard try atNextKey() else { return false }
    try skipString()
    try expect(UInt8(ascii: ":"), "':' after a member name")
    return true
  }
}
