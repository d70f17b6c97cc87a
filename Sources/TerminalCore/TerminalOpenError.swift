/// Why a terminal backend refused to start, with the one-line message to show the user.
///
/// Backends check these before touching the terminal, so after the error nothing has been
/// drawn and the terminal is exactly as it was. The executable prints
/// `url-notes: <description>` to standard error and exits with status 2.
public enum TerminalOpenError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Standard input (`"standard input"`) or output (`"standard output"`) is not a terminal.
  case notATerminal(stream: String)
  /// `TERM` is unset or empty.
  case terminalTypeUnset
  /// `TERM` names a terminal type the terminfo database does not know.
  case unknownTerminalType(String)
  /// The terminal type cannot move the cursor (for example `TERM=dumb`).
  case cannotAddressCursor(String)
  /// The backend failed to initialise for another reason.
  case initialisationFailed(String)

  public var description: String {
    switch self {
    case .notATerminal(let stream):
      return "\(stream) is not a terminal; run this program in an interactive terminal"
    case .terminalTypeUnset:
      return "TERM is not set; set it to your terminal type, e.g. TERM=xterm-256color"
    case .unknownTerminalType(let term):
      return "unknown terminal type '\(term)' (set TERM, e.g. TERM=xterm-256color)"
    case .cannotAddressCursor(let term):
      return
        "terminal type '\(term)' cannot address the cursor (set TERM, e.g. TERM=xterm-256color)"
    case .initialisationFailed(let reason):
      return "cannot start the terminal: \(reason)"
    }
  }

  /// The checks every backend makes before touching the terminal, in order: standard input is
  /// a terminal, standard output is a terminal, `TERM` is set. Returns the `TERM` value.
  ///
  /// Terminal-type checks that need the terminfo database stay in the backend.
  public static func preflight(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?)
    throws(TerminalOpenError) -> String
  {
    guard stdinIsTerminal else { throw .notATerminal(stream: "standard input") }
    guard stdoutIsTerminal else { throw .notATerminal(stream: "standard output") }
    guard let term, !term.isEmpty else { throw .terminalTypeUnset }
    return term
  }
}
