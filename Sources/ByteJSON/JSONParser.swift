/// Whole-document entry points over `JSONReader`.
public enum JSONParser {
  /// Parses one complete JSON document (only whitespace may follow the value).
  public static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONReader.defaultMaxDepth
  ) throws(JSONError) -> JSONValue {
    var reader = JSONReader(bytes, maxDepth: maxDepth)
    let value = try reader.readValue()
    try reader.expectEnd()
    return value
  }

  /// Parses one complete JSON document held in an array.
  public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth)
    throws(JSONError) -> JSONValue
  {
    try bytes[...].withUnsafeBufferPointer { buffer throws(JSONError) in
      try parse(buffer, maxDepth: maxDepth)
    }
  }

  /// Parses one complete JSON document held in an array slice (offsets are slice-relative).
  public static func parse(_ bytes: ArraySlice<UInt8>, maxDepth: Int = JSONReader.defaultMaxDepth)
    throws(JSONError) -> JSONValue
  {
    try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
      try parse(buffer, maxDepth: maxDepth)
    }
  }

  /// Parses one complete JSON document from a string.
  public static func parse(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth)
    throws(JSONError) -> JSONValue
  {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }

  /// Parses the one value that starts at `offset` and returns it with the offset just past it;
  /// whatever follows is left alone (used to read `push([...])` arguments inside scripts).
  public static func parseValue(
    in bytes: UnsafeBufferPointer<UInt8>, at offset: Int,
    maxDepth: Int = JSONReader.defaultMaxDepth
  ) throws(JSONError) -> (value: JSONValue, end: Int) {
    var reader = JSONReader(bytes, offset: offset, maxDepth: maxDepth)
    let value = try reader.readValue()
    return (value, reader.offset)
  }
}
