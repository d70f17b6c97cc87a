import ByteJSON

extension FlightDocument {
  /// Indexes rows by id and decodes their values (spec §8 steps 3–4).
  struct Builder {
    let stream: [UInt8]
    var lines = FlightLineTable()
    var values: [String: FlightValue] = [:]
    var problems: [String: String] = [:]
    var definitions: [String: Int] = [:]
    /// See `FlightDocument.definitionsByNumber`.
    var definitionsByNumber: [Int32] = []
    var streams: [String: FlightStream] = [:]
    var diagnostics: [FlightDiagnostic] = []
    /// False to index model rows without decoding them (stream items are still decoded).
    var decodesModelRows = true
    /// See `FlightDocument.isUndecoded`.
    var isUndecoded: [Bool]
    /// The framed rows: a duplicate's warning names its first definition's offset.
    let rows: [FlightRow]

    init(stream: [UInt8], rows: [FlightRow]) {
      self.stream = stream
      self.rows = rows
      isUndecoded = Array(repeating: false, count: rows.count)
      definitions.reserveCapacity(rows.count)
    }

    mutating func add(_ row: FlightRow, index: Int) {
      if var open = streams[row.id], !open.isClosed, addToStream(row, &open) {
        streams[row.id] = open
        return
      }
      switch row.tag {
      case .model, .hash:
        guard define(row, index) else { return }
        if row.body.isEmpty && row.ending == .newline {
          problems[row.id] = "row '\(row.id)' never resolves (halted)"
        } else if !decodesModelRows {
          isUndecoded[index] = true
        } else if let value = decodeJSON(row) {
          values[row.id] = value
        }
      case .text:
        guard define(row, index) else { return }
        values[row.id] = .string(String(decoding: row.body, as: UTF8.self))
      case .binary(let tag):
        guard define(row, index) else { return }
        values[row.id] = .binary(tag: tag, bytes: Array(row.body))
      case .importModule:
        guard define(row, index) else { return }
        if let metadata = decodeJSON(row) {
          values[row.id] = .module(FlightModuleReference(metadata: metadata))
        }
      case .error:
        guard define(row, index) else { return }
        if let error = decodeError(row) { values[row.id] = .errorValue(error) }
      case .streamStart(let kind):
        guard define(row, index) else { return }
        checkEnding(row)
        streams[row.id] = FlightStream(kind: kind)
      case .postpone:
        guard define(row, index) else { return }
        problems[row.id] = "row '\(row.id)' was postponed (partial prerendering)"
      case .unknown(let tag):
        report(.unknownTag(rowID: row.id, tag: tag), at: row.offset)
      case .hint, .debug, .console, .timeOrigin, .ioInfo, .close:
        checkEnding(row)  // no value of their own; a `C` without an open stream is ignored
      }
    }

    /// Items, `C` and `E` rows of an open stream; false for rows that are not stream rows.
    mutating func addToStream(_ row: FlightRow, _ open: inout FlightStream) -> Bool {
      switch row.tag {
      case .model, .hash:
        if let value = decodeJSON(row) { open.items.append(value) }
      case .text: open.items.append(.string(String(decoding: row.body, as: UTF8.self)))
      case .binary(let tag): open.items.append(.binary(tag: tag, bytes: Array(row.body)))
      case .close:
        open.isClosed = true
        if !row.body.isEmpty { open.finalValue = decodeJSON(row) }
      case .error: open.error = decodeError(row)
      default: return false
      }
      return true
    }

    mutating func finishStreams() {
      for (id, stream) in streams { values[id] = .stream(stream) }
    }

    /// Records the first definition of an id; a later one is a duplicate (warned, ignored).
    mutating func define(_ row: FlightRow, _ index: Int) -> Bool {
      if let first = definitions[row.id] {
        report(.duplicateRow(rowID: row.id, firstOffset: rows[first].offset), at: row.offset)
        return false
      }
      definitions[row.id] = index
      if let number = FlightDocument.tableNumber(ofRowID: row.id.utf8, rowCount: rows.count) {
        if number >= definitionsByNumber.count {
          definitionsByNumber += repeatElement(-1, count: number + 1 - definitionsByNumber.count)
        }
        definitionsByNumber[number] = Int32(index)
      }
      return true
    }
  }
}
