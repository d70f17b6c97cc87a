/// The one seam through which url-notes runs git (for `sync`): `git -C DIRECTORY ARGS…`,
/// started through `Syscalls.run` with an argument vector (never a shell), its output collected.
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
    guard let output = Syscalls.makeTemporaryFile("/tmp/url-notes-git-XXXXXX") else {
      throw LaunchFailure(missing: false, message: "cannot create a temporary file for git")
    }
    defer {
      Syscalls.close(output.fd)
      Syscalls.unlink(output.path)
    }
    let status: Int32
    do {
      status = try Syscalls.run(
        [executable, "-C", directory] + arguments, output: output.fd,
        environment: ["GIT_TERMINAL_PROMPT=0"])
    } catch {
      throw LaunchFailure(missing: error == .noEntry, message: error.message)
    }
    let bytes = (try? FileSystem.contents(of: output.path)) ?? nil
    return Result(status: status, output: String(decoding: bytes ?? [], as: UTF8.self))
  }
}
