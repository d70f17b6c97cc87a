import TerminalCore

/// The parts of the screen `color` lines can style: the theme's fields.
public enum ThemeElement: String, CaseIterable, Sendable {
  case title, statusBar = "status-bar", selection, heading, count, host, tag
  case selectedTag = "selected-tag", dim, hit, code, message

  /// The theme's style for this element.
  var style: WritableKeyPath<Theme, Style> {
    switch self {
    case .title: \.title
    case .statusBar: \.statusBar
    case .selection: \.selection
    case .heading: \.heading
    case .count: \.count
    case .host: \.host
    case .tag: \.tag
    case .selectedTag: \.selectedTag
    case .dim: \.dim
    case .hit: \.hit
    case .code: \.code
    case .message: \.message
    }
  }
}

/// What a `color` line sets: a foreground, a background and attributes.
public struct ConfigColor: Equatable, Sendable {
  public var foreground: Color
  public var background: Color
  public var attributes: Style.Attributes
}

extension Config {
  /// Named colours; `default` is the terminal's own, numbers 0–255 pick from its palette.
  static let colorNames: [String: Color] = [
    "default": .default, "black": .black, "red": .red, "green": .green, "yellow": .yellow,
    "blue": .blue, "magenta": .magenta, "cyan": .cyan, "white": .white,
    "bright-black": .brightBlack, "gray": .brightBlack, "grey": .brightBlack,
    "bright-red": .brightRed, "bright-green": .brightGreen, "bright-yellow": .brightYellow,
    "bright-blue": .brightBlue, "bright-magenta": .brightMagenta, "bright-cyan": .brightCyan,
    "bright-white": .brightWhite,
  ]

  static let attributeNames: [String: Style.Attributes] = [
    "normal": [], "bold": .bold, "dim": .dim, "reverse": .reverse, "underline": .underline,
    "italic": .italic,
  ]

  /// `color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTES…]`.
  mutating func applyColor(_ statement: ConfigWord, _ words: [ConfigWord]) throws(ConfigLineError) {
    let form = "color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTES…]"
    if words.count < 3 { try Self.expect(3, words, after: statement, form: form) }
    guard let element = ThemeElement(rawValue: words[0].text) else {
      throw ConfigLineError(
        words[0],
        "unknown element '\(words[0].text)' (elements: "
          + ThemeElement.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    var attributes: Style.Attributes = []
    for word in words.dropFirst(3) {
      guard let attribute = Self.attributeNames[word.text.lowercased()] else {
        throw ConfigLineError(
          word,
          "unknown attribute '\(word.text)' (attributes: "
            + Self.attributeNames.keys.sorted().joined(separator: ", ") + ")")
      }
      attributes.formUnion(attribute)
    }
    colors[element] = ConfigColor(
      foreground: try Self.color(words[1]), background: try Self.color(words[2]),
      attributes: attributes)
  }

  static func color(_ word: ConfigWord) throws(ConfigLineError) -> Color {
    if let color = colorNames[word.text.lowercased()] { return color }
    if let number = Int(word.text), (0...255).contains(number) { return .indexed(UInt8(number)) }
    throw ConfigLineError(
      word, "unknown colour '\(word.text)' (a name such as red or bright-blue, default, or 0–255)")
  }
}

extension Theme {
  /// The theme with the config's colours. In monochrome (`NO_COLOR`, or a terminal without
  /// colours) it is left as it is: `NO_COLOR` wins, and the monochrome theme's attributes are
  /// what keeps selection and hits visible.
  public func applying(_ colors: [ThemeElement: ConfigColor]) -> Theme {
    guard mode == .color else { return self }
    var theme = self
    for (element, color) in colors {
      theme[keyPath: element.style] = Style(
        foreground: color.foreground, background: color.background, attributes: color.attributes)
    }
    return theme
  }
}
