extension FlightValueDecoder {
  /// Decodes one JSON string value by its `$` form (spec §2.2); other strings are literal.
  /// The one interpreter of the forms: `FlightRowReader` reads whole-row references and `$$`
  /// text from the bytes as this reads them, and asks this for every other form.
  ///
  /// Dispatch looks only at the byte after `$`, as React does. Forms that cannot be read
  /// (a `$L` without a hex id, an unknown letter) become `.unresolved` with the text.
  static func decodeString(_ text: String) -> FlightValue {
    let utf8 = text.utf8
    guard utf8.first == UInt8(ascii: "$") else { return .string(text) }
    guard utf8.count >= 2 else { return .symbol("react.element") }
    let second = utf8[utf8.index(after: utf8.startIndex)]
    // Everything after "$X"; the first two bytes are ASCII, so this is a valid boundary.
    let rest = String(Substring(utf8.dropFirst(2)))
    switch second {
    case UInt8(ascii: "$"): return .string(String(Substring(utf8.dropFirst())))
    case UInt8(ascii: "L"):
      return isRowID(rest[...]) ? .lazy(rowID: rest) : unreadable(text)
    case UInt8(ascii: "@"):
      if rest.isEmpty { return .promise(rowID: nil) }
      return isRowID(rest[...]) ? .promise(rowID: rest) : unreadable(text)
    case UInt8(ascii: "S"): return .symbol(rest)
    case UInt8(ascii: "h"), UInt8(ascii: "F"):
      return targetForm(rest, text, FlightValue.serverReference)
    case UInt8(ascii: "Q"): return targetForm(rest, text, FlightValue.map)
    case UInt8(ascii: "W"): return targetForm(rest, text, FlightValue.set)
    case UInt8(ascii: "K"): return targetForm(rest, text, FlightValue.formData)
    case UInt8(ascii: "B"): return targetForm(rest, text, FlightValue.blob)
    case UInt8(ascii: "i"): return targetForm(rest, text, FlightValue.iterator)
    case UInt8(ascii: "Z"):
      if rest.isEmpty { return .errorValue(FlightErrorValue()) }
      return targetForm(rest, text) { .errorValue(FlightErrorValue(target: $0)) }
    case UInt8(ascii: "D"): return .date(rest)
    case UInt8(ascii: "n"): return .bigInt(rest)
    case UInt8(ascii: "u"): return .undefined  // React checks only this byte
    case UInt8(ascii: "I"): return .number(.infinity)
    case UInt8(ascii: "-"): return .number(text == "$-0" ? -0.0 : -.infinity)
    case UInt8(ascii: "N"): return .number(.nan)
    case UInt8(ascii: "T"): return .temporaryReference(rest)
    case UInt8(ascii: "E"), UInt8(ascii: "Y"), UInt8(ascii: "P"): return .debugOnly(text)
    default:
      guard let target = parseTarget(String(Substring(utf8.dropFirst()))) else {
        return unreadable(text)
      }
      return .reference(rowID: target.rowID, path: target.path)
    }
  }

  /// `<hexid>(:<segment>)*`, or nil when the id is not 1–8 lowercase hex digits.
  static func parseTarget(_ text: String) -> FlightReferenceTarget? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard let id = parts.first, isRowID(id) else { return nil }
    return FlightReferenceTarget(rowID: String(id), path: parts.dropFirst().map(String.init))
  }

  static func isRowID(_ text: Substring) -> Bool {
    let utf8 = text.utf8
    return !utf8.isEmpty && utf8.count <= FlightFramer.maxRowIDDigits
      && utf8.allSatisfy { FlightFramer.hexValue($0) != nil }
  }

  static func targetForm(
    _ rest: String, _ text: String, _ make: (FlightReferenceTarget) -> FlightValue
  ) -> FlightValue {
    guard let target = parseTarget(rest) else { return unreadable(text) }
    return make(target)
  }

  static func unreadable(_ text: String) -> FlightValue {
    let shown = text.utf8.count > 40 ? String(text.prefix(40)) + "…" : text
    return .unresolved("unrecognised value form \"\(shown)\"")
  }
}

extension FlightValue {
  /// The value a JSON string inside a model row stands for: its `$` form decoded (spec §2.2),
  /// or the literal text: what `FlightRowReader` gives as a token for the same string.
  public init(rowString text: String) { self = FlightValueDecoder.decodeString(text) }
}
