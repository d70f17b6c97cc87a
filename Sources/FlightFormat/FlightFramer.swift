// Policies of the flight importer (style point 8; spec §1, §7).
//
// * Framing is strict. Bytes become rows with React's own state machine (row id → tag →
//   [length] → body by LF or by byte count), on bytes, never by splitting on LF first. A
//   malformed row header is a `FlightError` with a position: an importer must explain bad
//   input, unlike a browser. The only leniencies are those of spec §7: leading whitespace
//   before the first row, trailing whitespace after the last, and a last row cut off or
//   missing its LF (kept or dropped with a diagnostic, see `finish()`).
// * The value layer is tolerant. A row whose JSON does not parse, nests too deep or carries
//   an unknown tag becomes a `FlightDiagnostic` and stays opaque; the other rows still
//   import, and references to the bad row resolve to `.unresolved`.

/// A streaming framer: bytes in, `FlightRow`s out, in any chunking.
///
/// Call `append(_:)` with each chunk, then `nextRow()` until it returns nil (the row is
/// incomplete), and `finish()` at the end of the input. Rows are the same whatever the
/// chunking. Complexity: O(n) over the whole input; each byte is examined once, and consumed
/// bytes are dropped from the buffer in bulk.
public struct FlightFramer {
  /// Longest row body accepted, declared or found. React has no limit; 64 MiB is far above
  /// the largest real rows (≈250 KB) and stops hostile input from demanding unbounded memory.
  public static let maxRowBytes = 64 << 20
  /// Most rows one payload may have. Real pages have hundreds to a few thousand; each row costs
  /// about 100 bytes of bookkeeping, so a file of tiny rows (`0:1` on each line) would
  /// otherwise turn 100 MB into gigabytes of row records.
  public static let maxRows = 1 << 20
  /// Longest row id: React folds ids into a 32-bit integer, so 8 hex digits.
  public static let maxRowIDDigits = 8
  /// Consumed bytes are dropped from the buffer only past this size, so small chunks do not
  /// shift the buffer on every append.
  static let compactionThreshold = 64 << 10

  /// Where the framer is inside the current row (React's five states).
  enum State: Equatable {
    /// Reading the id's hex digits up to `:`.
    case rowID
    /// Reading the one byte after `:`.
    case rowTag
    /// Reading a length row's hex byte count up to `,`.
    case rowLength
    /// Reading a body up to LF.
    case rowChunkByNewline
    /// Reading exactly `rowLength` body bytes.
    case rowChunkByLength
  }

  var state = State.rowID
  var buffer: [UInt8] = []
  /// Absolute offset of `buffer[0]`, and its line and column.
  var bufferBase = 0
  var basePosition = FlightPosition.start
  /// Absolute offset of the next byte to examine.
  var cursor = 0
  /// Absolute offset of the current row's header.
  var rowStart = 0
  /// Start of whitespace met where a row header should begin (an error unless the input ends).
  var whitespaceStart: Int? = nil
  var rowID = ""
  var tag = FlightRowTag.model
  var rowLength = 0
  var bodyStart = 0
  var previousRowEndedWithNewline = false
  var finished = false
  /// Rows framed so far.
  public internal(set) var rowCount = 0
  /// Warnings about the end of the input, filled by `finish()`.
  public internal(set) var diagnostics: [FlightDiagnostic] = []

  public init() {}

  /// Adds the next chunk of input.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    precondition(!finished, "FlightFramer.append after finish()")
    compactIfUseful()
    buffer.append(contentsOf: bytes)
  }

  /// Adds the next chunk; the first chunk of an array is taken without copying.
  public mutating func append(_ bytes: [UInt8]) {
    precondition(!finished, "FlightFramer.append after finish()")
    if buffer.isEmpty {
      buffer = bytes
    } else {
      compactIfUseful()
      buffer.append(contentsOf: bytes)
    }
  }

  /// The next complete row, or nil while the buffered bytes end inside a row.
  /// Throws on a malformed row header, a row over `maxRowBytes`, or more than `maxRows` rows.
  public mutating func nextRow() throws(FlightError) -> FlightRow? {
    if finished { return nil }
    let end = bufferBase + buffer.count
    while true {
      switch state {
      case .rowID:
        guard try scanRowID(end: end) else { return nil }
      case .rowTag:
        guard cursor < end else { return nil }
        let byte = buffer[cursor - bufferBase]
        if let known = FlightRowTag(tagByte: byte) {
          tag = known
          cursor += 1
          if known.isLengthPrefixed {
            rowLength = 0
            state = .rowLength
            continue
          }
        } else {
          tag = .model  // the byte already belongs to the JSON body
        }
        bodyStart = cursor
        state = .rowChunkByNewline
      case .rowLength:
        guard try scanRowLength(end: end) else { return nil }
      case .rowChunkByNewline:
        guard let newline = findNewline(from: cursor, end: end) else {
          cursor = end
          if end - bodyStart > FlightFramer.maxRowBytes {
            throw error(.rowTooLarge(rowID: rowID, limit: FlightFramer.maxRowBytes), at: rowStart)
          }
          return nil
        }
        if newline - bodyStart > FlightFramer.maxRowBytes {
          throw error(.rowTooLarge(rowID: rowID, limit: FlightFramer.maxRowBytes), at: rowStart)
        }
        return try emitRow(bodyEnd: newline, next: newline + 1, ending: .newline)
      case .rowChunkByLength:
        guard end - bodyStart >= rowLength else { return nil }
        return try emitRow(
          bodyEnd: bodyStart + rowLength, next: bodyStart + rowLength, ending: .length)
      }
    }
  }

  /// Ends the input: returns the rows still buffered, then a last row that was cut off or
  /// lacks its LF (flagged in `FlightRow.ending`); end-of-input warnings go to `diagnostics`.
  ///
  /// A cut length row keeps its partial body (`.truncated`); an LF row without LF is returned
  /// as `.endOfInput` for the caller to judge (it may be complete JSON). Throws `.emptyInput`
  /// when the input held nothing but whitespace, `.noRows` when it held no complete row header.
  public mutating func finish() throws(FlightError) -> [FlightRow] {
    var rows: [FlightRow] = []
    while let row = try nextRow() { rows.append(row) }
    let end = bufferBase + buffer.count
    switch state {
    case .rowID:
      if cursor > rowStart {
        diagnostics.append(FlightDiagnostic(.truncatedRowHeader, at: position(of: rowStart)))
      } else if let start = whitespaceStart {
        diagnostics.append(FlightDiagnostic(.trailingWhitespace, at: position(of: start)))
      }
    case .rowTag, .rowLength:
      diagnostics.append(
        FlightDiagnostic(.truncatedRow(rowID: rowID, missingBytes: nil), at: position(of: rowStart))
      )
    case .rowChunkByNewline:
      if case .hint = tag, end == bodyStart {
        diagnostics.append(
          FlightDiagnostic(
            .truncatedRow(rowID: rowID, missingBytes: nil), at: position(of: rowStart)))
      } else {
        rows.append(try emitRow(bodyEnd: end, next: end, ending: .endOfInput))
      }
    case .rowChunkByLength:
      let missing = rowLength - (end - bodyStart)
      diagnostics.append(
        FlightDiagnostic(
          .truncatedRow(rowID: rowID, missingBytes: missing), at: position(of: rowStart)))
      rows.append(try emitRow(bodyEnd: end, next: end, ending: .truncated(missingBytes: missing)))
    }
    finished = true
    if rowCount == 0 {
      let blank = buffer.allSatisfy(FlightFramer.isWhitespace)
      throw error(blank ? .emptyInput : .noRows, at: blank ? bufferBase : rowStart)
    }
    return rows
  }
}
