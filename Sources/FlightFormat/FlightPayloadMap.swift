/// Where the bytes of a payload joined from an HTML page's scripts came from, so that a
/// problem found in the payload is reported where it is in the page (spec §5).
///
/// A chunk's bytes are not a copy of the page's: a type-1 push holds them as a JSON string
/// (`\n`, `\"` and `\u003c` each stand for one byte, a surrogate pair for four), a type-3 push
/// as base64. So only where each chunk starts is recorded while extracting, and an offset is
/// mapped by decoding its chunk's literal again up to it: a clean parse pays one small array.
struct FlightPayloadMap: Sendable, Equatable {
  struct Chunk: Sendable, Equatable {
    /// Offset in the payload of the chunk's first byte.
    var payloadStart: Int
    /// Offset in the page of the first byte inside the pushed string's quotes.
    var pageStart: Int
    var isBase64: Bool
  }

  /// The chunks of the current payload, in payload order (a `[0]` push starts afresh).
  var chunks: [Chunk] = []

  /// The page offset of payload byte `offset`: where the character, escape or base64 digit
  /// that holds it starts. An offset at or past the payload's end maps to the end of the last
  /// chunk's literal. Complexity: O(log chunks + the chunk's literal up to the byte).
  func pageOffset(ofPayload offset: Int, in page: UnsafeBufferPointer<UInt8>) -> Int {
    guard !chunks.isEmpty else { return 0 }
    // The last chunk starting at or before `offset` (chunks are never empty, so it holds it).
    let chunk = chunks[lastIndex(atMost: offset, count: chunks.count) { chunks[$0].payloadStart }]
    let skip = max(offset - chunk.payloadStart, 0)
    return chunk.isBase64
      ? Self.base64Offset(ofByte: skip, from: chunk.pageStart, in: page)
      : Self.stringOffset(ofByte: skip, from: chunk.pageStart, in: page)
  }

  /// Walks a JSON string literal from `start`, decoding as `JSONReader` does, until `skip`
  /// decoded bytes are behind; returns where the unit holding the next byte starts.
  static func stringOffset(ofByte skip: Int, from start: Int, in page: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    var index = start
    var decoded = 0
    while index < page.count {
      let byte = page[index]
      if byte == UInt8(ascii: "\"") { return index }
      let (bytes, length) =
        byte == UInt8(ascii: "\\")
        ? escape(at: index, in: page) : (scalarLength(byte), scalarLength(byte))
      if decoded + bytes > skip { return index }
      decoded += bytes
      index += length
    }
    return index
  }

  /// The decoded UTF-8 length and the literal length of the escape at `index`: one byte for
  /// `\n` and the like, a scalar's bytes for `\uXXXX`, four for a surrogate pair (twelve
  /// characters), three (U+FFFD) for a lone surrogate.
  static func escape(at index: Int, in page: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    guard index + 1 < page.count, page[index + 1] == UInt8(ascii: "u") else { return (1, 2) }
    guard let unit = hexUnit(at: index + 2, in: page) else { return (1, 2) }
    switch unit {
    case 0..<0x80: return (1, 6)
    case 0x80..<0x800: return (2, 6)
    case 0xD800..<0xDC00:
      if index + 11 < page.count, page[index + 6] == UInt8(ascii: "\\"),
        page[index + 7] == UInt8(ascii: "u"), let low = hexUnit(at: index + 8, in: page),
        (0xDC00..<0xE000).contains(low)
      {
        return (4, 12)
      }
      return (3, 6)
    default: return (3, 6)
    }
  }

  /// The four hex digits at `index` as a UTF-16 code unit.
  static func hexUnit(at index: Int, in page: UnsafeBufferPointer<UInt8>) -> Int? {
    guard index + 4 <= page.count else { return nil }
    var value = 0
    for offset in 0..<4 {
      let byte = page[index + offset] | 0x20  // ASCII letters to lowercase
      let digit: UInt8
      if byte &- 0x30 < 10 {
        digit = byte &- 0x30
      } else if byte &- 0x61 < 6 {
        digit = byte &- 0x61 + 10
      } else {
        return nil
      }
      value = value << 4 | Int(digit)
    }
    return value
  }

  /// The UTF-8 length of the scalar a lead byte starts (1 for a stray continuation byte).
  static func scalarLength(_ byte: UInt8) -> Int {
    switch byte {
    case 0xF0...: return 4
    case 0xE0...: return 3
    case 0xC0...: return 2
    default: return 1
    }
  }

  /// Where the base64 digit holding decoded byte `skip` starts (its first bit is bit
  /// `8 × skip`, in digit `8 × skip / 6`); whitespace between digits is skipped, as `atob` does.
  static func base64Offset(ofByte skip: Int, from start: Int, in page: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    let digit = skip * 8 / 6
    var seen = 0
    var index = start
    while index < page.count, page[index] != UInt8(ascii: "\"") {
      if !FlightFramer.isWhitespace(page[index]) && page[index] != 0x0C {
        if seen == digit { return index }
        seen += 1
      }
      index += 1
    }
    return index
  }
}
