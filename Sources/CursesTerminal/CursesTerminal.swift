internal import CNcursesw
import Glibc
import TerminalCore

/// The real terminal: implements `Terminal` with ncursesw. The only code that calls ncurses.
///
/// `open()` refuses (throws `TerminalOpenError`) before touching the terminal when standard
/// input or output is not a terminal, `TERM` is unset or unknown, or the terminal type cannot
/// address the cursor. Once open, the terminal is restored by `shutdown()`, on SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT and crash signals, and at `exit()` (see `SignalGuard`).
///
/// Input runs in cbreak mode with echo off and keypad on: Ctrl-C raises SIGINT (the process
/// exits with status 130 after restoring the screen), Ctrl-Z suspends through ncurses, and
/// XON/XOFF flow control is off so Ctrl-S and Ctrl-Q arrive as keys.
///
/// Use from the main thread only.
public final class CursesTerminal: Terminal {
  /// How to open the terminal; `.fromEnvironment()` is what an app wants.
  public struct Options: Sendable {
    /// The terminal type, normally `$TERM`.
    public var term: String?
    /// Whether to drop colours regardless of the terminal, normally a non-empty `$NO_COLOR`.
    public var noColor: Bool
    /// Whether to report the mouse wheel and button presses from the start.
    public var mouseEnabled: Bool
    /// Whether the program runs inside tmux (normally: `$TMUX` is set), which changes how the
    /// clipboard is set (see `copyToClipboard`).
    public var insideTmux: Bool
    /// The descriptors to read keys from and draw on (standard input and output by default).
    public var input: Int32
    public var output: Int32
    /// Whether to ask the terminal how wide it draws emoji sequences (`ClusterSupport`).
    public var probesClusters: Bool

    public init(
      term: String?, noColor: Bool = false, mouseEnabled: Bool = true, insideTmux: Bool = false,
      input: Int32 = 0, output: Int32 = 1, probesClusters: Bool = true
    ) {
      self.term = term
      self.noColor = noColor
      self.mouseEnabled = mouseEnabled
      self.insideTmux = insideTmux
      self.input = input
      self.output = output
      self.probesClusters = probesClusters
    }

    /// `TERM`, `NO_COLOR` and `TMUX` from the environment, standard input and output.
    public static func fromEnvironment(mouseEnabled: Bool = true) -> Options {
      var environment: [String: String] = [:]
      for name in ["TERM", "NO_COLOR", "TMUX"] {
        if let value = getenv(name) { environment[name] = String(cString: value) }
      }
      let mode = ColorMode.resolve(hasColors: true, environment: environment)
      return Options(
        term: environment["TERM"], noColor: mode == .monochrome, mouseEnabled: mouseEnabled,
        insideTmux: !(environment["TMUX"] ?? "").isEmpty)
    }
  }

  public internal(set) var size: Size
  public let colorMode: ColorMode

  let screen: OpaquePointer
  let window: UnsafeMutablePointer<WINDOW>
  private let files: (out: UnsafeMutablePointer<FILE>, in: UnsafeMutablePointer<FILE>)
  let outputDescriptor: Int32
  let insideTmux: Bool
  /// The last frame presented; nil forces the next `draw` to write every cell.
  var previous: CellBuffer?
  var colorPairs = ColorPairs()
  /// The emoji sequences the terminal draws at two columns when sent whole.
  let clusterSupport: ClusterSupport
  private(set) var isMouseEnabled: Bool
  private(set) var isOpen = true
  private(set) var isSuspended = false

  /// Opens the terminal, or throws without touching it (see the type's documentation).
  public static func open(_ options: Options = .fromEnvironment())
    throws(TerminalOpenError) -> CursesTerminal
  {
    let term = try TerminalOpenError.preflight(
      stdinIsTerminal: isatty(options.input) == 1, stdoutIsTerminal: isatty(options.output) == 1,
      term: options.term)
    useUTF8Locale()
    switch cnc_terminfo_check(term, options.output) {
    case 0: throw .unknownTerminalType(term)
    case -1: throw .cannotAddressCursor(term)
    default: break
    }
    SignalGuard.install()
    var out: UnsafeMutablePointer<FILE>? = nil
    var inp: UnsafeMutablePointer<FILE>? = nil
    guard let screen = cnc_newterm(term, options.output, options.input, &out, &inp),
      let window = cnc_stdscr(), let out, let inp
    else {
      SignalGuard.uninstall()
      throw .unknownTerminalType(term)
    }
    return CursesTerminal(
      screen: screen, window: window, files: (out, inp), options: options)
  }

  private init(
    screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>,
    files: (out: UnsafeMutablePointer<FILE>, in: UnsafeMutablePointer<FILE>), options: Options
  ) {
    self.screen = screen
    self.window = window
    self.files = files
    self.outputDescriptor = options.output
    self.insideTmux = options.insideTmux
    self.isMouseEnabled = options.mouseEnabled
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    leaveok(window, true)
    set_escdelay(25)
    curs_set(0)
    Self.disableFlowControl(options.output)
    if !options.noColor && has_colors() {
      start_color()
      use_default_colors()
      colorMode = .color
    } else {
      colorMode = .monochrome
    }
    size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    // Probes need cbreak and no echo (set above) and the room for the widest one.
    clusterSupport =
      options.probesClusters && size.width >= 8
      ? Self.probeClusterSupport(input: options.input, output: options.output, pending: files.out)
      : []
    mouseinterval(0)
    applyMouseMask()
  }

  deinit {
    shutdown()
  }

  /// `setlocale(LC_ALL, "")`, then C.UTF-8 for LC_CTYPE when the codeset is not UTF-8: with
  /// LANG unset (usual under CI and tmux) ncursesw would draw CJK and emoji as blanks.
  private static func useUTF8Locale() {
    setlocale(LC_ALL, "")
    let codeset = String(cString: cnc_codeset())
    if codeset != "UTF-8" && codeset != "utf8" {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
  }

  /// Clears IXON so Ctrl-S and Ctrl-Q reach the app instead of freezing output, and records
  /// the result as ncurses' program mode.
  private static func disableFlowControl(_ descriptor: Int32) {
    var modes = termios()
    guard tcgetattr(descriptor, &modes) == 0 else { return }
    modes.c_iflag &= ~tcflag_t(IXON)
    tcsetattr(descriptor, TCSANOW, &modes)
    def_prog_mode()
  }

  public func setMouseEnabled(_ enabled: Bool) {
    isMouseEnabled = enabled
    if isOpen && !isSuspended { applyMouseMask() }
  }

  private func applyMouseMask() {
    let mask =
      isMouseEnabled
      ? cnc_BUTTON1_PRESSED() | cnc_BUTTON2_PRESSED() | cnc_BUTTON3_PRESSED()
        | cnc_BUTTON4_PRESSED() | cnc_BUTTON5_PRESSED() : 0
    mousemask(mask, nil)
  }

  public func suspend() {
    guard isOpen, !isSuspended else { return }
    isSuspended = true
    endwin()
  }

  public func resume() {
    guard isOpen, isSuspended else { return }
    isSuspended = false
    // The child drew over the screen: repaint all of it from the window's contents.
    clearok(window, true)
    wrefresh(window)
    curs_set(0)
    applyMouseMask()
  }

  public func shutdown() {
    guard isOpen else { return }
    isOpen = false
    if !isSuspended {
      mousemask(0, nil)
      endwin()
    }
    SignalGuard.uninstall()
    delscreen(screen)
    fclose(files.out)
    fclose(files.in)
  }
}
