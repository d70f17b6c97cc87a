/// How a cell looks: foreground and background colour plus text attributes.
///
/// Views should not rely on colour alone: a selection drawn with `.reverse` or `.bold` stays
/// visible when the terminal is monochrome or `NO_COLOR` is set (see `ColorMode`).
public struct Style: Sendable, Hashable {
  /// Text attributes; a backend that cannot show one (say italic) ignores it.
  public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let reverse = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let italic = Attributes(rawValue: 1 << 4)
  }

  public var foreground: Color
  public var background: Color
  public var attributes: Attributes

  /// Default colours, no attributes.
  public static let plain = Style()

  public init(
    foreground: Color = .default, background: Color = .default, attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// A plain style with only `attributes` set, e.g. `Style(.bold, .reverse)`.
  public init(_ first: Attributes, _ rest: Attributes...) {
    self.init(attributes: Attributes(rest).union(first))
  }

  /// This style with `attributes` added.
  public func adding(_ attributes: Attributes) -> Style {
    var copy = self
    copy.attributes.formUnion(attributes)
    return copy
  }

  /// This style with another foreground.
  public func foreground(_ color: Color) -> Style {
    var copy = self
    copy.foreground = color
    return copy
  }

  /// This style with another background.
  public func background(_ color: Color) -> Style {
    var copy = self
    copy.background = color
    return copy
  }

  /// This style as shown under `mode`: in monochrome both colours become `.default` and the
  /// attributes stay.
  public func adapted(to mode: ColorMode) -> Style {
    switch mode {
    case .color: return self
    case .monochrome: return Style(attributes: attributes)
    }
  }
}
