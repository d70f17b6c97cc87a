/// A colour from the small palette every colour terminal has: the terminal's own default, the
/// eight ANSI colours and their bright variants; or a number of the 256-colour palette (from
/// the user's config file).
///
/// Backends map these to their own representation; one with fewer than 16 colours shows a
/// bright colour as its normal variant, one with fewer colours than a number shows the
/// default instead, and a monochrome one drops colours entirely.
public enum Color: Sendable, Hashable {
  /// The terminal's default foreground or background (for example a transparent background).
  case `default`
  case black, red, green, yellow, blue, magenta, cyan, white
  case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta
  case brightCyan, brightWhite
  /// Colour number 0–255 of the terminal's palette (0–15 are the ones above).
  case indexed(UInt8)

  /// The palette index (0–15 for the named colours), or nil for `.default`.
  public var ansiIndex: Int? {
    switch self {
    case .default: return nil
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .brightBlack: return 8
    case .brightRed: return 9
    case .brightGreen: return 10
    case .brightYellow: return 11
    case .brightBlue: return 12
    case .brightMagenta: return 13
    case .brightCyan: return 14
    case .brightWhite: return 15
    case .indexed(let number): return Int(number)
    }
  }
}
