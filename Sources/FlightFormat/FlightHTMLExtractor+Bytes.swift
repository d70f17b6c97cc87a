import ByteKernels

extension FlightHTMLExtractor.Scanner {
  /// Skips whitespace, then consumes `token` if it is next.
  func match(_ token: StaticString, _ position: inout Int) -> Bool {
    let start = skipWhitespace(position)
    let count = token.utf8CodeUnitCount
    guard start + count <= buffer.count else { return false }
    for index in 0..<count where buffer[start + index] != token.utf8Start[index] { return false }
    position = start + count
    return true
  }

  func skipWhitespace(_ position: Int) -> Int {
    var index = position
    while index < buffer.count && FlightFramer.isWhitespace(buffer[index]) { index += 1 }
    return index
  }

  /// The first match of a lowercase ASCII needle, compared case-insensitively.
  func findLowercase(_ needle: StaticString, from: Int) -> Int? {
    let count = needle.utf8CodeUnitCount
    let pointer = needle.utf8Start
    var index = from
    outer: while index + count <= buffer.count {
      for offset in 0..<count where ASCII.lowercased(buffer[index + offset]) != pointer[offset] {
        index += 1
        continue outer
      }
      return index
    }
    return nil
  }

  /// The first `byte` at or after `from`.
  func findByte(_ byte: UInt8, from: Int) -> Int? {
    var index = from
    while index < buffer.count {
      if buffer[index] == byte { return index }
      index += 1
    }
    return nil
  }

  /// After a tag name: whitespace, `>` or `/`.
  func isTagNameEnd(_ byte: UInt8) -> Bool {
    FlightFramer.isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
  }

  /// Bytes that continue a JavaScript identifier, so `__next_f` inside `x__next_fy` is not it.
  func isIdentifierByte(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- 0x30 < 10
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
  }
}

extension FlightHTMLExtractor {
  /// Appends the bytes of standard base64 text (`atob` rules: ASCII whitespace skipped,
  /// padding optional). Returns false on any other byte.
  static func appendBase64(_ text: String, to output: inout [UInt8]) -> Bool {
    var accumulator: UInt32 = 0
    var bits = 0
    var padded = false
    for byte in text.utf8 {
      let value: UInt32
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"): value = 62
      case UInt8(ascii: "/"): value = 63
      case UInt8(ascii: "="):
        padded = true
        continue
      case 0x20, 0x09, 0x0A, 0x0C, 0x0D: continue
      default: return false
      }
      if padded { return false }  // data after padding
      accumulator = (accumulator << 6 | value) & 0xFFFFFF
      bits += 6
      if bits >= 8 {
        bits -= 8
        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return true
  }
}
