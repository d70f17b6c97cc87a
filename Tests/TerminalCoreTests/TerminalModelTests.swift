import TerminalCore
import Testing

@Suite struct TerminalModelTests {
  @Test func rectLayoutHelpersClamp() {
    let r = Rect(x: 1, y: 2, width: 10, height: 5)
    #expect(r.split(top: 1).top == Rect(x: 1, y: 2, width: 10, height: 1))
    #expect(r.split(top: 1).rest == Rect(x: 1, y: 3, width: 10, height: 4))
    #expect(r.split(bottom: 9).bottom == r)
    #expect(r.split(left: 3).rest == Rect(x: 4, y: 2, width: 7, height: 5))
    #expect(r.split(right: 3).right == Rect(x: 8, y: 2, width: 3, height: 5))
    #expect(r.inset(by: 1) == Rect(x: 2, y: 3, width: 8, height: 3))
    #expect(r.inset(by: 4).isEmpty)
    #expect(r.row(4) == Rect(x: 1, y: 6, width: 10, height: 1))
    #expect(r.row(5).isEmpty)
    #expect(r.columns(3).map(\.width) == [4, 3, 3])
    #expect(r.intersection(Rect(x: 20, y: 0, width: 2, height: 2)).isEmpty)
  }

  @Test func controlBytesDecodeToNamedKeys() {
    #expect(Key.control(byte: 1) == .ctrl("a"))
    #expect(Key.control(byte: 9) == .tab)
    #expect(Key.control(byte: 13) == .enter)
    #expect(Key.control(byte: 27) == .escape)
    #expect(Key.control(byte: 127) == .backspace)
    #expect(Key.control(byte: 31) == .ctrl("_"))
    #expect(Key.ctrl("x").description == "C-x")
  }

  @Test func colorModeHonoursNoColor() {
    #expect(ColorMode.resolve(hasColors: true, environment: [:]) == .color)
    #expect(ColorMode.resolve(hasColors: true, environment: ["NO_COLOR": "1"]) == .monochrome)
    #expect(ColorMode.resolve(hasColors: true, environment: ["NO_COLOR": ""]) == .color)
    #expect(ColorMode.resolve(hasColors: false, environment: [:]) == .monochrome)
    let style = Style(foreground: .red, background: .blue, attributes: [.bold])
    #expect(style.adapted(to: .monochrome) == Style(.bold))
  }

  @Test func preflightRefusesInOrder() {
    #expect(throws: TerminalOpenError.notATerminal(stream: "standard input")) {
      try TerminalOpenError.preflight(stdinIsTerminal: false, stdoutIsTerminal: false, term: nil)
    }
    #expect(throws: TerminalOpenError.notATerminal(stream: "standard output")) {
      try TerminalOpenError.preflight(stdinIsTerminal: true, stdoutIsTerminal: false, term: "xterm")
    }
    #expect(throws: TerminalOpenError.terminalTypeUnset) {
      try TerminalOpenError.preflight(stdinIsTerminal: true, stdoutIsTerminal: true, term: "")
    }
    #expect(
      TerminalOpenError.cannotAddressCursor("dumb").description
        == "terminal type 'dumb' cannot address the cursor (set TERM, e.g. TERM=xterm-256color)")
  }

  @Test func headlessTerminalScriptsKeysAndRecordsFrames() {
    let terminal = HeadlessTerminal(size: Size(width: 5, height: 1))
    terminal.enqueue(.down)
    terminal.enqueueResize(to: Size(width: 3, height: 1))
    terminal.type("q")
    var frame = CellBuffer(size: terminal.size)
    frame.put("ab", at: .zero)
    terminal.draw(frame)
    #expect(terminal.lastChanges.count == 1)
    terminal.draw(frame)
    #expect(terminal.lastChanges.isEmpty)
    #expect(terminal.readKey(timeoutMilliseconds: nil) == .down)
    #expect(terminal.readKey(timeoutMilliseconds: 10) == .resize)
    #expect(terminal.size == Size(width: 3, height: 1))
    #expect(terminal.readKey(timeoutMilliseconds: nil) == .character("q"))
    #expect(terminal.readKey(timeoutMilliseconds: nil) == nil)
    #expect(terminal.timedReads == 1)
    #expect(terminal.copyToClipboard("x"))
    #expect(terminal.clipboard == ["x"])
    #expect(terminal.frames.count == 2)
  }
}
