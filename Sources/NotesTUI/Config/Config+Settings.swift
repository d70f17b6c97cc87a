import NoteStore

extension Config {
  /// The settings `set` knows, with the values each takes.
  static let settings: [(name: String, values: String)] = [
    ("mouse", "on or off"),
    ("preview-host", "on or off"),
    ("confirm-delete", "on or off"),
    ("preview-sort", NoteOrder.allCases.map(\.rawValue).joined(separator: ", ")),
    ("date-format", "a strftime-style pattern"),
  ]

  /// `set NAME = VALUE`.
  mutating func applySet(_ statement: ConfigWord, _ words: [ConfigWord]) throws(ConfigLineError) {
    guard let name = words.first else {
      throw ConfigLineError(
        column: statement.column + statement.text.count + 1, "expected a setting name after 'set'")
    }
    guard Self.settings.contains(where: { $0.name == name.text }) else {
      throw ConfigLineError(
        name,
        "unknown setting '\(name.text)' (settings: "
          + Self.settings.map(\.name).joined(separator: ", ") + ")")
    }
    guard words.count >= 2, words[1].text == "=" else {
      let column = words.count >= 2 ? words[1].column : name.column + name.text.count + 1
      throw ConfigLineError(column: column, "expected '=' after '\(name.text)'")
    }
    try Self.expect(3, words, after: statement, form: "set \(name.text) = VALUE")
    let value = words[2]
    switch name.text {
    case "preview-sort": previewOrder = try Self.order(value)
    case "date-format": dateFormat = try Self.dateFormat(value)
    case "mouse": mouse = try Self.onOff(value, setting: name.text)
    case "preview-host": previewHost = try Self.onOff(value, setting: name.text)
    default: confirmDelete = try Self.onOff(value, setting: name.text)
    }
  }

  /// One of the orders the browser's `S` cycles through.
  static func order(_ value: ConfigWord) throws(ConfigLineError) -> NoteOrder {
    if let order = NoteOrder(rawValue: value.text.lowercased()) { return order }
    throw ConfigLineError(
      value,
      "expected \(NoteOrder.allCases.map(\.rawValue).joined(separator: ", ")) for "
        + "'preview-sort', found '\(value.text)'")
  }

  /// A date format; its error points at the offending `%` inside the value.
  static func dateFormat(_ value: ConfigWord) throws(ConfigLineError) -> DateFormat {
    do {
      return try DateFormat(value.text)
    } catch {
      throw ConfigLineError(
        column: value.column + (value.quoted ? 1 : 0) + error.offset, error.message)
    }
  }

  /// `on`/`off` (also `yes`/`no`, `true`/`false`), as tig and newsboat accept them.
  static func onOff(_ value: ConfigWord, setting: String) throws(ConfigLineError) -> Bool {
    switch value.text.lowercased() {
    case "on", "yes", "true": return true
    case "off", "no", "false": return false
    default:
      throw ConfigLineError(value, "expected on or off for '\(setting)', found '\(value.text)'")
    }
  }
}
