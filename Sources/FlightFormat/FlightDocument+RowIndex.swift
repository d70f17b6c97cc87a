extension FlightDocument {
  /// Index in `rows` of the first definition of `id`, or nil when no row defines it.
  public func definitionIndex(ofRow id: String) -> Int? { definitions[id] }

  /// `definitionIndex(ofRow:)` for an id given as its bytes (lowercase hex digits, as a
  /// reference writes it): a table look-up for the usual ids, so a caller reading references
  /// from row bytes makes no `String` and hashes nothing. O(1).
  public func definitionIndex(ofRowID digits: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let number = Self.tableNumber(ofRowID: digits, rowCount: rows.count) else {
      return definitions[String(decoding: digits, as: UTF8.self)]
    }
    guard number < definitionsByNumber.count else { return nil }
    let index = definitionsByNumber[number]
    return index < 0 ? nil : Int(index)
  }

  /// The row at `index` (a definition index) when it is a model row left undecoded: what
  /// `undecodedModelRow(_:)` gives for its id.
  public func undecodedModelRow(at index: Int) -> FlightRow? {
    isUndecoded[index] ? rows[index] : nil
  }

  /// The value of the row at `index` (a definition index): what `value(ofRow:)` gives for its
  /// id.
  public func value(ofRowAt index: Int) -> FlightValue? { value(ofRow: rows[index].id) }

  /// The number of a row id that `definitionsByNumber` holds: 1–`FlightFramer.maxRowIDDigits`
  /// lowercase hex digits without a leading zero (so "1" and "01", two rows, never share a
  /// slot), below `4 × rowCount + 256` (so a hostile id cannot demand a huge table). Nil for
  /// any other id, which is looked up by its text.
  static func tableNumber(ofRowID digits: some Collection<UInt8>, rowCount: Int) -> Int? {
    guard let first = digits.first, digits.count <= FlightFramer.maxRowIDDigits,
      first != UInt8(ascii: "0") || digits.count == 1
    else { return nil }
    var number = 0
    for byte in digits {
      guard let digit = FlightFramer.hexValue(byte) else { return nil }
      number = number << 4 | Int(digit)
    }
    return number < 4 * rowCount + 256 ? number : nil
  }
}
