import ByteJSON

extension FlightDocument {
  /// Frames `stream` (with the CRLF retry) and indexes and decodes its rows; `page` is the
  /// saved page it was joined from, where its problems are placed.
  static func build(
    stream: [UInt8], page: Page?, notes: [FlightDiagnostic], decodingModelRows: Bool
  ) throws(FlightError) -> FlightDocument {
    var page = page
    var framedBytes = stream
    var framed: (rows: [FlightRow], diagnostics: [FlightDiagnostic])
    var conversion: [FlightDiagnostic] = []
    do {
      framed = try frame(stream)
    } catch {
      // Spec §7.2: never normalise first (T text may hold CR); retry only after a failure,
      // and only one that CRLF damage can cause (not a limit: that would scan again for nothing).
      guard !error.isLimit, let crlf = firstCRLF(in: stream),
        case let converted = removingCRBeforeLF(stream),
        let retried = try? frame(converted)
      else {
        var placer = Placer(page: page)
        throw placer.place(error, in: stream)
      }
      framed = retried
      framedBytes = converted
      var placer = Placer(page: page)
      conversion = [
        placer.place(
          FlightDiagnostic(.crlfConverted, at: position(of: crlf, in: stream)), in: stream)
      ]
      page?.removedCRs = stream.indices.filter {
        stream[$0] == 0x0D && $0 + 1 < stream.count && stream[$0 + 1] == 0x0A
      }
    }
    var builder = Builder(stream: framedBytes, rows: framed.rows)
    builder.decodesModelRows = decodingModelRows
    for index in framed.rows.indices { builder.add(framed.rows[index], index: index) }
    builder.finishStreams()
    var diagnostics = builder.diagnostics + framed.diagnostics
    if page != nil {
      var placer = Placer(page: page)
      diagnostics = diagnostics.map { placer.place($0, in: framedBytes) }
    }
    return FlightDocument(
      rows: framed.rows, diagnostics: notes + conversion + diagnostics, isHTMLPage: page != nil,
      page: page, payload: framedBytes, values: builder.values, problems: builder.problems,
      isUndecoded: builder.isUndecoded, definitions: builder.definitions,
      definitionsByNumber: builder.definitionsByNumber)
  }

  /// All rows of `bytes`, and the framer's end-of-input diagnostics.
  static func frame(_ bytes: [UInt8]) throws(FlightError) -> ([FlightRow], [FlightDiagnostic]) {
    var framer = FlightFramer()
    framer.append(bytes)
    var rows: [FlightRow] = []
    while let row = try framer.nextRow() { rows.append(row) }
    rows += try framer.finish()
    return (rows, framer.diagnostics)
  }

  static func firstCRLF(in bytes: [UInt8]) -> Int? {
    guard bytes.count >= 2 else { return nil }
    for index in 0..<(bytes.count - 1) where bytes[index] == 0x0D && bytes[index + 1] == 0x0A {
      return index
    }
    return nil
  }

  static func removingCRBeforeLF(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    for index in bytes.indices {
      if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { continue }
      output.append(bytes[index])
    }
    return output
  }
}

extension FlightError {
  /// True for the errors of a limit (row size, row count), which no retry can fix.
  var isLimit: Bool {
    switch kind {
    case .rowTooLarge, .tooManyRows: return true
    default: return false
    }
  }
}
