#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one seam through which url-notes runs git (for `sync`): `git -C DIRECTORY ARGS…`,
/// started with `posix_spawnp` and an argument vector (never a shell), its output collected.
///
/// Output goes to a temporary file, not a pipe: if url-notes is killed mid-sync, a git that is
/// running finishes its step instead of dying of SIGPIPE halfway through (which could leave
/// `index.lock` behind). Prompts are off (`GIT_TERMINAL_PROMPT=0`): a remote that asks for a
/// password fails instead of hanging.
public struct GitProcess: Sendable {
  public struct Result: Sendable {
    public var status: Int32
    /// stdout and stderr, interleaved as git wrote them.
    public var output: String
    public var succeeded: Bool { status == 0 }
    /// The first line of the output that says something, for one-line error messages.
    public var firstLine: String {
      output.split(separator: "\n").map { $0.trimmingPrefix("error: ").trimmingPrefix("fatal: ") }
        .first { !$0.isEmpty }.map(String.init) ?? "git exited with status \(status)"
    }
  }

  /// git could not be started at all.
  public struct LaunchFailure: Error, Sendable {
    public var missing: Bool
    public var message: String
  }

  public let directory: String
  public let executable: String

  public init(directory: String, executable: String = "git") {
    self.directory = directory
    self.executable = executable
  }

  /// Runs git with `arguments` in `directory` and waits for it.
  public func run(_ arguments: [String]) throws(LaunchFailure) -> Result {
    var template = Array("/tmp/url-notes-git-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw LaunchFailure(missing: false, message: "cannot create a temporary file for git")
    }
    let outputPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer {
      close(fd)
      unlink(outputPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fd, 1)
    posix_spawn_file_actions_adddup2(&actions, fd, 2)
    let words = [executable, "-C", directory] + arguments
    var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
    argv.append(nil)
    var environment: [UnsafeMutablePointer<CChar>?] = [strdup("GIT_TERMINAL_PROMPT=0")]
    var entry = environ
    while let variable = entry.pointee {
      environment.append(strdup(variable))
      entry += 1
    }
    environment.append(nil)
    defer { for pointer in argv + environment { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, executable, &actions, nil, argv, environment)
    guard status == 0 else {
      throw LaunchFailure(
        missing: status == ENOENT, message: String(cString: strerror(status)))
    }
    var waitStatus: Int32 = 0
    while waitpid(pid, &waitStatus, 0) < 0 {
      guard errno == EINTR else {
        throw LaunchFailure(missing: false, message: String(cString: strerror(errno)))
      }
    }
    // WIFEXITED / WEXITSTATUS are macros Swift cannot import: a signal counts as failure.
    let exitStatus = waitStatus & 0x7f == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
    let bytes = (try? FileSystem.contents(of: outputPath)) ?? nil
    return Result(status: exitStatus, output: String(decoding: bytes ?? [], as: UTF8.self))
  }
}
