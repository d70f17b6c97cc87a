import ByteJSON

/// Decodes one JSON row body straight into a `FlightValue` tree, `$` forms included.
///
/// It pulls tokens from `FlightRowReader`, which interprets the `$` forms, drops undefined
/// and `__proto__` members, and tells element tuples from arrays (spec §2.4); no
/// intermediate `JSONValue` tree is built. Nesting is bounded by the reader's depth limit, so
/// the recursion here is bounded too. Complexity: O(body length).
struct FlightValueDecoder {
  var reader: FlightRowReader

  /// Decodes `bytes` as exactly one value. Errors carry offsets relative to `bytes`.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> FlightValue {
    var decoder = FlightValueDecoder(reader: FlightRowReader(bytes))
    let value = try decoder.decodeValue()
    try decoder.reader.expectEnd()
    return value
  }

  /// Decodes a row body held in an array slice.
  static func decode(_ body: ArraySlice<UInt8>) throws(JSONError) -> FlightValue {
    try body.withUnsafeBufferPointer { buffer throws(JSONError) in try decode(buffer) }
  }

  mutating func decodeValue() throws(JSONError) -> FlightValue {
    switch try reader.next() {
    case .text(let text): return .string(text.string)
    case .row(let row): return row.value
    case .value(let value): return value
    case .number(let number): return .number(number)
    case .bool(let value): return .bool(value)
    case .null: return .null
    case .array:
      var items: [FlightValue] = []
      items.reserveCapacity(4)
      while try reader.nextItem() { items.append(try decodeValue()) }
      return .array(items)
    case .object:
      var members: [(key: String, value: FlightValue)] = []
      members.reserveCapacity(4)  // most objects are small props; skips two regrowths
      while let key = try reader.nextKey() { members.append((key.string, try decodeValue())) }
      return .object(FlightObject(members))
    case .element:
      // The marker, then type, key, props and the DEV slots.
      var slots: [FlightValue] = [.symbol("react.element")]
      slots.reserveCapacity(5)
      while try reader.nextItem() { slots.append(try decodeValue()) }
      guard let element = FlightElement.fromTuple(slots) else { return .array(slots) }
      return .element(element)
    }
  }
}
