internal import CNcursesw
import Glibc
import TerminalCore

/// Reading and decoding input.
extension CursesTerminal {
  public func readKey(timeoutMilliseconds: Int?) -> Key? {
    guard isOpen, !isSuspended else { return nil }
    let deadline = timeoutMilliseconds.map { Self.nowMilliseconds() + max(0, $0) }
    while true {
      let wait = deadline.map { max(0, $0 - Self.nowMilliseconds()) }
      wtimeout(window, Int32(clamping: wait ?? -1))
      var input: wint_t = 0
      let result = wget_wch(window, &input)
      if result == ERR { return nil }  // timed out, or interrupted by a signal
      let key =
        result == KEY_CODE_YES ? decodeKeyCode(Int32(bitPattern: input)) : Self.decode(input)
      if let key { return key }
      // A key with no name here (say a media key): skip it and keep waiting.
      if let deadline, Self.nowMilliseconds() >= deadline { return nil }
    }
  }

  /// A character from `wget_wch`: printable, or a control byte with a name.
  static func decode(_ input: wint_t) -> Key? {
    if input < 0x20 || input == 0x7F { return Key.control(byte: UInt8(input)) }
    guard let scalar = Unicode.Scalar(UInt32(input)) else { return nil }
    return .character(Character(scalar))
  }

  /// A function-key code from `wget_wch` (`KEY_*`).
  private func decodeKeyCode(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_IC: return .insert
    case KEY_BTAB: return .backTab
    case KEY_RESIZE:
      // ncurses has resized the window already; repaint everything at the new size.
      size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
      previous = nil
      return .resize
    case KEY_MOUSE:
      return readMouse()
    case cnc_KEY_F(1)...cnc_KEY_F(63):
      return .function(Int(code - cnc_KEY_F(0)))
    default:
      return nil
    }
  }

  private func readMouse() -> Key? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let position = Point(x: Int(event.x), y: Int(event.y))
    let state = event.bstate
    let action: MouseEvent.Action
    if state & cnc_BUTTON4_PRESSED() != 0 {
      action = .wheelUp
    } else if state & cnc_BUTTON5_PRESSED() != 0 {
      action = .wheelDown
    } else if state & cnc_BUTTON1_PRESSED() != 0 {
      action = .press(button: 1)
    } else if state & cnc_BUTTON2_PRESSED() != 0 {
      action = .press(button: 2)
    } else if state & cnc_BUTTON3_PRESSED() != 0 {
      action = .press(button: 3)
    } else {
      return nil
    }
    return .mouse(MouseEvent(action, at: position))
  }

  private static func nowMilliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }
}
