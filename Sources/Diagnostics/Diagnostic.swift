/// An error, warning or note for a person: where it is, how bad it is, and what went wrong.
///
/// Every message url-notes prints about its input or its use is one of these, and
/// `description` is the one place their text is put together, compiler style:
///
///     page.rsc:3:1: error: file was reformatted (pretty-printed?): …
///     /home/me/missing.rsc: error: no such file
///     url-notes: error: not deleting without --yes (stdin is not a terminal)
///
/// Each part is left out when absent: `file` (nil while a parser's error is not yet placed in
/// a file), `position` (nil only for a file as a whole: missing, unreadable, a directory). An
/// error about a file's bytes always has a position, 1:1 when it concerns the whole content.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Severity: String, Equatable, Sendable {
    case error
    case warning
    case note
  }

  /// The file the message is about; `Diagnostic.program` for the program's own use.
  public var file: String?
  /// The 1-based line and column (Unicode scalars) in `file`; nil for the file as a whole.
  public var position: TextPosition?
  public var severity: Severity
  /// One line: what went wrong and what was expected, without position or severity.
  public var message: String

  /// A diagnostic at `position`, which is required: pass nil only when the message is about
  /// a file as a whole, never its content.
  public init(
    _ message: String, file: String? = nil, at position: TextPosition?,
    severity: Severity = .error
  ) {
    self.severity = severity
    self.message = message
    self.file = file
    self.position = position
  }

  /// A message about the program's use rather than a file (`url-notes: error: …`).
  public static func program(_ message: String, severity: Severity = .error) -> Diagnostic {
    Diagnostic(message, file: programName, at: nil, severity: severity)
  }

  /// The name that stands where a file would, in messages about the program's use.
  public static let programName = "url-notes"

  /// This diagnostic placed in `file` (a parser's errors do not know the path they read).
  public func inFile(_ file: String) -> Diagnostic {
    var placed = self
    placed.file = file
    return placed
  }

  /// `FILE:LINE:COLUMN: SEVERITY: MESSAGE`, each part left out when absent: the one renderer.
  public var description: String {
    var text = ""
    if let file { text += file + ":" }
    if let position { text += "\(position.line):\(position.column):" }
    if !text.isEmpty { text += " " }
    return text + severity.rawValue + ": " + message
  }
}
