internal import CNcursesw
import TerminalCore

/// Maps foreground/background colour combinations to ncurses colour pairs, allocating a pair
/// the first time a combination is drawn.
///
/// Pair 0 is the terminal's default colours (with `use_default_colors`, colour -1 means
/// "default"). When the terminal runs out of pairs, further combinations fall back to pair 0,
/// so text stays readable, just uncoloured.
struct ColorPairs {
  private struct Key: Hashable {
    var foreground: Color
    var background: Color
  }

  private var pairs: [Key: Int16] = [:]

  /// The pair for `foreground` on `background`, allocating it if needed.
  mutating func pair(foreground: Color, background: Color) -> Int16 {
    if foreground == .default && background == .default { return 0 }
    let key = Key(foreground: foreground, background: background)
    if let pair = pairs[key] { return pair }
    let next = pairs.count + 1
    guard next < min(Int(cnc_color_pairs()), Int(Int16.max)) else { return 0 }
    let pair = Int16(next)
    init_pair(pair, Self.number(foreground), Self.number(background))
    pairs[key] = pair
    return pair
  }

  /// The ncurses colour number; bright colours become normal ones on 8-colour terminals, and
  /// a palette number past the terminal's colours is its default colour.
  private static func number(_ color: Color) -> Int16 {
    guard let index = color.ansiIndex else { return -1 }
    if index < Int(cnc_colors()) { return Int16(index) }
    return index < 16 ? Int16(index % 8) : -1
  }
}
