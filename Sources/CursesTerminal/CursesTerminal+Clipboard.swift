import Glibc
import ProcessLaunch
import TerminalCore

/// Copying to the system clipboard with OSC 52.
///
/// Outside tmux, the sequence `ESC ] 52 ; c ; <base64> BEL` goes straight to the terminal,
/// which sets the clipboard if it supports OSC 52 (xterm needs `allowWindowOps`; most others
/// support it by default).
///
/// Inside tmux (`Options.insideTmux`, from `$TMUX`) an application's OSC 52 is dropped under
/// tmux's default `set-clipboard external`, and DCS passthrough needs `allow-passthrough on`.
/// So the text is handed to `tmux load-buffer -w -`: tmux keeps it as a paste buffer and
/// forwards it to the outer terminal's clipboard with its own OSC 52, which `external` allows.
/// If that command cannot run, the OSC 52 is sent wrapped in tmux's passthrough as a fallback.
extension CursesTerminal {
  @discardableResult
  public func copyToClipboard(_ text: String) -> Bool {
    guard isOpen, !isSuspended else { return false }
    let osc = "\u{1B}]52;c;" + Base64.encode(Array(text.utf8)) + "\u{07}"
    if insideTmux {
      if Self.tmuxLoadBuffer(Array(text.utf8)) { return true }
      let escaped = osc.replacing("\u{1B}", with: "\u{1B}\u{1B}")
      return writeToTerminal("\u{1B}Ptmux;" + escaped + "\u{1B}\\")
    }
    return writeToTerminal(osc)
  }

  /// Writes `sequence` to the terminal between frames (ncurses has flushed its output by the
  /// end of `draw`).
  private func writeToTerminal(_ sequence: String) -> Bool {
    Self.writeAll(Array(sequence.utf8), to: outputDescriptor)
  }

  /// Writes all of `bytes` to `descriptor`, resuming after interruptions and short writes;
  /// false when the system refuses. The store's `FileSystem.writeAll` is the same loop, but
  /// CursesTerminal may not depend on NoteStore: this is the terminal's one copy.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var remaining = bytes[...]
    while !remaining.isEmpty {
      let written = remaining.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return false }
      remaining = remaining.dropFirst(written)
    }
    return true
  }

  /// Runs `tmux load-buffer -w -` with `bytes` on its standard input; true when it exits 0.
  private static func tmuxLoadBuffer(_ bytes: [UInt8]) -> Bool {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return false }
    defer { close(pipeEnds[1]) }
    // tmux must not write over the screen; the child must not keep the pipe's writing end,
    // or tmux would never see the end of its input.
    let started = ProcessLauncher.spawn(
      ["tmux", "load-buffer", "-w", "-"], input: .descriptor(pipeEnds[0]), output: .null,
      error: .null, closing: [pipeEnds[1]])
    close(pipeEnds[0])
    guard case .success(let child) = started else { return false }
    let written = writeAll(bytes, to: pipeEnds[1])
    close(pipeEnds[1])
    pipeEnds[1] = -1
    let outcome = ProcessLauncher.wait(child)
    return written && outcome == .success(.exited(0))
  }
}
