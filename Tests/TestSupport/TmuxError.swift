/// Why a `TmuxSession` operation failed.
public enum TmuxError: Error, CustomStringConvertible {
  /// A tmux command exited with a non-zero status.
  case commandFailed(arguments: [String], status: Int32, output: String)
  /// A wait ran out of time; `screen` is the last capture, for the failure message.
  case timeout(waitingFor: String, screen: [String])

  public var description: String {
    switch self {
    case .commandFailed(let arguments, let status, let output):
      return "tmux \(arguments.joined(separator: " ")) exited \(status): \(output)"
    case .timeout(let what, let screen):
      let numbered = screen.enumerated().map { "\($0.offset)\t|\($0.element)|" }
      return "timed out waiting for \(what); screen:\n" + numbered.joined(separator: "\n")
    }
  }
}
