import Diagnostics

/// A problem the import survived: a warning or a note, with the same position fields as
/// `FlightError` (see there for what offsets and columns count).
///
/// Two types with one shape on purpose: a `FlightError` is thrown (typed throws say which
/// calls can stop an import), a `FlightDiagnostic` is collected beside the rows; each has
/// its own `Kind`, and both become a `Diagnostic` for printing.
public struct FlightDiagnostic: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
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
  }

  public let kind: Kind
  public let offset: Int
  public let line: Int
  public let column: Int

  public init(
    _ kind: Kind, offset: Int, line: Int, column: Int
  ) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
  }

  init(_ kind: Kind, at position: FlightPosition) {
    self.init(kind, offset: position.offset, line: position.line, column: position.column)
  }

  /// `.warning` or `.note`: a problem the import survived is never an error.
  public var severity: Diagnostic.Severity {
    switch kind {
    case .byteOrderMarkRemoved, .transcodedFromUTF16, .trailingWhitespace: return .note
    default: return .warning
    }
  }

  /// The row the diagnostic is about, when there is one.
  public var rowID: String? {
    switch kind {
    case .missingFinalNewline(let id), .truncatedRow(let id, _), .duplicateRow(let id, _),
      .invalidJSON(let id, _), .tooDeep(let id, _), .unknownTag(let id, _):
      return id
    default: return nil
    }
  }

  /// One line without position.
  public var message: String {
    switch kind {
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
      return "row '\(id)' has the unknown tag \(FlightError.describe(tag)); row kept opaque"
    case .missingBootstrap:
      return "flight data pushed before the [0] bootstrap push; accepted"
    case .payloadRestarted(let discarded):
      return
        "a second [0] bootstrap push restarted the payload; \(discarded) bytes before it dropped"
    }
  }

  /// The warning or note as a diagnostic, not yet placed in a file (`inFile` adds the path).
  public var diagnostic: Diagnostic {
    Diagnostic(
      message,
      at: TextPosition(line: line, column: column), severity: severity)
  }

  /// `LINE:COL: warning: MESSAGE`, rendered by `Diagnostic`.
  public var description: String { diagnostic.description }
}
