/// A key press, a mouse event or a resize, as read from a terminal.
///
/// Backends decode their input into these; key maps match on them. Printable input, including
/// CJK and emoji, arrives as `.character`; control combinations without a name of their own
/// arrive as `.ctrl` with a lower-case letter (Ctrl-A is `.ctrl("a")`). Tab, Enter, Escape and
/// Backspace are their own cases even though they are control characters on the wire.
public enum Key: Sendable, Hashable, CustomStringConvertible {
  case character(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, tab, backTab, delete, insert
  /// Ctrl with a letter (`"a"`…`"z"`) or one of `@ [ \ ] ^ _`.
  case ctrl(Character)
  /// F1 is `.function(1)`.
  case function(Int)
  /// The terminal changed size; read `Terminal.size` and redraw.
  case resize
  case mouse(MouseEvent)

  /// A readable name, as used in help screens: `a`, `Up`, `C-x`, `F5`, `PageDown`.
  public var description: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .up: return "Up"
    case .down: return "Down"
    case .left: return "Left"
    case .right: return "Right"
    case .pageUp: return "PageUp"
    case .pageDown: return "PageDown"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .delete: return "Delete"
    case .insert: return "Insert"
    case .ctrl(let c): return "C-\(c)"
    case .function(let n): return "F\(n)"
    case .resize: return "Resize"
    case .mouse(let event): return event.description
    }
  }

  /// The key a terminal sends for control byte `byte` (0–31 or 127), as backends decode it:
  /// 9 is Tab, 10 and 13 Enter, 27 Escape, 8 and 127 Backspace, others `.ctrl`.
  public static func control(byte: UInt8) -> Key? {
    switch byte {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 0: return .ctrl("@")
    case 1...26: return .ctrl(Character(Unicode.Scalar(byte + 0x60)))
    case 28...31: return .ctrl(Character(Unicode.Scalar(byte + 0x40)))
    default: return nil
    }
  }
}
