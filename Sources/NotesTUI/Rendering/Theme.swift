import TerminalCore

/// The styles every view draws with, chosen once for the terminal's colour mode.
///
/// Every meaning is carried by an attribute as well as a colour (selection is reverse video,
/// headings are bold, hits are reverse+underline), so the monochrome theme (`NO_COLOR`, or a
/// terminal without colours) keeps all of it.
public struct Theme: Equatable, Sendable {
  public var mode: ColorMode
  public var title: Style
  public var statusBar: Style
  public var selection: Style
  public var heading: Style
  public var count: Style
  public var host: Style
  public var tag: Style
  public var selectedTag: Style
  public var dim: Style
  public var hit: Style
  public var code: Style
  public var message: Style

  public init(mode: ColorMode) {
    self.mode = mode
    title = Style(foreground: .brightWhite, background: .blue, attributes: .bold).adapted(to: mode)
    statusBar = Style(foreground: .black, background: .white, attributes: []).adapted(to: mode)
    if mode == .monochrome { statusBar = Style(.reverse) }
    selection = Style(.reverse)
    heading = Style(foreground: .brightWhite, attributes: .bold).adapted(to: mode)
    count = Style(foreground: .yellow).adapted(to: mode)
    host = Style(foreground: .green).adapted(to: mode)
    tag = Style(foreground: .cyan).adapted(to: mode)
    selectedTag = Style(foreground: .cyan, attributes: .bold).adapted(to: mode)
    dim = Style(foreground: .brightBlack).adapted(to: mode)
    if mode == .monochrome { dim = Style(.dim) }
    hit = Style(foreground: .black, background: .yellow, attributes: [.reverse, .underline])
      .adapted(to: mode)
    // Reverse on a yellow background would turn it back to black on default; with colours the
    // background alone marks the hit.
    if mode == .color {
      hit = Style(foreground: .black, background: .yellow, attributes: .underline)
    }
    code = Style(foreground: .magenta).adapted(to: mode)
    message = Style(foreground: .brightYellow, attributes: .bold).adapted(to: mode)
  }

  /// `style` with the emphasis of an inline summary span added.
  func emphasis(bold: Bool, italic: Bool, code isCode: Bool, base: Style = .plain) -> Style {
    var style = isCode ? code : base
    if bold { style = style.adding(.bold) }
    if italic { style = style.adding(.italic) }
    return style
  }
}
