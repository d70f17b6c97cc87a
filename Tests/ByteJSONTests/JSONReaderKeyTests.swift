import ByteJSON
import Testing

/// `nextKeyName()` must read exactly what `nextKey()` reads: the same names, the same errors
/// at the same offsets, the reader left at the same place.
@Suite struct JSONReaderKeyTests {
  /// The names an object's walk reads, then the error or the final offset.
  static func keys(_ text: [UInt8], maxStringBytes: Int, byName: Bool) -> [String] {
    text.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer, maxStringBytes: maxStringBytes)
      var seen: [String] = []
      do {
        try reader.beginObject()
        while true {
          if byName {
            guard let key = try reader.nextKeyName() else { break }
            seen.append(key.string)
          } else {
            guard let key = try reader.nextKey() else { break }
            seen.append(key)
          }
          seen.append("@\(reader.offset)")
          try reader.skipValue()
        }
        seen.append("end @\(reader.offset)")
      } catch let error as JSONError {
        seen.append("\(error.offset): \(error.message)")
      } catch {
        seen.append("\(error)")
      }
      return seen
    }
  }

  static let objects: [[UInt8]] =
    [
      #"{"a":1,"children":[2],"hr\u0065f":"x", "__proto__" : {}}"#,
      #"{}"#, #"{ }"#, #"{"":0}"#, #"{"é😀":1,"a\"b":2,"a\\":3,"\ud800":4}"#,
      #"{"a" 1}"#, #"{"a":1,}"#, #"{"a":1 "b":2}"#, #"{,"a":1}"#, #"{"a"#, #"{"a\"#, #"{"#,
      #"{"a\x":1}"#, "{\"a\u{1}\":1}", "{\"a\n\":1}", #"{"long name":1,"short":2}"#, #"{1:2}"#,
    ].map { Array($0.utf8) } + [
      [0x7B, 0x22, 0x61, 0xFF, 0x22, 0x3A, 0x31, 0x7D],  // invalid UTF-8, repaired alike
      [0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D],  // a cut sequence
    ]

  @Test(arguments: objects)
  func readsTheNamesAndErrorsOfNextKey(object: [UInt8]) {
    for limit in [JSONReader.defaultMaxStringBytes, 5] {
      let expected = Self.keys(object, maxStringBytes: limit, byName: false)
      #expect(Self.keys(object, maxStringBytes: limit, byName: true) == expected)
    }
  }

  @Test func comparesNamesWithoutDecodingPlainOnes() throws {
    let text = Array(#"{"children":1,"hr\u0065f":2,"child":3,"childrenX":4,"":5}"#.utf8)
    try text.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      try reader.beginObject()
      var matches: [[Bool]] = []
      while let key = try reader.nextKeyName() {
        matches.append([key.is("children"), key.is("href"), key.is("")])
        try reader.skipValue()
      }
      #expect(
        matches == [
          [true, false, false], [false, true, false], [false, false, false],
          [false, false, false], [false, false, true],
        ])
    }
  }
}
