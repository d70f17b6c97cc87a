/// A terminal without a screen, for tests: scripted input in, recorded frames out.
///
/// Queue keys (and resizes) before or during a run; `readKey` returns them in order and nil
/// once the script is exhausted, so a main loop under test ends when its input does (treat nil
/// from an untimed read as end of input). Every `draw` is kept in `frames`.
///
/// ```swift
/// let terminal = HeadlessTerminal(size: Size(width: 40, height: 10))
/// terminal.enqueue(.down, .down, .enter, .character("q"))
/// try app.run(on: terminal)
/// #expect(terminal.lastFrame?.lines() == [...])
/// ```
public final class HeadlessTerminal: Terminal {
  private enum Event {
    case key(Key)
    case resize(Size)
  }

  public private(set) var size: Size
  public let colorMode: ColorMode
  /// Every buffer passed to `draw`, oldest first.
  public private(set) var frames: [CellBuffer] = []
  /// The runs the last `draw` changed (what a real backend would have written).
  public private(set) var lastChanges: [CellRun] = []
  /// Every text passed to `copyToClipboard`, oldest first.
  public private(set) var clipboard: [String] = []
  /// Whether mouse reporting is on (initially on, as `CursesTerminal` opens by default).
  public private(set) var isMouseEnabled = true
  /// Whether the terminal is suspended (between `suspend()` and `resume()`).
  public private(set) var isSuspended = false
  /// Whether `shutdown()` was called.
  public private(set) var isShutDown = false
  /// How many times `readKey` was called with a timeout, for tests of polling loops.
  public private(set) var timedReads = 0

  private var events: [Event] = []
  private var nextEvent = 0
  private var forceFullRedraw = true

  public init(size: Size = Size(width: 80, height: 24), colorMode: ColorMode = .color) {
    self.size = size
    self.colorMode = colorMode
  }

  /// The last frame drawn, if any.
  public var lastFrame: CellBuffer? { frames.last }

  /// Appends keys to the input script.
  public func enqueue(_ keys: Key...) {
    enqueue(contentsOf: keys)
  }

  /// Appends keys to the input script.
  public func enqueue(contentsOf keys: [Key]) {
    events += keys.map(Event.key)
  }

  /// Appends every character of `text` as a `.character` key.
  public func type(_ text: String) {
    enqueue(contentsOf: text.map(Key.character))
  }

  /// Appends a resize: when it is read, `size` becomes `newSize` and `readKey` returns
  /// `.resize`.
  public func enqueueResize(to newSize: Size) {
    events.append(.resize(newSize))
  }

  /// Whether scripted input remains.
  public var hasPendingInput: Bool { nextEvent < events.count }

  public func draw(_ buffer: CellBuffer) {
    precondition(!isShutDown, "draw after shutdown")
    lastChanges = buffer.diff(from: forceFullRedraw ? nil : frames.last)
    forceFullRedraw = false
    frames.append(buffer)
  }

  public func readKey(timeoutMilliseconds: Int?) -> Key? {
    if timeoutMilliseconds != nil { timedReads += 1 }
    guard nextEvent < events.count else { return nil }
    defer { nextEvent += 1 }
    switch events[nextEvent] {
    case .key(let key):
      return key
    case .resize(let newSize):
      size = newSize
      forceFullRedraw = true
      return .resize
    }
  }

  public func setMouseEnabled(_ enabled: Bool) {
    isMouseEnabled = enabled
  }

  @discardableResult
  public func copyToClipboard(_ text: String) -> Bool {
    clipboard.append(text)
    return true
  }

  public func suspend() {
    isSuspended = true
  }

  public func resume() {
    isSuspended = false
    forceFullRedraw = true
  }

  public func shutdown() {
    isShutDown = true
  }
}
