import ByteJSON
import Testing

@testable import FlightFormat

/// `FlightRowReader` reads some strings from their bytes (row references, `$$` text, the
/// element marker, undefined members); each shortcut must answer as the one interpreter,
/// `FlightValueDecoder.decodeString`, does for the decoded string.
@Suite struct FlightRowReaderTests {
  /// The value the reader's token for the JSON string `literal` stands for.
  static func value(ofLiteral literal: String) throws -> FlightValue {
    let bytes = Array(literal.utf8)
    return try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
      var reader = FlightRowReader(buffer)
      switch try reader.next() {
      case .text(let text): return .string(text.string)
      case .row(let row): return row.value
      case .value(let value): return value
      default: return .unresolved("not a string token")
      }
    }
  }

  static func quoted(_ text: String) -> String {
    var bytes: [UInt8] = []
    JSONWriter.appendQuoted(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Compared as text: `.number(.nan)` is not equal to itself.
  static func same(_ a: FlightValue, _ b: FlightValue) -> Bool { "\(a)" == "\(b)" }

  @Test func stringTokensMatchDecodeString() throws {
    let strings = [
      "plain", "", "$", "$$", "$$x", "$L1", "$L", "$Lz", "$L12345678", "$L123456789", "$1",
      "$1a", "$A1", "$1:props:children", "$undefined", "$u", "$Sreact.fragment", "$@3", "$@",
      "$D2024-01-01", "$n12", "$-0", "$NaN", "$Infinity", "$-Infinity", "$h1", "$F1", "$Q2",
      "$W2", "$K2", "$B2", "$i2", "$Z", "$Z4", "$T1", "$E1", "$Y", "$P1", "$q", "é", "$é",
      "$$é", "$L01", "$0",
    ]
    for text in strings {
      let literal = Self.quoted(text)
      #expect(
        Self.same(try Self.value(ofLiteral: literal), FlightValueDecoder.decodeString(text)),
        "\(text)")
      // The same string with its first character escaped takes the decoding path.
      if let first = text.unicodeScalars.first, first.isASCII {
        let escaped =
          "\"\\u" + String(format: "%04x", first.value) + String(literal.dropFirst(2))
        #expect(
          Self.same(try Self.value(ofLiteral: escaped), FlightValueDecoder.decodeString(text)),
          "\(escaped)")
      }
    }
  }

  @Test func tokensOfARow() throws {
    let row =
      #"["$","div",null,{"__proto__":1,"a":"$undefined","b":"\u0024u","children":["$L1","\n",2]}]"#
    let bytes = Array(row.utf8)
    var seen: [String] = []
    var closed = false
    try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
      var reader = FlightRowReader(buffer)
      guard case .element(let head) = try reader.next() else { return }
      seen.append("element \(head.hostTag?.string ?? "-")")
      reader.enterProps(of: head)
      guard case .object = try reader.next() else { return }
      while let key = try reader.nextKey() {
        seen.append("key \(key.string)")
        guard case .array = try reader.next() else { return }
        while try reader.nextItem() {
          switch try reader.next() {
          case .row(let row): seen.append("row \(row.id) lazy \(row.isLazy)")
          case .text(let text): seen.append("text \(text.string.debugDescription)")
          case .number(let number): seen.append("number \(number)")
          default: seen.append("other")
          }
        }
      }
      closed = try !reader.nextItem()
      try reader.expectEnd()
    }
    #expect(closed)
    #expect(
      seen == [
        "element div", "key children", "row 1 lazy true", #"text "\n""#, "number 2.0",
      ])
  }
}
