import CursesTerminal
import Foundation
import Glibc
import TerminalCore
import TestSupport
import Testing

/// The real ncurses backend, in process, on a pseudo-terminal: refusals leave the terminal
/// untouched; frames, diffs, keys and shutdown produce the expected bytes.
///
/// Linux only (the pseudo-terminal is opened with Linux ioctls). Serialized: ncurses has one
/// current screen per process and the backend installs signal handlers, so two of these must
/// not run at once.
#if os(Linux)
  @Suite(.serialized) struct CursesTerminalSmokeTests {
    @Test func refusesWhenInputIsNotATerminal() throws {
      let pty = try PseudoTerminal()
      let null = open("/dev/null", O_RDWR)
      defer { close(null) }
      #expect(throws: TerminalOpenError.notATerminal(stream: "standard input")) {
        try CursesTerminal.open(.init(term: "xterm", input: null, output: pty.slave))
      }
      #expect(throws: TerminalOpenError.notATerminal(stream: "standard output")) {
        try CursesTerminal.open(.init(term: "xterm", input: pty.slave, output: null))
      }
      #expect(pty.readAvailable().isEmpty)
    }

    @Test(
      arguments: [
        (nil, TerminalOpenError.terminalTypeUnset),
        ("", .terminalTypeUnset),
        ("no-such-terminal-type", .unknownTerminalType("no-such-terminal-type")),
        ("dumb", .cannotAddressCursor("dumb")),
      ] as [(String?, TerminalOpenError)])
    func refusesUnusableTerminalTypesWithoutTouchingTheTerminal(
      term: String?, expected: TerminalOpenError
    ) throws {
      let pty = try PseudoTerminal()
      #expect(throws: expected) {
        try CursesTerminal.open(.init(term: term, input: pty.slave, output: pty.slave))
      }
      #expect(pty.readAvailable().isEmpty, "bytes were written to the terminal")
    }

    @Test func drawsOnlyChangesReadsKeysAndRestores() throws {
      let pty = try PseudoTerminal(width: 30, height: 5)
      let terminal = try CursesTerminal.open(
        .init(term: "xterm-256color", mouseEnabled: false, input: pty.slave, output: pty.slave))
      #expect(terminal.size == Size(width: 30, height: 5))

      var frame = CellBuffer(size: terminal.size)
      frame.put("日本語 hello \u{1B}[31m", at: Point(x: 0, y: 1), style: Style(.bold))
      terminal.draw(frame)
      let first = pty.readAvailable()
      #expect(first.contains("日本語 hello ␛[31m"))
      #expect(!first.contains("\u{1B}[31m"), "data escape reached the terminal")

      frame.put("J", at: Point(x: 7, y: 1), style: Style(.bold))
      terminal.draw(frame)
      let second = pty.readAvailable()
      #expect(second.contains("J"))
      #expect(!second.contains("日本語"), "unchanged cells were rewritten: \(second.debugDescription)")

      // Clusters wider in TerminalCore than in wcwidth are sent so the row does not shift.
      frame.put("❤️👨‍👩‍👧🇯🇵|", at: Point(x: 0, y: 3))
      terminal.draw(frame)
      #expect(pty.readAvailable().contains("❤ 👨🇯🇵|"))

      pty.write("\u{1B}OAx日\u{01}\u{7F}\r")
      let keys = (0..<6).compactMap { _ in terminal.readKey(timeoutMilliseconds: 1000) }
      #expect(keys == [.up, .character("x"), .character("日"), .ctrl("a"), .backspace, .enter])
      #expect(terminal.readKey(timeoutMilliseconds: 20) == nil)

      terminal.shutdown()
      #expect(pty.readAvailable().contains("\u{1B}[?1049l"), "alternate screen not left")
      terminal.shutdown()
    }

    @Test func suspendResumeMouseAndClipboard() throws {
      let pty = try PseudoTerminal(width: 20, height: 4)
      let terminal = try CursesTerminal.open(
        .init(term: "xterm-256color", input: pty.slave, output: pty.slave))
      defer { terminal.shutdown() }
      var frame = CellBuffer(size: terminal.size)
      frame.put("frame", at: .zero)
      terminal.draw(frame)
      #expect(pty.readAvailable().contains("frame"))

      // The mouse is on by default: an SGR wheel-up report at column 5, row 3 (1-based).
      pty.write("\u{1B}[<64;5;3M")
      let wheel = terminal.readKey(timeoutMilliseconds: 1000)
      #expect(wheel == .mouse(MouseEvent(.wheelUp, at: Point(x: 4, y: 2))))

      #expect(terminal.copyToClipboard("hi"))
      #expect(pty.readAvailable().contains("\u{1B}]52;c;aGk=\u{07}"))

      terminal.suspend()
      #expect(pty.readAvailable().contains("\u{1B}[?1049l"), "suspend did not leave the screen")
      #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
      terminal.resume()
      let repaint = pty.readAvailable()
      #expect(repaint.contains("\u{1B}[?1049h") && repaint.contains("frame"))
    }
  }

  /// The backend inside the real binary, through tmux: Ctrl-C restores the screen and exits
  /// with the conventional status.
  @Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  struct CursesTerminalSignalTests {
    /// `url-notes`, built next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("url-notes").path

    @Test func resizeRedrawsAtTheNewSize() throws {
      let tmux = try TmuxSession(
        command: [Self.binary, "demo", Fixtures.sampleData().path], width: 80, height: 16,
        environment: ["TMPDIR": NSTemporaryDirectory()])
      try tmux.waitFor(timeout: 10, "the UI") { $0.count == 16 && !$0[15].isEmpty }
      try tmux.resize(width: 40, height: 8)
      // KEY_RESIZE reached the app: it drew down to the last row of the new height.
      try tmux.waitFor("a redraw at 40x8") { $0.count == 8 && !$0[7].isEmpty }
      try tmux.sendKeys("C-c")
      #expect(try tmux.waitForExit() == 130)
    }

    @Test func ctrlCRestoresTheTerminalAndExits130() throws {
      let tmux = try TmuxSession(
        command: [Self.binary, "demo", Fixtures.sampleData().path], width: 80, height: 16,
        environment: ["TMPDIR": NSTemporaryDirectory()])
      // The demo prints its store path, then the full-screen UI covers it and draws down to the
      // last row (a status bar), which plain output on a fresh 16-row pane never reaches.
      let before = try tmux.waitFor(timeout: 10, "the UI") { screen in
        screen.count == 16 && !screen[15].isEmpty
          && !screen.contains { $0.hasPrefix("demo store:") }
      }
      try tmux.sendKeys("C-c")
      #expect(try tmux.waitForExit() == 130)
      let after = try tmux.capture(history: true)
      #expect(after.contains { $0.hasPrefix("demo store:") }, "alternate screen not left")
      #expect(before != after)
    }
  }

  /// A pseudo-terminal pair: the code under test gets `slave`, the test reads and writes `master`.
  final class PseudoTerminal {
    let master: Int32
    let slave: Int32

    struct Failure: Error {}

    init(width: Int = 40, height: Int = 10) throws {
      // posix_openpt/ptsname are hidden behind _XOPEN_SOURCE in Swift's Glibc, so use the Linux
      // ioctls they wrap: TIOCSPTLCK (unlock) and TIOCGPTN (pty number), _IOW/_IOR('T', 0x31/0x30).
      master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
      var unlock: Int32 = 0
      var number: UInt32 = 0
      guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0,
        ioctl(master, 0x8004_5430, &number) == 0
      else { throw Failure() }
      slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
      guard slave >= 0 else { throw Failure() }
      var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
      _ = ioctl(master, UInt(TIOCSWINSZ), &size)
      _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
      close(slave)
      close(master)
    }

    /// What the program wrote, read until the output has been quiet for 50 ms.
    func readAvailable() -> String {
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      var quietPolls = 0
      while quietPolls < 5 {
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
          bytes += buffer[0..<count]
          quietPolls = 0
        } else {
          quietPolls += 1
          usleep(10_000)
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }

    /// Types `text` into the terminal.
    func write(_ text: String) {
      let bytes = Array(text.utf8)
      _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }
  }
#endif
