import Diagnostics

/// What stops an import (`FlightError`'s kind).
public enum FlightErrorKind: FlightProblemKind {
  /// Zero bytes, or only whitespace.
  case emptyInput
  /// Bytes were there, but not one complete row header.
  case noRows
  /// Neither a flight payload nor an HTML page.
  case notFlight
  /// The pre-2023 format with the tag in front of the id (`J0:`, `M1:`).
  case legacyFormat
  /// An HTML page with `__NEXT_DATA__` and no `__next_f` scripts.
  case pagesRouterPage
  /// An HTML page with neither `__next_f` scripts nor `__NEXT_DATA__`.
  case htmlWithoutFlight
  /// A line that does not start with a row header after an LF-terminated row: the file was
  /// pretty-printed or otherwise reformatted.
  case reformatted
  /// A row header byte that is neither a lowercase hex digit nor `:`.
  case invalidRowID(found: UInt8)
  /// A row id with more hex digits than `FlightFramer.maxRowIDDigits`.
  case rowIDTooLong(limit: Int)
  /// A byte in a row length that is neither a lowercase hex digit nor `,`.
  case invalidRowLength(rowID: String, found: UInt8)
  /// A row longer than `FlightFramer.maxRowBytes` (declared or found).
  case rowTooLarge(rowID: String, limit: Int)
  /// More rows than `FlightFramer.maxRows`.
  case tooManyRows(limit: Int)
  /// An `H` row whose body is empty, so it has no hint code.
  case missingHintCode(rowID: String)
  /// A `self.__next_f.push(...)` call whose argument is not the expected JSON array.
  case invalidPush(reason: String)
  /// A `[3, "…"]` push whose string is not base64.
  case invalidBase64

  public var severity: Diagnostic.Severity { .error }

  public var message: String {
    switch self {
    case .emptyInput: return "empty input: no flight rows"
    case .noRows: return "no flight rows found: expected a row header such as '0:'"
    case .notFlight:
      return "not a React Flight payload: expected a row header such as '0:' or an HTML page "
        + "with self.__next_f scripts"
    case .legacyFormat:
      return "legacy React Flight format (before 2023: the tag comes before the row id, as in "
        + "'J0:'); not supported"
    case .pagesRouterPage:
      return "not an App Router page (found __NEXT_DATA__: a pages-router page)"
    case .htmlWithoutFlight:
      return "HTML page without self.__next_f scripts: not a Next.js App Router page"
    case .reformatted:
      return "file was reformatted (pretty-printed?): a line does not start with a row header"
    case .invalidRowID(let found):
      return "expected a row id (lowercase hex digits) followed by ':', found "
        + FlightErrorKind.describe(found)
    case .rowIDTooLong(let limit): return "row id longer than \(limit) hex digits"
    case .invalidRowLength(let rowID, let found):
      return "expected a lowercase hex digit or ',' in the length of row '\(rowID)', found "
        + FlightErrorKind.describe(found)
    case .rowTooLarge(let rowID, let limit):
      return "row '\(rowID)' is longer than the limit of \(limit) bytes"
    case .tooManyRows(let limit):
      return "payload has more than \(limit) rows, the limit for one page"
    case .missingHintCode(let rowID): return "expected a hint code after 'H' in row '\(rowID)'"
    case .invalidPush(let reason): return "malformed self.__next_f.push(...) call: \(reason)"
    case .invalidBase64: return "invalid base64 in a self.__next_f.push([3, ...]) chunk"
    }
  }

  /// A byte shown for a person: printable ASCII quoted, everything else in hex.
  static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    switch byte {
    case 0x20: return "space"
    case 0x0A: return "newline"
    case 0x0D: return "carriage return"
    case 0x09: return "tab"
    default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
  }
}
