/// A terminal the app draws frames on and reads keys from.
///
/// Implemented by `CursesTerminal` (the real one) and `HeadlessTerminal` (tests). Use from one
/// thread only (the main thread): backends are not thread-safe, which is why the protocol is
/// not `Sendable`.
///
/// A main loop renders a full `CellBuffer` of `size` each time the state changes and calls
/// `draw`; the backend works out what changed since the last frame.
public protocol Terminal: AnyObject {
  /// The current size in cells. Changes only when `readKey` returns `.resize`.
  var size: Size { get }

  /// Whether colours are shown; in `.monochrome` the backend ignores cell colours.
  var colorMode: ColorMode { get }

  /// Presents `buffer` as the whole screen, writing only the cells that changed since the last
  /// frame (all of them after a resize or `resume`). Cells outside the terminal are dropped.
  func draw(_ buffer: CellBuffer)

  /// The next input event, waiting at most `timeoutMilliseconds` (forever when nil, not at all
  /// when 0); nil when the time ran out or the wait was interrupted.
  func readKey(timeoutMilliseconds: Int?) -> Key?

  /// Turns reporting of mouse wheel and button presses on or off. While it is on, the
  /// terminal's own text selection usually needs Shift held.
  func setMouseEnabled(_ enabled: Bool)

  /// Puts `text` on the system clipboard through the terminal (OSC 52). Returns false when it
  /// could not be sent; true means sent, since terminals do not acknowledge it.
  @discardableResult
  func copyToClipboard(_ text: String) -> Bool

  /// Gives the terminal back to the shell (normal screen, echo, cursor) so a child process such
  /// as `$EDITOR` can run; call `resume()` when it exits.
  func suspend()

  /// Takes the terminal back after `suspend()`; the next `draw` repaints everything.
  func resume()

  /// Restores the terminal for good. Safe to call more than once; the terminal is unusable
  /// afterwards.
  func shutdown()
}
