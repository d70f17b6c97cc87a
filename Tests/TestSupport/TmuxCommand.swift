import Foundation
import Glibc

/// Runs one `tmux` client command and collects its output.
///
/// Spawned with `posix_spawnp` rather than Foundation's `Process`: on Linux, `Process` waits
/// for a socketpair that the daemonised tmux server inherits, so `tmux new-session -d` never
/// "exits". Here every pipe is close-on-exec, so a server started by one command (or by a
/// parallel test) holds none of them, and reading stops at the client's exit.
enum TmuxCommand {
  /// Held from creating a pipe until the child is spawned: the pipe becomes close-on-exec only
  /// after `pipe()` (`pipe2` is not importable), and a concurrent spawn must not inherit it.
  private static let pipeLock = NSLock()

  /// The result of one command: exit status (-1 when it could not start) and output
  /// (standard output and error together).
  struct Result {
    var status: Int32
    var output: String
  }

  /// Runs `tmux <arguments>` with the caller's environment minus `TMUX`/`TMUX_PANE` (so tests
  /// work from inside tmux too), standard input from /dev/null.
  static func run(_ arguments: [String]) -> Result {
    var ends: [Int32] = [-1, -1]
    pipeLock.lock()
    let piped = pipe(&ends) == 0
    if piped {
      _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
      _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    }
    guard piped else {
      pipeLock.unlock()
      return Result(status: -1, output: "pipe failed")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
    posix_spawn_file_actions_adddup2(&actions, ends[1], STDERR_FILENO)
    var argv: [UnsafeMutablePointer<CChar>?] = (["tmux"] + arguments).map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment().map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    // Test runners block or ignore signals in their threads, and both survive exec: a tmux
    // server with SIGCHLD blocked never reaps its panes, so reset the mask and dispositions.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGCHLD, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var child: pid_t = 0
    let spawned = posix_spawnp(&child, "tmux", &actions, &attributes, &argv, &envp)
    pipeLock.unlock()
    close(ends[1])
    defer { close(ends[0]) }
    guard spawned == 0 else {
      return Result(status: -1, output: "cannot run tmux: \(String(cString: strerror(spawned)))")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(status: exitStatus, output: String(decoding: bytes, as: UTF8.self))
  }

  /// Whether a `tmux` binary can be run.
  static var isAvailable: Bool { run(["-V"]).status == 0 }

  private static func environment() -> [String] {
    var result: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
      let variable = String(cString: pointer)
      if !variable.hasPrefix("TMUX=") && !variable.hasPrefix("TMUX_PANE=") {
        result.append(variable)
      }
      entry += 1
    }
    return result
  }
}
