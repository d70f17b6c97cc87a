/// A point in time with one-second resolution, written as ISO 8601 UTC ("2026-11-21T09:30:00Z").
///
/// Hand-rolled instead of Foundation's formatters: the store reads and writes two per note, and
/// a hundred thousand notes must load in milliseconds.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let secondsSince1970: Int64

  public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

  /// The current time.
  public static func now() -> Timestamp {
    Timestamp(secondsSince1970: Syscalls.clock(realtime: true).seconds)
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.secondsSince1970 < rhs.secondsSince1970
  }

  /// "YYYY-MM-DDTHH:MM:SSZ".
  public var iso8601: String {
    let (year, month, day, secondsOfDay) = fields
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let yearText = String(year)
    let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
    return "\(paddedYear)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):"
      + "\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))Z"
  }

  public var description: String { iso8601 }

  /// The civil date (UTC) and the seconds into that day.
  private var fields: (year: Int64, month: Int64, day: Int64, secondsOfDay: Int64) {
    let days = secondsSince1970 >= 0 ? secondsSince1970 / 86400 : (secondsSince1970 - 86399) / 86400
    let (year, month, day) = Timestamp.civil(fromDays: days)
    return (year, month, day, secondsSince1970 - days * 86400)
  }

  /// `iso8601`'s UTF-8 appended to `bytes` without building a String: the store writes two
  /// dates per note, and an import of tens of thousands of notes spent more time formatting
  /// them than writing the summaries. Years outside 0...9999 take the String path.
  func appendISO8601(to bytes: inout [UInt8]) {
    let (year, month, day, secondsOfDay) = fields
    guard (0...9999).contains(year) else {
      bytes += iso8601.utf8
      return
    }
    @inline(__always) func digits(_ value: Int64, _ count: Int) {
      var divisor: Int64 = count == 4 ? 1000 : 10
      while divisor > 0 {
        bytes.append(UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10))
        divisor /= 10
      }
    }
    digits(year, 4)
    bytes.append(UInt8(ascii: "-"))
    digits(month, 2)
    bytes.append(UInt8(ascii: "-"))
    digits(day, 2)
    bytes.append(UInt8(ascii: "T"))
    digits(secondsOfDay / 3600, 2)
    bytes.append(UInt8(ascii: ":"))
    digits(secondsOfDay / 60 % 60, 2)
    bytes.append(UInt8(ascii: ":"))
    digits(secondsOfDay % 60, 2)
    bytes.append(UInt8(ascii: "Z"))
  }

  /// Parses "YYYY-MM-DDTHH:MM:SSZ" (also a bare date "YYYY-MM-DD"); nil if malformed.
  public init?(iso8601 text: String) {
    var text = text
    guard let parsed = text.withUTF8(Timestamp.init(iso8601Bytes:)) else { return nil }
    self = parsed
  }

  /// `init?(iso8601:)` of the UTF-8 bytes of the text (a scan of the store reads times this
  /// way, without a `String` each).
  init?(iso8601Bytes bytes: UnsafeBufferPointer<UInt8>) {
    func number(_ range: Range<Int>) -> Int64? {
      guard range.upperBound <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[range] {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int64(byte - 0x30)
      }
      return value
    }
    guard bytes.count == 10 || bytes.count == 20,
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds: Int64 = 0
    if bytes.count == 20 {
      guard bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
        let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
        hour < 24, minute < 60, second < 61
      else { return nil }
      seconds = hour * 3600 + minute * 60 + second
    }
    self.secondsSince1970 = Timestamp.days(fromCivil: year, month, day) * 86400 + seconds
  }

  /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
  static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
