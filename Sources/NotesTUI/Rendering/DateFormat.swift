import NoteStore

/// How the browser writes a date (`set date-format`): a strftime-style pattern such as
/// `%d %b %Y`, in UTC, as the store keeps times. Previews show a note's created date in it; the
/// note view writes both dates in it, each followed by the time.
///
/// Only the conversions in `conversions` exist: a typo is a config error naming its column,
/// never text shown as it was typed.
public struct DateFormat: Equatable, Sendable {
  /// The pattern as the config file spells it.
  public let pattern: String
  private let parts: [Part]

  private enum Part: Equatable, Sendable {
    case text(String)
    case conversion(Character)
  }

  /// `%Y-%m-%d`, "2025-08-01": the default.
  public static let standard = DateFormat(
    pattern: "%Y-%m-%d",
    parts: [.conversion("Y"), .text("-"), .conversion("m"), .text("-"), .conversion("d")])

  /// The conversions a pattern may use, in the order error messages list them.
  static let conversions: [Character] = [
    "Y", "y", "m", "d", "e", "b", "B", "a", "A", "H", "M", "S",
  ]

  private init(pattern: String, parts: [Part]) {
    self.pattern = pattern
    self.parts = parts
  }

  /// The format of `pattern`; an unknown conversion or a lone `%` is an error at its offset.
  public init(_ pattern: String) throws(DateFormatError) {
    guard !pattern.isEmpty else {
      throw DateFormatError(offset: 0, "expected a date format such as %Y-%m-%d")
    }
    var parts: [Part] = []
    var text = ""
    let characters = Array(pattern)
    var index = 0
    while index < characters.count {
      defer { index += 1 }
      guard characters[index] == "%" else {
        text.append(characters[index])
        continue
      }
      let list = Self.conversions.map { "%\($0)" }.joined(separator: " ") + " %%"
      guard index + 1 < characters.count else {
        throw DateFormatError(offset: index, "expected a conversion after '%' (\(list))")
      }
      index += 1
      let conversion = characters[index]
      if conversion == "%" {
        text.append("%")
      } else if Self.conversions.contains(conversion) {
        if !text.isEmpty { parts.append(.text(text)) }
        text = ""
        parts.append(.conversion(conversion))
      } else {
        throw DateFormatError(
          offset: index - 1, "unknown conversion '%\(conversion)' (conversions: \(list))")
      }
    }
    if !text.isEmpty { parts.append(.text(text)) }
    self.init(pattern: pattern, parts: parts)
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
  static let weekdays = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  ]

  /// `time` written in this format (UTC).
  public func string(_ time: Timestamp) -> String {
    // The ISO text is the one calendar conversion the store has: "YYYY-MM-DDTHH:MM:SSZ",
    // where the year may be longer or signed; everything after it has fixed positions.
    let iso = Array(time.iso8601)
    let tail = iso.count - 15
    func number(_ start: Int, _ count: Int) -> Int {
      Int(String(iso[(tail + start)..<(tail + start + count)])) ?? 0
    }
    let year = String(iso[0..<(tail - 1)])
    let (month, day) = (number(0, 2), number(3, 2))
    let days =
      time.secondsSince1970 >= 0
      ? time.secondsSince1970 / 86400 : (time.secondsSince1970 - 86399) / 86400
    let weekday = Int(((days + 4) % 7 + 7) % 7)  // 1970-01-01 was a Thursday
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    var result = ""
    for part in parts {
      switch part {
      case .text(let text): result += text
      case .conversion(let conversion):
        switch conversion {
        case "Y": result += year
        case "y": result += String(year.suffix(2))
        case "m": result += two(month)
        case "d": result += two(day)
        case "e": result += day < 10 ? " \(day)" : "\(day)"
        case "b": result += String(Self.months[month - 1].prefix(3))
        case "B": result += Self.months[month - 1]
        case "a": result += String(Self.weekdays[weekday].prefix(3))
        case "A": result += Self.weekdays[weekday]
        case "H": result += two(number(6, 2))
        case "M": result += two(number(9, 2))
        default: result += two(number(12, 2))
        }
      }
    }
    return result
  }
}

/// Why a date format does not parse, at a character offset into the pattern (0-based).
public struct DateFormatError: Error, Equatable, Sendable {
  public var offset: Int
  public var message: String

  init(offset: Int, _ message: String) {
    self.offset = offset
    self.message = message
  }
}
