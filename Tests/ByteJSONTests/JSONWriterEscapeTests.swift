import ByteKernels
import Testing

@testable import ByteJSON

/// `JSONWriter.appendQuoted` skips plain bytes with one test each; these tests hold it to the
/// loop it replaced (kept below as the reference) and to exact escapes.
@Suite struct JSONWriterEscapeTests {
  /// The quoting loop before the fast skip, unchanged but for working on a given writer.
  static func reference(_ text: String) -> [UInt8] {
    var writer = JSONWriter()
    writer.bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      var index = 0
      while index < utf8.count {
        let byte = utf8[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          JSONWriter.appendEscape(byte, to: &writer.bytes)
          index += 1
          runStart = index
        } else if byte >= 0x7F, let (scalar, length) = TerminalHazard.scalar(in: utf8, at: index) {
          writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          JSONWriter.appendUnicodeEscape(scalar, to: &writer.bytes)
          index += length
          runStart = index
        } else {
          index += 1
        }
      }
      writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
    writer.bytes.append(UInt8(ascii: "\""))
    return writer.bytes
  }

  static func quoted(_ text: String) -> [UInt8] {
    var writer = JSONWriter()
    writer.string(text)
    return writer.bytes
  }

  @Test func escapesExactly() {
    let cases: [(String, String)] = [
      ("", #""""#), ("plain", #""plain""#), ("a\"b\\c", #""a\"b\\c""#),
      ("tab\tnl\ncr\r\u{1}", #""tab\tnl\ncr\r\u0001""#), ("del\u{7F}", #""del\u007f""#),
      ("c1\u{9B}31m", #""c1\u009b31m""#), ("rlo\u{202E}x", #""rlo\u202ex""#),
      ("ls\u{2028}zw\u{200B}bom\u{FEFF}", #""ls\u2028zw\u200bbom\ufeff""#),
      ("café ÷ \u{A0} €™ \u{FFFD} 東京 😀", "\"café ÷ \u{A0} €™ \u{FFFD} 東京 😀\""),
    ]
    for (text, expected) in cases {
      #expect(Self.quoted(text) == Array(expected.utf8), "\(text)")
    }
  }

  /// The eight-byte test never misses a byte the byte test takes, in any position.
  @Test func wordTestFindsEveryByteThatMayNeedEscaping() {
    var state: UInt64 = 0x5EED_5
    for position in 0..<8 {
      for value in 0...255 {
        let byte = UInt8(value)
        let word =
          UInt64(byte) << (8 * position) | (0x6161_6161_6161_6161 & ~(0xFF << (8 * position)))
        #expect(
          JSONWriter.mayNeedEscape(word: word) == JSONWriter.mayNeedEscape(byte),
          "byte \(value) at \(position)")
      }
    }
    for _ in 0..<100_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let word = state
      let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
      if bytes.contains(where: JSONWriter.mayNeedEscape) {
        #expect(JSONWriter.mayNeedEscape(word: word), "\(bytes)")
      }
    }
  }

  /// Plain ASCII words take a shorter test (no byte at or above 0x7F): it must still find
  /// every control character, quote and backslash, and pass every word without one.
  @Test func asciiWordTestIsExact() {
    var state: UInt64 = 0x5EED_6
    for _ in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // Mostly printable bytes, so words without anything to escape are common too.
      let word = (state & 0x7E7E_7E7E_7E7E_7E7E) | 0x2020_2020_2020_2020 & ~(state >> 3)
      let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
      #expect(
        JSONWriter.mayNeedEscape(word: word) == bytes.contains(where: JSONWriter.mayNeedEscape),
        "\(bytes)")
    }
  }

  /// `key(ascii:)` writes what `key(_:)` writes, commas included.
  @Test func asciiKeysMatchEscapedKeys() {
    var fast = JSONWriter()
    var reference = JSONWriter()
    fast.beginObject()
    reference.beginObject()
    for (name, value) in [("a", 1), ("created", 2), ("_long_name_09", 3)] {
      fast.key(ascii: name == "a" ? "a" : name == "created" ? "created" : "_long_name_09")
      fast.int(value)
      reference.key(name)
      reference.int(value)
    }
    fast.endObject()
    reference.endObject()
    #expect(fast.bytes == reference.bytes)
    #expect(
      String(decoding: fast.bytes, as: UTF8.self) == #"{"a":1,"created":2,"_long_name_09":3}"#)
  }

  @Test func randomTextQuotesAsTheReferenceDoes() {
    let alphabet: [Unicode.Scalar] = [
      "a", "Z", " ", "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
      "\u{9F}", "\u{A0}", "\u{BF}", "\u{C0}", "\u{2000}", "\u{200B}", "\u{200F}", "\u{2010}",
      "\u{2027}", "\u{2028}", "\u{202E}", "\u{202F}", "\u{2060}", "\u{2069}", "\u{206A}",
      "\u{20AC}", "\u{FEFF}", "\u{FEFE}", "\u{FF01}", "\u{FFFD}", "東", "\u{1F600}", "\u{E000}",
    ]
    var state: UInt64 = 0x5EED_4
    for _ in 0..<5_000 {
      var text = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for _ in 0..<Int((state >> 33) % 24) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.unicodeScalars.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
      }
      #expect(
        Self.quoted(text) == Self.reference(text),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }
}
