/// A parsed flight payload: its rows in order, their decoded values, and what was noticed.
///
/// `parse(_:)` sniffs the input (BOM, UTF-16, HTML page, raw flight, legacy format), frames
/// it with `FlightFramer` (retrying with CRLF turned into LF when framing fails, spec §7.2),
/// and decodes every value-carrying row eagerly: model, `T`, `I`, `E`, binary and stream
/// rows. The first definition of an id wins; `D` rows and stream items are not duplicates.
/// The document is an immutable value, safe to share across threads.
public struct FlightDocument: Sendable {
  /// Every framed row, in input order (including `D`, `H`, `W`, … rows).
  public let rows: [FlightRow]
  /// Warnings and notes, in input order (encoding and HTML notes first).
  public let diagnostics: [FlightDiagnostic]
  /// True when the payload was extracted from an HTML page's `__next_f` scripts.
  public let isHTMLPage: Bool
  /// The saved page the payload was joined from; nil for a raw payload.
  let page: Page?
  /// The framed bytes (the joined payload for an HTML page); row offsets point into them,
  /// and `position(ofPayloadOffset:)` turns one into a line and column of the file.
  public let payload: [UInt8]
  let values: [String: FlightValue]
  /// Why a row that exists has no value (bad JSON, truncated, postponed, …).
  let problems: [String: String]
  /// For each row, whether it is the first definition of a model row left undecoded
  /// (`parse(_:decodingModelRows: false)`).
  let isUndecoded: [Bool]
  /// Index in `rows` of each id's first definition.
  let definitions: [String: Int]
  /// `definitions` for the ids written as numbers without leading zeros, by number (-1 for
  /// none), so a reference found in a row's bytes finds its row without making a `String`.
  let definitionsByNumber: [Int32]

  /// Deepest nesting of arrays and objects inside one JSON row (as Foundation's parser). A row
  /// nested deeper stays opaque with a `.tooDeep` diagnostic; the bound also bounds the
  /// decoder's recursion, so no input can overflow the stack.
  public static let maxNestingDepth = 512
  /// Longest JSON string in a row, in bytes. `T` rows carry the long texts (up to
  /// `FlightFramer.maxRowBytes`); a longer JSON string makes its row opaque with an
  /// `.invalidJSON` diagnostic ("string longer than … bytes").
  public static let maxStringBytes = 16 << 20

  /// Most reference hops one `resolve` call follows before giving up: real chains are a few
  /// hops long (`$Ld` → `"$8:metadata"` → …); the bound turns a cycle into `.unresolved`.
  public static let maxResolveHops = 64

  /// Parses a raw flight payload or a saved HTML page. See the type's documentation.
  public static func parse(_ input: [UInt8]) throws(FlightError) -> FlightDocument {
    try parse(input, decodingModelRows: true)
  }

  /// `parse(_:)`, optionally leaving model rows undecoded: they are framed and indexed (the
  /// same rows, definitions and errors), `value(ofRow:)` decodes one on each call, and
  /// `undecodedModelRow(_:)` hands its body to a caller that reads only what it needs. Such
  /// a document's `diagnostics` lack those rows' JSON problems, and `resolve` names a row
  /// whose JSON is broken as missing. For importers that look at a fraction of each row.
  public static func parse(_ input: [UInt8], decodingModelRows: Bool) throws(FlightError)
    -> FlightDocument
  {
    let (bytes, notes) = FlightInputSniffer.normalizeEncoding(input)
    switch FlightInputSniffer.format(of: bytes) {
    case .empty:
      throw FlightError(.emptyInput, at: .start)
    case .rawFlight:
      return try build(
        stream: bytes, page: nil, notes: notes, decodingModelRows: decodingModelRows)
    case .html:
      let extracted = try FlightHTMLExtractor.extract(from: bytes)
      if extracted.pushCount == 0 {
        if let found = FlightInputSniffer.firstIndex(of: "__NEXT_DATA__", in: bytes, from: 0) {
          throw FlightError(.pagesRouterPage, at: position(of: found, in: bytes))
        }
        throw FlightError(.htmlWithoutFlight, at: .start)
      }
      if extracted.bytes.isEmpty { throw FlightError(.noRows, at: .start) }
      return try build(
        stream: extracted.bytes, page: Page(bytes: bytes, map: extracted.map),
        notes: notes + extracted.diagnostics, decodingModelRows: decodingModelRows)
    case .legacy(let offset):
      throw FlightError(.legacyFormat, at: position(of: offset, in: bytes))
    case .pagesRouter(let offset):
      throw FlightError(.pagesRouterPage, at: position(of: offset, in: bytes))
    case .htmlWithoutFlight:
      throw FlightError(.htmlWithoutFlight, at: .start)
    case .unknown(let offset):
      throw FlightError(.notFlight, at: position(of: offset, in: bytes))
    }
  }

  /// The decoded value of row "0", the root, or nil when there is none.
  public var root: FlightValue? { value(ofRow: "0") }

  /// The decoded value of a row's first definition: model and `T` rows, `I` rows
  /// (`.module`), `E` rows (`.errorValue`), binary rows, streams. Nil when the row is missing
  /// or has no value (see `problem(ofRow:)`).
  public func value(ofRow id: String) -> FlightValue? {
    if let value = values[id] { return value }
    guard let index = definitions[id], isUndecoded[index] else { return nil }
    return try? FlightValueDecoder.decode(rows[index].body)
  }

  /// The first definition of `id` when it is a model row left undecoded (see
  /// `parse(_:decodingModelRows:)`); its body is JSON that `value(ofRow:)` would decode.
  public func undecodedModelRow(_ id: String) -> FlightRow? {
    guard let index = definitions[id], isUndecoded[index] else { return nil }
    return rows[index]
  }

  /// The first row that defines `id`.
  public func row(_ id: String) -> FlightRow? { definitions[id].map { rows[$0] } }

  /// Why row `id` has no value, or nil when it has one or is absent.
  public func problem(ofRow id: String) -> String? { problems[id] }

  /// The decoded `D` (debug info) rows for `id`, in order; rows that fail to decode are left
  /// out.
  public func debugInfo(ofRow id: String) -> [FlightValue] {
    rows.compactMap { row in
      guard row.id == id, row.tag == .debug else { return nil }
      return try? FlightValueDecoder.decode(row.body)
    }
  }

  static func position(of offset: Int, in bytes: [UInt8]) -> FlightPosition {
    bytes.withUnsafeBufferPointer { buffer in
      var lines = FlightLineTable()
      return lines.position(of: offset, in: buffer)
    }
  }
}
