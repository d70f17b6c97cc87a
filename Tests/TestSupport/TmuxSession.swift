import Foundation
import Glibc

/// A detached tmux session running one command in a pane of a fixed size, for end-to-end tests
/// of terminal programs: send keys, capture the screen as text, wait for text to appear.
///
/// Each session has its own server on a private socket (a unique path, never reused, since
/// reusing a socket name right after `kill-server` fails), started with `-f /dev/null` so user
/// configuration cannot interfere, with the status line off (the pane is the whole window) and
/// `remain-on-exit` on (so the exit status can be read). The server is killed by `kill()` or
/// when the session is released.
///
/// ```swift
/// let tmux = try TmuxSession(command: [binary, "browse"], width: 80, height: 24,
///                            environment: ["URL_NOTES_STORE": path])
/// try tmux.waitFor(text: "notes")
/// try tmux.sendKeys("Down", "Enter")
/// try tmux.sendText("/query")
/// let screen = try tmux.waitFor(text: "1 match")
/// try tmux.sendKeys("q")
/// #expect(try tmux.waitForExit() == 0)
/// ```
///
/// The pane's `TERM` is `tmux-256color` unless `environment` sets another (it is applied
/// through `env`, because tmux overrides a `-e TERM=` with its `default-terminal`).
public final class TmuxSession {
  /// The private socket of this session's server.
  public let socketPath: String
  /// The pane's size as last set.
  public private(set) var width: Int
  public private(set) var height: Int
  private var isAlive = true
  static let target = "test"

  /// Starts `command` (executable and arguments, quoted for the shell here) in a new pane of
  /// `width` × `height` with `environment` added to the caller's environment.
  public init(
    command: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
    workingDirectory: String? = nil
  ) throws {
    precondition(!command.isEmpty, "TmuxSession needs a command")
    self.width = width
    self.height = height
    socketPath = Self.uniqueSocketPath()
    var shellCommand = "exec env"
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
      shellCommand += " " + Self.shellQuote("\(name)=\(value)")
    }
    shellCommand += " " + command.map(Self.shellQuote).joined(separator: " ")
    var newSession = [
      "new-session", "-d", "-s", Self.target, "-x", String(width), "-y", String(height),
    ]
    if let workingDirectory { newSession += ["-c", workingDirectory] }
    try run(
      [
        "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
        "set-option", "-g", "status", "off", ";",
      ]
        + newSession + [shellCommand])
  }

  deinit {
    kill()
  }

  /// Whether `tmux` can be run here; tests that need it can be skipped without it.
  public static var isAvailable: Bool { TmuxCommand.isAvailable }

  /// Sends named keys, as tmux spells them: `Enter`, `Escape`, `Up`, `PageDown`, `F5`, `C-c`,
  /// `M-x`, `BTab`, `Space`; a single character is sent as itself.
  public func sendKeys(_ keys: String...) throws {
    try run(["send-keys", "-t", Self.target] + keys)
  }

  /// Types `text` literally (`send-keys -l`): no key names are interpreted.
  public func sendText(_ text: String) throws {
    try run(["send-keys", "-t", Self.target, "-l", text])
  }

  /// The visible screen, one string per row (`capture-pane -p`: trailing spaces trimmed, wide
  /// characters once). With `escapes`, attributes and colours are included as SGR sequences
  /// (`-e`); with `history`, scrolled-off lines come first (`-S -`), which matters for the
  /// last lines of a program that exited, since tmux's "Pane is dead" line scrolls the screen.
  public func capture(escapes: Bool = false, history: Bool = false) throws -> [String] {
    var arguments = ["capture-pane", "-p", "-t", Self.target]
    if escapes { arguments.append("-e") }
    if history { arguments += ["-S", "-"] }
    var lines = try run(arguments).components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// A tmux format expanded for the pane (`display-message -p`), e.g. `#{mouse_any_flag}`.
  public func format(_ format: String) throws -> String {
    var text = try run(["display-message", "-p", "-t", Self.target, format])
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// Changes the pane's size; the program gets SIGWINCH.
  public func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    self.width = width
    self.height = height
  }

  /// Kills the server and removes its socket. Safe to call more than once.
  public func kill() {
    guard isAlive else { return }
    isAlive = false
    _ = TmuxCommand.run(["-S", socketPath, "kill-server"])
    unlink(socketPath)
  }

  /// Runs a tmux command against this session's server; throws when it fails.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    let result = TmuxCommand.run(["-u", "-S", socketPath, "-f", "/dev/null"] + arguments)
    guard result.status == 0 else {
      throw TmuxError.commandFailed(
        arguments: arguments, status: result.status, output: result.output)
    }
    return result.output
  }

  private static func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// A short path (socket paths are limited to 107 bytes) unique to this process and session.
  private static func uniqueSocketPath() -> String {
    var directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    if directory.utf8.count > 60 { directory = "/tmp" }
    let id = UUID().uuidString.prefix(8).lowercased()
    return "\(directory)/tmux-test-\(getpid())-\(id).sock"
  }
}
