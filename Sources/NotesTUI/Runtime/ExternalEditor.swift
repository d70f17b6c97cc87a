import ProcessLaunch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the user's text editor on a file and waits for it: `$EDITOR`, else `$VISUAL`, else `vi`.
///
/// The editor inherits the terminal (stdin, stdout, stderr); a full-screen caller suspends its
/// own screen around `edit(_:)`. The command is split as git splits it: a plain name or path
/// (no spaces, quotes or other shell metacharacters) is started directly;
/// anything else (`code --wait`, `emacs -nw`, `"/opt/My Editor/bin/ed"`) runs as
/// `/bin/sh -c '<command> "$@"' <command> FILE`, so the user's quoting works and the file name
/// is passed as an argument, never pasted into the shell text. Started and waited for by
/// `ProcessLauncher`, as every program url-notes runs.
public struct ExternalEditor: Sendable {
  /// The editor command as the user wrote it.
  public var command: String

  public init(command: String) { self.command = command }

  /// The editor the environment names: `$EDITOR`, else `$VISUAL`, else `vi` (empty values
  /// count as unset).
  public static func fromEnvironment(
    _ value: (String) -> String? = ProcessEnvironment.value
  ) -> Self {
    for name in ["EDITOR", "VISUAL"] {
      if let command = value(name), !command.allSatisfy({ $0 == " " || $0 == "\t" }) {
        return ExternalEditor(command: command)
      }
    }
    return ExternalEditor(command: "vi")
  }

  /// Characters that make git hand an editor command to the shell.
  static let shellMetacharacters = Set("|&;<>()$`\\\"' \t\n*?[#~=%")

  /// The argument vector that edits `file`.
  public func arguments(for file: String) -> [String] {
    if command.contains(where: Self.shellMetacharacters.contains) {
      return ["/bin/sh", "-c", command + " \"$@\"", command, file]
    }
    return [command, file]
  }

  /// How the editor ended.
  public enum Outcome: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    /// "exited with status 1", "was killed by signal 9".
    public var description: String {
      switch self {
      case .exited(let status): return "exited with status \(status)"
      case .signaled(let signal): return "was killed by signal \(signal)"
      }
    }
  }

  /// Why the editor could not be started.
  public struct LaunchError: Error, Equatable, Sendable, CustomStringConvertible {
    public var command: String
    public var code: Int32
    public var description: String {
      "cannot start the editor '\(command)': \(String(cString: strerror(code)))"
    }
  }

  /// Starts the editor on `file` and waits until it exits.
  ///
  /// While it runs, Ctrl-C and Ctrl-\ belong to the editor: this process catches SIGINT and
  /// SIGQUIT with a handler that does nothing (as git does around `$EDITOR`; a caught signal,
  /// unlike an ignored one, is reset to the default in the child) and restores the previous
  /// handlers afterwards.
  public func edit(_ file: String) throws(LaunchError) -> Outcome {
    var saved: [sigaction] = [sigaction(), sigaction()]
    for (index, signal) in [SIGINT, SIGQUIT].enumerated() {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, &saved[index])
    }
    defer {
      for (index, signal) in [SIGINT, SIGQUIT].enumerated() {
        sigaction(signal, &saved[index], nil)
      }
    }
    // The editor inherits the terminal: all three streams and the process group.
    let pid: Int32
    switch ProcessLauncher.spawn(arguments(for: file)) {
    case .success(let child): pid = child
    case .failure(let error): throw LaunchError(command: command, code: error.code)
    }
    switch ProcessLauncher.wait(pid) {
    case .success(.exited(let status)): return .exited(status)
    case .success(.signaled(let signal)): return .signaled(signal)
    case .failure(let error): throw LaunchError(command: command, code: error.code)
    }
  }
}
