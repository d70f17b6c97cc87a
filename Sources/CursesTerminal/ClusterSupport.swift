internal import CNcursesw
import TerminalCore

/// The kinds of emoji sequences the terminal lays out in two columns when sent whole.
///
/// TerminalCore gives every emoji grapheme cluster two columns (`👍🏽`, `👨‍👩‍👧`, `❤️`, `1️⃣`).
/// Terminals disagree: kitty, WezTerm, foot or Ghostty draw each as one glyph of two columns;
/// xterm and VTE measure each scalar with `wcwidth` (the family takes 6); tmux 3.3a joins
/// sequences at a ZERO WIDTH JOINER but gives a skin-tone modifier two columns of its own and
/// `❤️` one. No table can know which terminal is at the other end, so `CursesTerminal.open`
/// asks it: it prints one sample of each kind at the start of a line, asks where the cursor
/// went (`ESC [ 6 n`, answered `ESC [ row ; column R`), and erases the line again. A cluster
/// is sent whole only when every kind it contains came back two columns wide and its first
/// scalar is two columns wide for `wcwidth` too (ncurses moves its cursor by that width, so
/// `❤️` and `1️⃣`, whose base is one column, always go as pieces); otherwise it is sent as
/// pieces that `wcwidth` measures at the cell's width (`CursesTerminal.pieces`), which keeps
/// the row's columns right on any terminal. A terminal that does not answer within
/// `probeTimeoutMilliseconds` gets the pieces for everything.
struct ClusterSupport: OptionSet, Sendable {
  let rawValue: UInt8

  /// A ZERO WIDTH JOINER sequence: `👨‍👩‍👧`.
  static let joiner = ClusterSupport(rawValue: 1 << 0)
  /// An emoji modifier (a skin tone, U+1F3FB–U+1F3FF): `👍🏽`.
  static let modifier = ClusterSupport(rawValue: 1 << 1)

  /// One sample of each kind, in the order they are printed and answered.
  static let probes: [(kind: ClusterSupport, text: String)] = [
    (.joiner, "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"), (.modifier, "\u{1F44D}\u{1F3FD}"),
  ]

  /// How long a terminal may take to answer every probe before it is taken to answer none.
  static let probeTimeoutMilliseconds: Int32 = 500

  /// The most scalars one ncurses cell holds (`CCHARW_MAX`): longer clusters go as pieces.
  static let maximumScalars = 5

  /// The kinds of sequence `text` contains (empty for a plain character).
  init(kindsIn text: String) {
    var kinds: ClusterSupport = []
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x200D: kinds.insert(.joiner)
      case 0x1F3FB...0x1F3FF: kinds.insert(.modifier)
      default: break
      }
    }
    self = kinds
  }

  init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Whether `cell` can be sent as one cluster: a sequence of kinds the terminal draws at the
  /// cell's width, whose first scalar `wcwidth` also measures at it, short enough for one
  /// ncurses cell.
  func sendsWhole(_ cell: Cell) -> Bool {
    let kinds = ClusterSupport(kindsIn: cell.text)
    guard !kinds.isEmpty, isSuperset(of: kinds), cell.width == 2,
      cell.text.unicodeScalars.count <= Self.maximumScalars,
      let first = cell.text.unicodeScalars.first
    else { return false }
    return wcwidth(wchar_t(bitPattern: first.value)) == 2
  }

  /// The bytes that print each probe at the start of the line, ask for the cursor position
  /// after it, and finally erase the line.
  static var probeBytes: [UInt8] {
    var bytes: [UInt8] = []
    for probe in probes {
      bytes += Array("\r".utf8) + Array(probe.text.utf8) + Array("\u{1B}[6n".utf8)
    }
    return bytes + Array("\r\u{1B}[K".utf8)
  }

  /// The kinds whose probe the terminal put in two columns, from its answers `replies` (the
  /// bytes it sent back, in order); nil until every probe is answered.
  static func fromReplies(_ replies: [UInt8]) -> ClusterSupport? {
    let columns = cursorColumns(in: replies)
    guard columns.count >= probes.count else { return nil }
    var supported: ClusterSupport = []
    for (probe, column) in zip(probes, columns) where column == 3 {
      supported.insert(probe.kind)
    }
    return supported
  }

  /// The columns of each `ESC [ row ; column R` in `bytes`, other bytes skipped.
  static func cursorColumns(in bytes: [UInt8]) -> [Int] {
    var columns: [Int] = []
    var index = 0
    while index + 1 < bytes.count {
      guard bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "[") else {
        index += 1
        continue
      }
      var cursor = index + 2
      var numbers = [0]
      while cursor < bytes.count {
        let byte = bytes[cursor]
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
          numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(byte - 0x30)
        } else if byte == UInt8(ascii: ";") {
          numbers.append(0)
        } else {
          break
        }
        cursor += 1
      }
      if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "R"), numbers.count == 2 {
        columns.append(numbers[1])
      }
      index = cursor
    }
    return columns
  }
}
