import ByteKernels

extension FlightFramer {
  /// Reads id digits up to `:`. Returns false when the buffer ends first.
  mutating func scanRowID(end: Int) throws(FlightError) -> Bool {
    while cursor < end {
      let byte = buffer[cursor - bufferBase]
      let atRowStart = cursor == rowStart
      if FlightFramer.isWhitespace(byte) && atRowStart {
        cursor += 1
        rowStart = cursor
        // Leading whitespace is skipped (spec §7.4); later it is fine only at the very end.
        if rowCount > 0 && whitespaceStart == nil { whitespaceStart = cursor - 1 }
        continue
      }
      if let start = whitespaceStart {
        let first = buffer[start - bufferBase]
        throw previousRowEndedWithNewline
          ? error(.reformatted, at: lineStart(of: start))
          : error(.invalidRowID(found: first), at: start)
      }
      if byte == UInt8(ascii: ":") {
        rowID = String(
          decoding: buffer[(rowStart - bufferBase)..<(cursor - bufferBase)], as: UTF8.self)
        cursor += 1
        state = .rowTag
        return true
      }
      if FlightFramer.hexValue(byte) != nil {
        if cursor - rowStart >= FlightFramer.maxRowIDDigits {
          throw error(.rowIDTooLong(limit: FlightFramer.maxRowIDDigits), at: rowStart)
        }
        cursor += 1
        continue
      }
      if atRowStart && rowCount > 0 && previousRowEndedWithNewline
        && FlightFramer.isJSONPunctuation(byte)
      {
        throw error(.reformatted, at: cursor)
      }
      throw error(.invalidRowID(found: byte), at: cursor)
    }
    return false
  }

  /// Reads a length row's hex digits up to `,`. Returns false when the buffer ends first.
  mutating func scanRowLength(end: Int) throws(FlightError) -> Bool {
    while cursor < end {
      let byte = buffer[cursor - bufferBase]
      if byte == UInt8(ascii: ",") {
        cursor += 1
        bodyStart = cursor
        state = .rowChunkByLength
        return true
      }
      guard let digit = FlightFramer.hexValue(byte) else {
        throw error(.invalidRowLength(rowID: rowID, found: byte), at: cursor)
      }
      rowLength = rowLength << 4 | Int(digit)
      if rowLength > FlightFramer.maxRowBytes {
        throw error(.rowTooLarge(rowID: rowID, limit: FlightFramer.maxRowBytes), at: rowStart)
      }
      cursor += 1
    }
    return false
  }

  /// Makes the row `bodyStart..<bodyEnd` and moves to the next header at `next`.
  mutating func emitRow(bodyEnd: Int, next: Int, ending: FlightRow.Ending) throws(FlightError)
    -> FlightRow
  {
    if rowCount >= FlightFramer.maxRows {
      throw error(.tooManyRows(limit: FlightFramer.maxRows), at: rowStart)
    }
    var rowTag = tag
    var from = bodyStart
    if case .hint = tag {
      guard bodyEnd > bodyStart else { throw error(.missingHintCode(rowID: rowID), at: bodyStart) }
      rowTag = .hint(code: buffer[bodyStart - bufferBase])
      from += 1
    }
    let row = FlightRow(
      id: rowID, tag: rowTag, body: buffer[(from - bufferBase)..<(bodyEnd - bufferBase)],
      offset: rowStart, bodyOffset: from, ending: ending)
    rowCount += 1
    previousRowEndedWithNewline = ending == .newline
    cursor = next
    rowStart = next
    whitespaceStart = nil
    state = .rowID
    return row
  }

  /// The first LF in `from..<end` (absolute offsets), eight bytes at a time.
  func findNewline(from: Int, end: Int) -> Int? {
    guard from < end else { return nil }
    let start = from - bufferBase
    let stop = end - bufferBase
    let found: Int? = buffer.withUnsafeBytes { raw in
      var index = start
      while index + 8 <= stop {
        // A zero byte in word ^ 0x0A… marks an LF; the lowest flagged byte is exact.
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let flags = SWAR.zeroBytes(word ^ (0x0A &* SWAR.ones))
        if flags != 0 { return index + flags.trailingZeroBitCount >> 3 }
        index += 8
      }
      while index < stop {
        if raw[index] == 0x0A { return index }
        index += 1
      }
      return nil
    }
    return found.map { $0 + bufferBase }
  }

  /// Drops consumed bytes once they are many and at least half the buffer.
  mutating func compactIfUseful() {
    let keepFrom = min(rowStart, whitespaceStart ?? rowStart) - bufferBase
    guard keepFrom >= FlightFramer.compactionThreshold && keepFrom * 2 >= buffer.count else {
      return
    }
    basePosition = buffer.withUnsafeBufferPointer {
      basePosition.advanced(over: UnsafeBufferPointer(rebasing: $0[..<keepFrom]))
    }
    buffer.removeFirst(keepFrom)
    bufferBase += keepFrom
  }

  /// The line and column of an absolute offset still in the buffer.
  func position(of offset: Int) -> FlightPosition {
    let count = min(max(offset - bufferBase, 0), buffer.count)
    return buffer.withUnsafeBufferPointer {
      basePosition.advanced(over: UnsafeBufferPointer(rebasing: $0[..<count]))
    }
  }

  /// The start of the line holding `offset` (not before the buffer's start).
  func lineStart(of offset: Int) -> Int {
    var index = offset
    while index > bufferBase && buffer[index - 1 - bufferBase] != 0x0A { index -= 1 }
    return index
  }

  func error(_ kind: FlightError.Kind, at offset: Int) -> FlightError {
    FlightError(kind, at: position(of: offset))
  }

  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt8? {
    if byte &- 0x30 < 10 { return byte &- 0x30 }
    if byte &- 0x61 < 6 { return byte &- 0x61 + 10 }
    return nil
  }

  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// Bytes that start a line of pretty-printed JSON.
  static func isJSONPunctuation(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
      UInt8(ascii: "\""), UInt8(ascii: ","):
      return true
    default: return false
    }
  }
}
