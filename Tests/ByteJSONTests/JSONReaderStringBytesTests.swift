import ByteJSON
import ByteKernels
import Testing

/// `readStringBytes(appendingTo:)` must read what `readString()` reads (the same text once
/// decoded, the same errors at the same offsets, the reader left at the same place), and
/// `plainStringEnd(from:)`, which scans eight bytes at a time, must stop where a byte loop does.
@Suite struct JSONReaderStringBytesTests {
  /// The string read at the start of `input` by either call, then the error or the offset.
  static func read(_ input: [UInt8], maxStringBytes: Int, asBytes: Bool) -> String {
    input.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer, maxStringBytes: maxStringBytes)
      var bytes: [UInt8] = [0x2D]  // text already in the buffer stays
      do {
        if asBytes {
          try reader.readStringBytes(appendingTo: &bytes)
          return String(decoding: bytes, as: UTF8.self) + " @\(reader.offset)"
        }
        return "-" + (try reader.readString()) + " @\(reader.offset)"
      } catch let error as JSONError {
        let changed = bytes == [0x2D] ? "" : " (buffer changed)"
        return "\(error.offset): \(error.message)" + changed
      } catch {
        return "\(error)"
      }
    }
  }

  static let strings: [[UInt8]] =
    [
      #""""#, #""plain""#, #""\n""#, #"  "a\"b\\c\/d""#, #""\u00e9\ud83d\ude00\ud800x\udc00""#,
      #""tab\tnew\nline and a much longer run of plain text after the escapes""#,
      #""\x""#, #""\u12""#, #""unterminated"#, #""ends in a backslash\"#, #"nope"#, "",
      "\"control\u{1} byte\"", "\"after an escape\\n\u{1f}\"", #""exactly8""#, #""12345678\"""#,
      #""$L1f""#, #""$undefined""#,
    ].map { Array($0.utf8) } + [
      [0x22, 0x61, 0xFF, 0x62, 0x22],  // invalid UTF-8: repaired alike once decoded
      [0x22, 0xC3, 0x5C, 0x6E, 0xA9, 0x22],  // a sequence cut by an escape
      [0x22] + Array(repeating: 0xE2, count: 20) + [0x22],
    ]

  @Test(arguments: strings)
  func readsWhatReadStringReads(input: [UInt8]) {
    for limit in [JSONReader.defaultMaxStringBytes, 4, 8] {
      let expected = Self.read(input, maxStringBytes: limit, asBytes: false)
      let got = Self.read(input, maxStringBytes: limit, asBytes: true)
      // `readString` results carry a "-" where the appended ones keep the buffer's byte.
      #expect(got == expected, "limit \(limit)")
    }
  }

  /// The byte loop `plainStringEnd` replaces.
  static func expectedEnd(_ bytes: [UInt8], from start: Int) -> (Int, Bool) {
    var index = start
    var isASCII = true
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      if byte >= 0x80 { isASCII = false }
      index += 1
    }
    return (index, isASCII)
  }

  @Test func plainStringEndStopsWhereAByteLoopStops() {
    // Every special byte at every position of a few words, after every kind of byte: the word
    // test must find the lowest hit even when a borrow flags a byte above it.
    let fillers: [UInt8] = [0x61, 0x20, 0x21, 0x7F, 0x80, 0xC3, 0xFF, 0x01]
    let stops: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x0A]
    var cases = 0
    for filler in fillers {
      for stop in stops {
        for length in 0..<20 {
          for position in 0...length {
            var bytes = Array(repeating: filler, count: length)
            if position < length { bytes[position] = stop }
            for start in [0, 1, 3] where start <= bytes.count {
              bytes.withUnsafeBufferPointer { buffer in
                let reader = JSONReader(buffer)
                let (end, isASCII) = reader.plainStringEnd(from: start)
                let expected = Self.expectedEnd(bytes, from: start)
                #expect(end == expected.0 && isASCII == expected.1, "\(bytes) from \(start)")
              }
              cases += 1
            }
          }
        }
      }
    }
    #expect(cases > 3000)
    // Random bytes, weighted towards the special ones.
    var random = SplitMix64(seed: 0x5EED)
    func next() -> UInt64 { random.next() }
    let alphabet: [UInt8] =
      [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xBF, 0xE2, 0xFF] + Array(0x61...0x7A)
    for _ in 0..<5_000 {
      let bytes = (0..<Int(next() % 40)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
      let start = bytes.isEmpty ? 0 : Int(next() % UInt64(bytes.count))
      bytes.withUnsafeBufferPointer { buffer in
        let (end, isASCII) = JSONReader(buffer).plainStringEnd(from: start)
        let expected = Self.expectedEnd(bytes, from: start)
        #expect(end == expected.0 && isASCII == expected.1, "\(bytes) from \(start)")
      }
    }
  }
}
