/// An error, warning or note for a person: where it is, how bad it is, and what went wrong.
///
/// Every message url-notes prints about its input or its use is one of these, and
/// `description` is the one place their text is put together, compiler style:
///
///     page.rsc:3:1: error: file was reformatted (pretty-printed?): …
///     /home/me/missing.rsc:1:1: error: no such file
///     url-notes: error: not deleting without --yes (stdin is not a terminal)
///
/// The location is required. A message about a file points at a line and column in it; one
/// about the file as a whole (missing, unreadable, empty, a directory, a failed write) points
/// at line 1, column 1, so every message about a file has the same `path:line:col:` shape. A
/// message about the program's use — its arguments, or an operation on no one file — points
/// at the command line and reads `url-notes: error: …`.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Severity: String, Equatable, Sendable {
    case error
    case warning
    case note
  }

  /// What a message points at.
  public enum Location: Equatable, Sendable {
    /// A line and column in a file. The file is nil only while a parser's message waits for
    /// its caller, which knows the path, to place it (`inFile`).
    case text(file: String?, TextPosition)
    /// The command line: the program's use, or an operation on no one file.
    case commandLine
  }

  public var location: Location
  public var severity: Severity
  /// One line: what went wrong and what was expected, without location or severity.
  public var message: String

  /// A message at `position` in `file` (1:1, `TextPosition.start`, for the file as a whole).
  public init(
    _ message: String, file: String? = nil, at position: TextPosition,
    severity: Severity = .error
  ) {
    self.location = .text(file: file, position)
    self.severity = severity
    self.message = message
  }

  /// A message about the program's use rather than a file (`url-notes: error: …`).
  public static func program(_ message: String, severity: Severity = .error) -> Diagnostic {
    var diagnostic = Diagnostic(message, at: .start, severity: severity)
    diagnostic.location = .commandLine
    return diagnostic
  }

  /// The name that stands where a file would, in messages about the program's use.
  public static let programName = "url-notes"

  /// The file, for a message about one (nil for the command line, or while not yet placed).
  public var file: String? {
    guard case .text(let file, _) = location else { return nil }
    return file
  }

  /// The line and column, for a message about a file (nil for the command line).
  public var position: TextPosition? {
    guard case .text(_, let position) = location else { return nil }
    return position
  }

  /// This diagnostic placed in `file` (a parser's messages do not know the path they read).
  public func inFile(_ file: String) -> Diagnostic {
    guard case .text(_, let position) = location else { return self }
    var placed = self
    placed.location = .text(file: file, position)
    return placed
  }

  /// `FILE:LINE:COLUMN: SEVERITY: MESSAGE`, `LINE:COLUMN: …` while no file is known, or
  /// `url-notes: SEVERITY: MESSAGE` for the command line: the one renderer.
  public var description: String {
    let severity = self.severity.rawValue + ": " + message
    switch location {
    case .text(let file?, let position): return "\(file):\(position): \(severity)"
    case .text(nil, let position): return "\(position): \(severity)"
    case .commandLine: return Self.programName + ": " + severity
    }
  }
}
