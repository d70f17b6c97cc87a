import TerminalCore

extension Config {
  /// `bind SCREEN KEY COMMAND`.
  mutating func applyBind(_ statement: ConfigWord, _ words: [ConfigWord]) throws(ConfigLineError) {
    try Self.expect(3, words, after: statement, form: "bind SCREEN KEY COMMAND")
    let group = try Self.screen(words[0])
    let key = try Self.key(words[1])
    let name = words[2]
    // Commands of the screen, and general ones (except in the form, which types other keys).
    let commands = KeyMap.standard.bindings.filter {
      $0.group == group || (group != .form && $0.group == .general)
    }.map(\.command)
    guard let command = commands.first(where: { $0.name == name.text }) else {
      let known = KeyMap.standard.bindings.contains { $0.command.name == name.text }
      throw ConfigLineError(
        name,
        known
          ? "command '\(name.text)' does not apply to the \(group.configName) screen"
          : "unknown command '\(name.text)' (the help screen, ?, lists them)")
    }
    keyMap.bind(key, to: command, in: group)
  }

  /// `unbind SCREEN KEY`.
  mutating func applyUnbind(_ statement: ConfigWord, _ words: [ConfigWord]) throws(ConfigLineError)
  {
    try Self.expect(2, words, after: statement, form: "unbind SCREEN KEY")
    let group = try Self.screen(words[0])
    let key = try Self.key(words[1])
    guard keyMap.unbind(key, in: group) else {
      throw ConfigLineError(
        words[1], "'\(words[1].text)' is not bound on the \(group.configName) screen")
    }
  }

  static func screen(_ word: ConfigWord) throws(ConfigLineError) -> CommandGroup {
    if let group = CommandGroup.allCases.first(where: { $0.configName == word.text }) {
      return group
    }
    throw ConfigLineError(
      word,
      "unknown screen '\(word.text)' (screens: "
        + CommandGroup.allCases.map(\.configName).joined(separator: ", ") + ")")
  }

  /// Key names as help writes them (`C-r`, `PgDn`, `↓`, `S-Tab`) or as ncurses users know them
  /// (`PageDown`, `Escape`, `Return`), any case; a single character is itself.
  static let keyNames: [String: Key] = [
    "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left,
    "right": .right, "→": .right, "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown,
    "pgdn": .pageDown, "home": .home, "end": .end, "enter": .enter, "return": .enter,
    "esc": .escape, "escape": .escape, "space": .character(" "), "tab": .tab, "s-tab": .backTab,
    "backtab": .backTab, "backspace": .backspace, "delete": .delete, "insert": .insert,
  ]

  static func key(_ word: ConfigWord) throws(ConfigLineError) -> Key {
    let text = word.text
    if text.count == 1 { return .character(text.first!) }
    let lower = text.lowercased()
    if let key = keyNames[lower] { return key }
    if lower.hasPrefix("c-"), lower.count == 3, let letter = lower.last, letter.isLetter {
      return .ctrl(letter)
    }
    if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
      return .function(number)
    }
    throw ConfigLineError(
      word, "unknown key '\(text)' (a character, C-x, F1–F12, or a name such as Enter, Space, PgDn)"
    )
  }
}
