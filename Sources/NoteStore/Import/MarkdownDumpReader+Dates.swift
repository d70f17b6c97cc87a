extension MarkdownDumpReader {
  /// A clipper's date as a time: `2024-02-15`, `2024-02-15T09:19:32` (or with a space, without
  /// seconds, with fractions), followed by nothing (UTC), `Z`, `+02:00`/`-0300`, or
  /// MarkDownload's ` (UTC -03:00)`. Nil for anything else (no guessing at "July 11").
  static func clippingDate(_ text: String) -> Timestamp? {
    let bytes = Array(Scan.unquoted(Substring(text)).utf8)
    var index = 0
    func number(_ count: Int) -> Int64? {
      guard index + count <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[index..<(index + count)] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - 0x30)
      }
      index += count
      return value
    }
    func skip(_ character: Character) -> Bool {
      guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
      index += 1
      return true
    }
    guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds = Timestamp.days(fromCivil: year, month, day) * 86400
    guard index < bytes.count else { return Timestamp(secondsSince1970: seconds) }
    guard skip("T") || skip(" "), let hour = number(2), skip(":"), let minute = number(2),
      hour < 24, minute < 60
    else { return nil }
    seconds += hour * 3600 + minute * 60
    if skip(":") {
      guard let second = number(2), second < 61 else { return nil }
      seconds += second
      if skip(".") {
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      }
    }
    guard let offset = zoneOffset(bytes[index...]) else { return nil }
    return Timestamp(secondsSince1970: seconds - offset)
  }

  /// Seconds east of UTC for what follows the time: "", `Z`, ` UTC`, `+02:00`, `-0300`,
  /// ` (UTC -03:00)`; nil for anything else.
  static func zoneOffset(_ rest: ArraySlice<UInt8>) -> Int64? {
    var text = String(decoding: rest, as: UTF8.self)
    text = strip(text, " ()")
    if text.hasPrefix("UTC") || text.hasPrefix("GMT") { text = strip(text.dropFirst(3), " ") }
    if text.isEmpty || text == "Z" { return 0 }
    guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
    let digits = text.dropFirst().filter { $0 != ":" }
    guard digits.count == 4 || digits.count == 2, digits.allSatisfy(\.isASCII),
      let value = Int64(digits)
    else { return nil }
    let hours = digits.count == 4 ? value / 100 : value
    let minutes = digits.count == 4 ? value % 100 : 0
    guard hours < 24, minutes < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }
}
