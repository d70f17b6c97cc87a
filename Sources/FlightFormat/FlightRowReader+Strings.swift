import ByteJSON
import ByteKernels

/// String tokens: text, whole-row references, and the other `$` forms (spec §2.2).
///
/// Most strings are read without a `String`: plain text (no escape, valid UTF-8) stays in the
/// row's bytes, a lone `"\n"` is one byte, and `"$<id>"` / `"$L<id>"` keep their digits in
/// the bytes. Every other `$` form is decoded by `FlightValueDecoder.decodeString`, the one
/// interpreter of the forms; the shortcuts here answer exactly as it would.
extension FlightRowReader {
  /// Reads the string at `json` (which has peeked at its quote) as a token.
  @inlinable @inline(__always)
  static func readString(_ json: inout JSONReader) throws(JSONError) -> FlightToken {
    if let (bytes, isASCII) = json.readPlainString() {
      if bytes.first == UInt8(ascii: "$") { return form(bytes, isASCII: isASCII) }
      if isASCII || UTF8Scan.isValid(bytes) { return .text(FlightText(.utf8(bytes))) }
      return .text(FlightText(.string(String(decoding: bytes, as: UTF8.self))))
    }
    if let byte = json.readLoneShortEscape() { return .text(FlightText(.byte(byte))) }
    return token(decoding: try json.readString())
  }

  /// A plain string starting with `$`: a whole-row reference read from its digits, a `$$`
  /// text left in the bytes, or the form `decodeString` makes of it.
  @usableFromInline
  static func form(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> FlightToken {
    if bytes.count > 1 {
      let isLazy = bytes[1] == UInt8(ascii: "L")
      let digits = UnsafeBufferPointer(rebasing: bytes[(isLazy ? 2 : 1)...])
      if isRowID(digits) { return .row(FlightRowReference(digits: digits, isLazy: isLazy)) }
      if bytes[1] == UInt8(ascii: "$") {
        let text = UnsafeBufferPointer(rebasing: bytes[1...])
        if isASCII || UTF8Scan.isValid(text) { return .text(FlightText(.utf8(text))) }
      }
    }
    return token(decoding: String(decoding: bytes, as: UTF8.self))
  }

  /// What `decodeString` reads as `.lazy` or a `.reference` with no path: 1 to
  /// `FlightFramer.maxRowIDDigits` lowercase hex digits.
  @usableFromInline
  static func isRowID(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !digits.isEmpty && digits.count <= FlightFramer.maxRowIDDigits else { return false }
    for byte in digits where FlightFramer.hexValue(byte) == nil { return false }
    return true
  }

  /// The token of a decoded string: text, or the `$` form `decodeString` makes of it.
  @usableFromInline
  static func token(decoding text: String) -> FlightToken {
    guard text.utf8.first == UInt8(ascii: "$") else { return .text(FlightText(.string(text))) }
    switch FlightValueDecoder.decodeString(text) {
    case .string(let literal): return .text(FlightText(.string(literal)))
    case .lazy(let id): return .row(FlightRowReference(id: id, isLazy: true))
    case .reference(let id, let path) where path.isEmpty:
      return .row(FlightRowReference(id: id, isLazy: false))
    case let value: return .value(value)
    }
  }
}
