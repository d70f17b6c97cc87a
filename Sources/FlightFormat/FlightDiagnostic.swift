import Diagnostics

/// What a problem the import survived is (`FlightDiagnostic`'s kind).
public enum FlightDiagnosticKind: FlightProblemKind {
  /// A UTF-8 byte order mark was removed from the start.
  case byteOrderMarkRemoved
  /// The input was UTF-16 (with a BOM) and was transcoded to UTF-8 first.
  case transcodedFromUTF16(bigEndian: Bool)
  /// Framing the raw bytes failed and succeeded after turning CRLF into LF (spec §7.2).
  case crlfConverted
  /// The last row had no final LF but parsed; it was kept.
  case missingFinalNewline(rowID: String)
  /// The last row was cut off. `missingBytes` is known for length-prefixed rows (their
  /// partial body is kept); an LF row that does not parse is dropped.
  case truncatedRow(rowID: String, missingBytes: Int?)
  /// The input ended inside a row header (before its body started).
  case truncatedRowHeader
  /// Whitespace after the last row was ignored.
  case trailingWhitespace
  /// A second definition of a row id; the first one wins.
  case duplicateRow(rowID: String, firstOffset: Int)
  /// A JSON row that did not parse; the row stays opaque.
  case invalidJSON(rowID: String, reason: String)
  /// A JSON row nested deeper than the limit; the row stays opaque.
  case tooDeep(rowID: String, limit: Int)
  /// A row tag this reader does not know; the row stays opaque.
  case unknownTag(rowID: String, tag: UInt8)
  /// An HTML page pushed flight data before the `[0]` bootstrap push (React throws here).
  case missingBootstrap
  /// A second `[0]` push in an HTML page restarted the payload, as React's reader does.
  case payloadRestarted(discardedBytes: Int)

  /// `.warning` or `.note`: a problem the import survived is never an error.
  public var severity: Diagnostic.Severity {
    switch self {
    case .byteOrderMarkRemoved, .transcodedFromUTF16, .trailingWhitespace: return .note
    default: return .warning
    }
  }

  /// The row the diagnostic is about, when there is one.
  public var rowID: String? {
    switch self {
    case .missingFinalNewline(let id), .truncatedRow(let id, _), .duplicateRow(let id, _),
      .invalidJSON(let id, _), .tooDeep(let id, _), .unknownTag(let id, _):
      return id
    default: return nil
    }
  }

  public var message: String {
    switch self {
    case .byteOrderMarkRemoved: return "UTF-8 byte order mark removed"
    case .transcodedFromUTF16(let bigEndian):
      return "input was UTF-16\(bigEndian ? "BE" : "LE"); transcoded to UTF-8"
    case .crlfConverted:
      return "line endings converted from CRLF to LF: length-prefixed rows did not frame with CRLF"
    case .missingFinalNewline(let id): return "row '\(id)' has no final newline"
    case .truncatedRow(let id, let missing?):
      return "truncated row '\(id)': \(missing) bytes cut off at the end of the input"
    case .truncatedRow(let id, nil):
      return "truncated row '\(id)': the input ends inside it; the row was dropped"
    case .truncatedRowHeader:
      return "the input ends inside a row header; the partial row was dropped"
    case .trailingWhitespace: return "whitespace after the last row ignored"
    case .duplicateRow(let id, let first):
      return "row '\(id)' defined again (first at byte \(first)); the first definition wins"
    case .invalidJSON(let id, let reason): return "row '\(id)' is not valid JSON: \(reason)"
    case .tooDeep(let id, let limit):
      return "row '\(id)' nests arrays and objects deeper than \(limit) levels; row kept opaque"
    case .unknownTag(let id, let tag):
      return "row '\(id)' has the unknown tag \(FlightErrorKind.describe(tag)); row kept opaque"
    case .missingBootstrap:
      return "flight data pushed before the [0] bootstrap push; accepted"
    case .payloadRestarted(let discarded):
      return
        "a second [0] bootstrap push restarted the payload; \(discarded) bytes before it dropped"
    }
  }
}

extension FlightProblem where Problem == FlightDiagnosticKind {
  /// The row the diagnostic is about, when there is one.
  public var rowID: String? { kind.rowID }
}
