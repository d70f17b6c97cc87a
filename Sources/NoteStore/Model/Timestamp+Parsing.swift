/// Dates as exports write them: ISO 8601 with fractions and offsets, and Unix times in
/// seconds, milliseconds or microseconds.
extension Timestamp {
  /// Parses ISO 8601 as services write it: "2023-01-05", "2023-01-05T10:20:30Z",
  /// "2023-01-05T10:20:30.123Z", "2023-01-05 10:20:30+02:00", "…T10:20:30-0300", or without a
  /// zone (taken as UTC). Fractions of a second are dropped. Nil if malformed.
  public init?(lenientISO8601 text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10,
      let date = Timestamp(iso8601: String(decoding: bytes[0..<10], as: UTF8.self))
    else { return nil }
    if bytes.count == 10 {
      self = date
      return
    }
    guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let hour = Self.digits(bytes[11..<13]), let minute = Self.digits(bytes[14..<16]),
      let second = Self.digits(bytes[17..<19]), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
    }
    guard let offset = Self.zoneOffset(bytes[index...]) else { return nil }
    self.init(
      secondsSince1970: date.secondsSince1970 + hour * 3600 + minute * 60 + second - offset)
  }

  /// Parses a Unix time of digits, telling the unit by size as linkding and the browsers'
  /// exports require: up to 11 digits are seconds, up to 14 milliseconds, more microseconds
  /// (so every date from 1973 to 5138 reads right). Nil for anything but digits.
  public init?(unixTime text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.count <= 18, let value = Self.digits(bytes[...]) else {
      return nil
    }
    switch bytes.count {
    case ...11: self.init(secondsSince1970: value)
    case ...14: self.init(secondsSince1970: value / 1000)
    default: self.init(secondsSince1970: value / 1_000_000)
    }
  }

  /// The value of a run of ASCII digits; nil if any byte is not one.
  static func digits(_ bytes: ArraySlice<UInt8>) -> Int64? {
    var value: Int64 = 0
    for byte in bytes {
      guard (0x30...0x39).contains(byte) else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    return value
  }

  /// Seconds east of UTC for "", "Z", "+02:00", "+0200" or "+02"; nil for anything else.
  static func zoneOffset(_ bytes: ArraySlice<UInt8>) -> Int64? {
    if bytes.isEmpty || bytes.elementsEqual("Z".utf8) { return 0 }
    guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      return nil
    }
    let rest = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
    guard rest.count == 2 || rest.count == 4, let hours = digits(rest.prefix(2)),
      let minutes = rest.count == 4 ? digits(rest.suffix(2)) : 0
    else { return nil }
    return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
  }
}
