extension JSONReader {
  /// Reads a string value, decoding escapes. Invalid UTF-8 and lone surrogates become U+FFFD.
  public mutating func readString() throws(JSONError) -> String {
    let (start, closed) = try openString()
    if closed {
      // Fast path: no escapes, so the string is a slice of the input.
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      position += 1
      return text
    }
    var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
    try decodeEscapedTail(into: &buffer, from: 0, start: start)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// `readString()` without the `String`: appends the string's bytes, escapes decoded, to
  /// `buffer`, with the same checks and errors. The bytes are not repaired: invalid UTF-8 in
  /// the input is appended as it is, so `String(decoding:as:)` of them is what `readString()`
  /// returns. On an error, `buffer` is left as it was. For a caller that keeps text in one
  /// buffer and would copy the `String` there anyway.
  public mutating func readStringBytes(appendingTo buffer: inout [UInt8]) throws(JSONError) {
    let (start, closed) = try openString()
    let mark = buffer.count
    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
    if closed {
      position += 1
      return
    }
    do {
      try decodeEscapedTail(into: &buffer, from: mark, start: start)
    } catch {
      buffer.removeSubrange(mark...)
      throw error
    }
  }

  /// Reads the string at the reader when it is plain: no escape, no control character, not
  /// longer than `maxStringBytes`. Returns its bytes as written (so invalid UTF-8 is not
  /// repaired) and whether they are all ASCII; nil, nothing consumed, for any other string
  /// (which `readString()` then reads or rejects) or when no string is next.
  @inlinable @inline(__always)
  public mutating func readPlainString() -> (bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool)? {
    guard peek() == UInt8(ascii: "\"") else { return nil }
    let start = position + 1
    let (end, isASCII) = plainStringEnd(from: start)
    guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), end - start <= maxStringBytes
    else { return nil }
    position = end + 1
    return (UnsafeBufferPointer(rebasing: bytes[start..<end]), isASCII)
  }

  /// Reads the string at the reader when it is one short escape (`"\n"`, `"\t"`, `"\""`, …,
  /// not `\u`): the byte it stands for. Nil, nothing consumed, for any other string. The
  /// newline between a page's elements is the escaped string flight pages hold most.
  @inlinable @inline(__always)
  public mutating func readLoneShortEscape() -> UInt8? {
    guard peek() == UInt8(ascii: "\""), position + 3 < bytes.count,
      bytes[position + 1] == UInt8(ascii: "\\"), bytes[position + 3] == UInt8(ascii: "\"")
    else { return nil }
    let byte: UInt8
    switch bytes[position + 2] {
    case UInt8(ascii: "n"): byte = 0x0A
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte = bytes[position + 2]
    case UInt8(ascii: "t"): byte = 0x09
    case UInt8(ascii: "r"): byte = 0x0D
    case UInt8(ascii: "b"): byte = 0x08
    case UInt8(ascii: "f"): byte = 0x0C
    default: return nil
    }
    position += 4
    return byte
  }

  /// Opens the string at the reader and reads its leading run without escapes: returns where
  /// its content starts, and whether the string ends there (the reader is then on the closing
  /// quote); otherwise the reader is on the run's first escape. The checks both readers share.
  @inline(__always)
  mutating func openString() throws(JSONError) -> (start: Int, closed: Bool) {
    guard let first = peek() else {
      throw JSONError(.unexpectedEnd(expected: "a string"), at: position)
    }
    guard first == UInt8(ascii: "\"") else { throw unexpected("a string") }
    position += 1
    let start = position
    position = plainStringEnd(from: position).end
    if position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        try checkLength(position - start, at: start)
        return (start, true)
      }
      if byte < 0x20 { throw JSONError(.controlCharacterInString(byte), at: position) }
    }
    guard position < bytes.count else {
      throw JSONError(.unexpectedEnd(expected: "'\"' to close the string"), at: position)
    }
    return (start, false)
  }

  /// Skips a string without decoding it (escapes are validated only as far as framing needs).
  public mutating func skipString() throws(JSONError) {
    guard peek() == UInt8(ascii: "\"") else { throw unexpected("a string") }
    let start = position
    position += 1
    // Runs without a quote, backslash or control character are skipped eight bytes at a time
    // (`plainStringEnd`): a byte at a time, skipping the summaries of a 1M-note snapshot was
    // the largest part of opening it without its index.
    while true {
      position = plainStringEnd(from: position).end
      guard position < bytes.count else { break }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return
      }
      if byte == UInt8(ascii: "\\") {
        position += 2
        continue
      }
      throw JSONError(.controlCharacterInString(byte), at: position)
    }
    throw JSONError(
      .unexpectedEnd(expected: "'\"' to close the string"), at: max(start, bytes.count))
  }

  /// Decodes from the first backslash to the closing quote, appending UTF-8 to `buffer`,
  /// whose string began at `buffer[mark]` (for the length check).
  mutating func decodeEscapedTail(into buffer: inout [UInt8], from mark: Int, start: Int)
    throws(JSONError)
  {
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        try checkLength(buffer.count - mark, at: start)
        return
      case UInt8(ascii: "\\"):
        try decodeEscape(into: &buffer)
      case 0..<0x20:
        throw JSONError(.controlCharacterInString(byte), at: position)
      default:
        buffer.append(byte)
        position += 1
      }
    }
    throw JSONError(.unexpectedEnd(expected: "'\"' to close the string"), at: position)
  }

  /// Decodes one escape at `position` (which points at the backslash).
  mutating func decodeEscape(into buffer: inout [UInt8]) throws(JSONError) {
    let escapeStart = position
    guard position + 1 < bytes.count else {
      throw JSONError(.unexpectedEnd(expected: "an escape sequence"), at: position)
    }
    let code = bytes[position + 1]
    position += 2
    switch code {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(code)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"):
      let unit = try readHex4(at: escapeStart)
      var scalar: Unicode.Scalar
      if unit >= 0xD800 && unit < 0xDC00 {
        // A high surrogate needs a low one right after it; otherwise it stands alone.
        if position + 5 < bytes.count && bytes[position] == UInt8(ascii: "\\")
          && bytes[position + 1] == UInt8(ascii: "u"),
          let low = hex4(at: position + 2), low >= 0xDC00 && low < 0xE000
        {
          position += 6
          let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
          scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        } else {
          scalar = "\u{FFFD}"
        }
      } else {
        scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"  // nil for a lone low surrogate
      }
      buffer.append(contentsOf: UTF8.encode(scalar)!)
    default:
      throw JSONError(.invalidEscape, at: escapeStart)
    }
  }

  mutating func readHex4(at escapeStart: Int) throws(JSONError) -> UInt32 {
    guard let value = hex4(at: position) else { throw JSONError(.invalidEscape, at: escapeStart) }
    position += 4
    return value
  }

  func hex4(at index: Int) -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for position in index..<index + 4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x57
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x37
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  func checkLength(_ length: Int, at start: Int) throws(JSONError) {
    if length > maxStringBytes { throw JSONError(.stringTooLong(limit: maxStringBytes), at: start) }
  }
}
