import ByteJSON

extension FlightDocument.Builder {
  /// Decodes a JSON row; a failure becomes a diagnostic and a problem, and the row stays
  /// opaque. A last row without LF is kept if it parses and reported as truncated if not.
  mutating func decodeJSON(_ row: FlightRow) -> FlightValue? {
    do {
      let value = try FlightValueDecoder.decode(row.body)
      if row.ending == .endOfInput { report(.missingFinalNewline(rowID: row.id), at: row.offset) }
      return value
    } catch {
      noteFailure(row, error)
      return nil
    }
  }

  /// An `E` row: plain JSON with `digest`, and in DEV builds `name` and `message`.
  mutating func decodeError(_ row: FlightRow) -> FlightErrorValue? {
    do {
      let value = try JSONParser.parse(row.body)
      if row.ending == .endOfInput { report(.missingFinalNewline(rowID: row.id), at: row.offset) }
      let object = value.objectValue
      return FlightErrorValue(
        digest: object?["digest"]?.stringValue, name: object?["name"]?.stringValue,
        message: object?["message"]?.stringValue)
    } catch {
      noteFailure(row, error)
      return nil
    }
  }

  /// For rows without a value: a last row without LF still gets its warning.
  mutating func checkEnding(_ row: FlightRow) {
    guard row.ending == .endOfInput else { return }
    let parses = row.body.isEmpty || (try? JSONParser.parse(row.body)) != nil
    report(
      parses
        ? .missingFinalNewline(rowID: row.id) : .truncatedRow(rowID: row.id, missingBytes: nil),
      at: row.offset)
  }

  mutating func noteFailure(_ row: FlightRow, _ error: JSONError) {
    if row.ending == .endOfInput {
      report(.truncatedRow(rowID: row.id, missingBytes: nil), at: row.offset)
      problems[row.id] = "row '\(row.id)' was cut off at the end of the input"
      return
    }
    if case .tooDeep(let limit) = error.kind {
      report(.tooDeep(rowID: row.id, limit: limit), at: row.bodyOffset + error.offset)
      problems[row.id] = "row '\(row.id)' nests deeper than \(limit) levels"
    } else {
      report(.invalidJSON(rowID: row.id, reason: error.message), at: row.bodyOffset + error.offset)
      problems[row.id] = "row '\(row.id)' is not valid JSON"
    }
  }

  mutating func report(_ kind: FlightDiagnostic.Kind, at offset: Int) {
    let position = stream.withUnsafeBufferPointer { lines.position(of: offset, in: $0) }
    diagnostics.append(FlightDiagnostic(kind, at: position))
  }
}
