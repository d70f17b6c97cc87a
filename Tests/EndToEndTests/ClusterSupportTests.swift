import Foundation
import Glibc
import TerminalCore
import Testing

@testable import CursesTerminal

/// Emoji sequences reach the terminal whole when it says it draws them in two columns, and as
/// pieces that keep the row's columns when it does not (or does not answer). In the smoke
/// tests' suite, which is serialized: ncurses has one current screen per process.
#if os(Linux)
  extension CursesTerminalSmokeTests {
    @Test func answersAreReadAmongOtherBytes() {
      let bytes = Array("x\u{1B}[5;3Ry\u{1B}[A\u{1B}[12;10R\u{1B}[7".utf8)
      #expect(ClusterSupport.cursorColumns(in: bytes) == [3, 10])
      #expect(ClusterSupport.fromReplies(Array("\u{1B}[1;3R".utf8)) == nil)
      #expect(ClusterSupport.fromReplies(bytes) == [.joiner])
      #expect(
        ClusterSupport.fromReplies(Array("\u{1B}[1;3R\u{1B}[1;3R".utf8)) == [.joiner, .modifier])
    }

    @Test func whichCellsGoWhole() {
      setlocale(LC_CTYPE, "C.UTF-8")  // as `open` sets it: wcwidth needs a UTF-8 locale
      func cell(_ text: String) -> Cell {
        var buffer = CellBuffer(size: Size(width: 4, height: 1))
        buffer.put(text, at: .zero)
        return buffer[0, 0]
      }
      let all: ClusterSupport = [.joiner, .modifier]
      #expect(ClusterSupport(kindsIn: "👨‍👩‍👧") == .joiner)
      #expect(ClusterSupport(kindsIn: "👍🏽") == .modifier)
      #expect(ClusterSupport(kindsIn: "👨🏽‍💻") == [.joiner, .modifier])
      #expect(all.sendsWhole(cell("👨‍👩‍👧")) && all.sendsWhole(cell("👍🏽")))
      #expect(ClusterSupport.joiner.sendsWhole(cell("👨‍👩‍👧")))
      #expect(!ClusterSupport.joiner.sendsWhole(cell("👍🏽")))
      #expect(!ClusterSupport.joiner.sendsWhole(cell("👨🏽‍💻")))
      // More scalars than an ncurses cell holds; a base that wcwidth gives one column; no sequence.
      #expect(!all.sendsWhole(cell("👨‍👩‍👧‍👦")))
      #expect(!all.sendsWhole(cell("❤️‍🔥")))
      #expect(!all.sendsWhole(cell("🍣")) && !all.sendsWhole(cell("a")))
    }

    /// A terminal that answers each cursor-position request with `columns`, one by one.
    func answering(_ pty: PseudoTerminal, columns: [Int]) -> Thread {
      let master = pty.master
      let thread = Thread {
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        var answered = 0
        let request = Array("\u{1B}[6n".utf8)
        var attempts = 0
        while answered < columns.count && attempts < 200 {
          attempts += 1
          let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
          if count > 0 { seen += buffer[0..<count] } else { usleep(5_000) }
          var requests = 0
          for index in seen.indices where seen[index...].starts(with: request) { requests += 1 }
          while answered < min(requests, columns.count) {
            let reply = Array("\u{1B}[3;\(columns[answered])R".utf8)
            _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            answered += 1
          }
        }
      }
      thread.start()
      return thread
    }

    @Test(arguments: [
      ([3, 3], "a👨‍👩‍👧👍🏽b|"),  // kitty, WezTerm, Ghostty: both sequences whole
      ([3, 5], "a👨‍👩‍👧👍b|"),  // tmux 3.3a: joins at ZWJ, gives a skin tone two columns
      ([7, 5], "a👨👍b|"),  // xterm, VTE: every scalar by wcwidth
    ])
    func sequencesAreSentWholeOnlyWhereTheTerminalDrawsThemInTwoColumns(
      columns: [Int], expected: String
    ) throws {
      let pty = try PseudoTerminal(width: 30, height: 5)
      _ = answering(pty, columns: columns)
      let terminal = try CursesTerminal.open(
        .init(term: "xterm-256color", mouseEnabled: false, input: pty.slave, output: pty.slave))
      defer { terminal.shutdown() }
      usleep(50_000)  // the answering thread is done reading
      _ = pty.readAvailable()
      var frame = CellBuffer(size: terminal.size)
      frame.put("a👨‍👩‍👧👍🏽b|", at: Point(x: 0, y: 2))
      terminal.draw(frame)
      let output = pty.readAvailable()
      #expect(output.contains(expected), "\(output.debugDescription)")
    }
  }
#endif
