import ByteJSON
import Testing

@Suite struct JSONReaderTests {
  @Test func parsesNestedValuesInSourceOrder() throws {
    let value = try JSONParser.parse(#"{"b":[1,-2.5e3,true,null],"a":"x\ny","c":{}}"#)
    #expect(
      value
        == .object(
          JSONObject([
            (
              "b",
              .array([
                .number(JSONNumber(1)), .number(JSONNumber(text: "-2.5e3")), .bool(true), .null,
              ])
            ),
            ("a", .string("x\ny")),
            ("c", .object(JSONObject())),
          ])))
  }

  @Test func decodesEscapesSurrogatesAndInvalidUTF8() throws {
    #expect(try JSONParser.parse(#""\u00e9\ud83d\ude00\/""#) == .string("é😀/"))
    #expect(try JSONParser.parse(#""a\ud800b""#) == .string("a\u{FFFD}b"))
    #expect(try JSONParser.parse(#""\udc00""#) == .string("\u{FFFD}"))
    let invalid: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
    #expect(try JSONParser.parse(invalid) == .string("a\u{FFFD}b"))
  }

  @Test(arguments: [
    (#"{"a":1,}"#, "7: expected a member name after ',', found '}'"),
    (#"[1,]"#, "3: expected a value after ',', found ']'"),
    (#"[1 2]"#, "3: expected ',' or ']' after an array element, found '2'"),
    (#"{"a" 1}"#, "5: expected ':' after a member name, found '1'"),
    (#"{"a":1"#, "6: unexpected end of input, expected '}'"),
    (#""abc"#, "4: unexpected end of input, expected '\"' to close the string"),
    (#"[01]"#, "1: invalid number"),
    (#"[tru]"#, "4: expected 'true', found ']'"),
    (#"{} x"#, "3: unexpected data after the end of the JSON value"),
    (#""\x""#, "1: invalid escape sequence in string"),
    ("\"a\u{1}\"", "2: unescaped control character byte 0x1 in string"),
    ("", "0: unexpected end of input, expected a value"),
  ])
  func reportsErrorsWithOffsets(input: String, expected: String) {
    #expect(throws: (any Error).self) { try JSONParser.parse(input) }
    do {
      _ = try JSONParser.parse(input)
    } catch {
      #expect("\(error.offset): \(error.message)" == expected)
    }
  }

  @Test func limitsNestingDepth() throws {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONError(.tooDeep(limit: 512), at: 512)) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    _ = try JSONParser.parse(fine)
  }

  @Test func skipsValuesAndReadsSelectedKeys() throws {
    let text = Array(#"{"skip":{"x":[1,{"y":"\"}"}]},"keep":"yes","n":12}"#.utf8)
    try text.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      try reader.beginObject()
      var kept: [String] = []
      while let key = try reader.nextKey() {
        switch key {
        case "keep": kept.append(try reader.readString())
        case "n": kept.append(String(try reader.readInt()))
        default: try reader.skipValue()
        }
      }
      try reader.expectEnd()
      #expect(kept == ["yes", "12"])
    }
  }
}

@Suite struct JSONWriterTests {
  @Test func writesSortedCompactEscapedJSON() throws {
    let value = try JSONParser.parse(
      #"{"z":1,"a":["q\"\\\n\u0001","日本"],"m":{"b":null,"a":false}}"#)
    #expect(
      JSONWriter.encode(value)
        == #"{"a":["q\"\\\n\u0001","日本"],"m":{"a":false,"b":null},"z":1}"#)
  }

  @Test func roundTripsThroughTheReader() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("id")
    writer.string("n1")
    writer.key("tags")
    writer.beginArray()
    writer.string("a b")
    writer.string("C")
    writer.endArray()
    writer.key("count")
    writer.int(-3)
    writer.endObject()
    let text = String(decoding: writer.bytes, as: UTF8.self)
    #expect(text == #"{"id":"n1","tags":["a b","C"],"count":-3}"#)
    #expect(
      JSONWriter.encode(try JSONParser.parse(writer.bytes))
        == #"{"count":-3,"id":"n1","tags":["a b","C"]}"#)
  }
}
