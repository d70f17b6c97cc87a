import Testing

@testable import ByteJSON

/// `nextElement()` and `nextKeyName()` decide compact input on the bytes next to the offset
/// and hand everything else to their full paths; on any input they must do exactly what the
/// full paths do: the same elements and names, errors at the same offsets, the reader left at
/// the same place.
@Suite struct JSONReaderFastPathTests {
  /// A walk of every value, logging each step; `full` takes the full paths only. With
  /// `peeking`, each call is preceded by a `peek()`, which skips whitespace (as callers that
  /// look at the next byte do), so the reader also stands on commas with whitespace before.
  static func walk(_ text: [UInt8], full: Bool, peeking: Bool = false) -> [String] {
    text.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer, maxDepth: 8, maxStringBytes: 6)
      var log: [String] = []
      func peekThen<T>(_ step: @autoclosure () throws(JSONError) -> T) throws(JSONError) -> T {
        if peeking { _ = reader.peek() }
        return try step()
      }
      func value() throws(JSONError) {
        switch reader.peek() {
        case UInt8(ascii: "{"):
          try reader.beginObject()
          while let key = try peekThen(full ? reader.nextKeyNameInFull() : reader.nextKeyName()) {
            log.append("key \(key.string) \(key.is("a")) @\(reader.offset)")
            try value()
          }
          log.append("} @\(reader.offset)")
        case UInt8(ascii: "["):
          try reader.beginArray()
          while try peekThen(full ? reader.nextElementInFull() : reader.nextElement()) {
            log.append("element @\(reader.offset)")
            try value()
          }
          log.append("] @\(reader.offset)")
        default:
          try reader.skipValue()
          log.append("value @\(reader.offset)")
        }
      }
      do {
        try value()
        try reader.expectEnd()
      } catch let error as JSONError {
        log.append("\(error.offset): \(error.message)")
      } catch {
        log.append("\(error)")
      }
      return log
    }
  }

  static let named: [String] = [
    #"[]"#, #"[1]"#, #"[1,2]"#, #"[1,]"#, #"[,1]"#, #"[1 ,2]"#, #"[1, 2]"#, #"[ 1,2 ]"#,
    #"[[],[1],{}]"#, #"{"a":1,"b":[2,{"c":3}]}"#, #"{"a" :1}"#, #"{"a": 1 , "b":2}"#,
    #"{,"a":1}"#, #"{"a":1,}"#, #"{"a":1"b":2}"#, #"{"a\u0062":1}"#, #"{"toolong":1}"#,
    #"{"a":[1,2],"a":{}}"#, #"{"a"}"#, #"{"a":}"#, "[1,\n2]", "{\"a\":1,\n\"b\":2}", #"["#,
    #"[1,"#, #"{"#, #"{"a":1,"#, "[ ,1]", "{ ,\"a\":1}", "[1 ,2]", "{\"a\":1 ,\"b\":2}", #"{"a"#,
    #"[1]]"#, #"[[[[[[[[[1]]]]]]]]]"#, "[\"a\u{1}\"]",
  ]

  @Test func namedInputsWalkAlikeBothWays() {
    for text in Self.named {
      let bytes = Array(text.utf8)
      for peeking in [false, true] {
        #expect(
          Self.walk(bytes, full: false, peeking: peeking)
            == Self.walk(bytes, full: true, peeking: peeking), "\(text)")
      }
    }
  }

  @Test func randomInputsWalkAlikeBothWays() {
    // Token soup: mostly near-valid JSON, compact and spaced, with every kind of break.
    let tokens = [
      "{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "\"a\\\"\"", "\"longname\"", "1", "true",
      " ", "\n", "\"a\":", ",\"b\":", "[1,2]", "{}", "\"\u{1}\"",
    ]
    var state: UInt64 = 0xFA57
    func next() -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var value = state
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: (value ^ (value >> 31)) >> 1)
    }
    var differing = 0
    var longWalks = 0
    for _ in 0..<20_000 {
      let text = (0..<(next() % 24)).map { _ in tokens[next() % tokens.count] }.joined()
      let bytes = Array(text.utf8)
      let peeking = next() % 2 == 0
      let fast = Self.walk(bytes, full: false, peeking: peeking)
      if fast != Self.walk(bytes, full: true, peeking: peeking) {
        differing += 1
        Issue.record("differs: \(text)")
        if differing > 5 { break }
      }
      if fast.count > 3 { longWalks += 1 }
    }
    #expect(longWalks > 1_000)
  }
}
