/// Whether a terminal shows colours.
///
/// A backend reports `.monochrome` when the terminal has no colours or the user set a
/// non-empty `NO_COLOR` (https://no-color.org); it then ignores the colours of every cell and
/// keeps only attributes. Apps read `Terminal.colorMode` to choose a theme that stays legible
/// without colour (reverse video for selection, bold for headings).
public enum ColorMode: Sendable, Hashable {
  case color
  case monochrome

  /// The mode implied by the environment: `.monochrome` when `NO_COLOR` is set and non-empty,
  /// or when `hasColors` is false.
  ///
  /// - Parameter environment: the process environment (TerminalCore does not read it itself,
  ///   so the decision stays testable).
  public static func resolve(hasColors: Bool, environment: [String: String]) -> ColorMode {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
    return hasColors ? .color : .monochrome
  }
}
