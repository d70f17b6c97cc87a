#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way url-notes starts a program and waits for it: `posix_spawnp` with an argument
/// vector (never a shell; the first argument looked up on PATH when it has no slash), and
/// `waitpid` retried across interruptions.
///
/// A module of its own below the store and the terminal, because both start programs (git and
/// a detached fold; the clipboard's `tmux load-buffer`) and `CursesTerminal` may not depend on
/// `NoteStore`. Each caller says what differs: where the standard streams go, the process
/// group, extra environment entries.
public enum ProcessLauncher {
  /// Where a child's standard stream comes from or goes to.
  public enum Stream: Equatable, Sendable {
    /// This process's own (the terminal, for `$EDITOR`).
    case inherit
    /// /dev/null.
    case null
    /// A descriptor of this process, duplicated onto the stream.
    case descriptor(Int32)
  }

  /// The process group or session a child runs in.
  public enum Group: Equatable, Sendable {
    /// This process's: Ctrl-C reaches both.
    case inherit
    /// A group of its own: Ctrl-C in this terminal does not reach it.
    case newGroup
    /// A session of its own, without a terminal.
    case newSession
  }

  /// How a child ended.
  public enum Outcome: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
  }

  /// Starts `arguments`: its pid, or the C error number of the spawn (`ENOENT`: no such
  /// program). `environment` entries go ahead of this process's own; `closing` are
  /// descriptors the child must not keep (a pipe's other end).
  public static func spawn(
    _ arguments: [String], input: Stream = .inherit, output: Stream = .inherit,
    error: Stream = .inherit, group: Group = .inherit, environment: [String] = [],
    closing: [Int32] = []
  ) -> Result<Int32, Errno> {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for (fd, stream) in [(Int32(0), input), (1, output), (2, error)] {
      switch stream {
      case .inherit: break
      case .null:
        posix_spawn_file_actions_addopen(
          &actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
      case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
      }
    }
    for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    switch group {
    case .inherit: break
    case .newGroup:
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
      posix_spawnattr_setpgroup(&attributes, 0)
    case .newSession: posix_spawnattr_setflags(&attributes, spawnNewSession)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    var variables = environment.map { strdup($0) }
    var entry = environ
    while !environment.isEmpty, let variable = entry.pointee {
      variables.append(strdup(variable))
      entry += 1
    }
    defer { (argv + variables).forEach { free($0) } }
    var pid = pid_t()
    let status =
      environment.isEmpty
      ? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
      : posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, variables + [nil])
    return status == 0 ? .success(pid) : .failure(Errno(code: status))
  }

  /// Waits for child `pid` to end, resuming after interruptions.
  public static func wait(_ pid: Int32) -> Result<Outcome, Errno> {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .failure(Errno(code: errno)) }
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
    let signal = status & 0x7f
    return .success(signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal))
  }

  /// Collects every child that has ended, so none stays a zombie; never blocks.
  public static func reapEnded() {
    var status: Int32 = 0
    while waitpid(-1, &status, WNOHANG) > 0 {}
  }

  /// A C error number from a spawn or a wait (and, in NoteStore's `Syscalls`, from any call).
  public struct Errno: Error, Equatable, Sendable {
    public var code: Int32

    public init(code: Int32) { self.code = code }
    /// The C library's text for it ("No such file or directory").
    public var message: String { String(cString: strerror(code)) }
  }

  /// glibc's POSIX_SPAWN_SETSID (spawn.h), which Swift does not see: it is defined only
  /// under _GNU_SOURCE.
  private static let spawnNewSession: Int16 = 0x80
}
