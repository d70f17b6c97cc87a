import ByteJSON

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
      if isASCII || isValidUTF8(bytes) { return .text(FlightText(.utf8(bytes))) }
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
        if isASCII || isValidUTF8(text) { return .text(FlightText(.utf8(text))) }
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

  /// Whether `bytes` are well-formed UTF-8 (no overlong form, surrogate, value past U+10FFFF
  /// or cut sequence): text that decoding leaves exactly as it is.
  @usableFromInline
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else {
        return false
      }
      for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }
}
