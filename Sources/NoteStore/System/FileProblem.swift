import Diagnostics

/// A problem with a file or directory the store works on: what it is (`kind`) and its
/// diagnostic, which names the file, and the position in it when the file's content is at
/// fault. `StoreError` (opening or saving the store) and `SyncError` (`url-notes sync`) are
/// this type with a kind enum each, as `FlightProblem` is for flight input, so the shape and
/// the printing are written once.
public struct FileProblem<Problem: Equatable & Sendable>: Error, Equatable, Sendable,
  CustomStringConvertible
{
  public typealias Kind = Problem

  public let kind: Kind
  /// The message with the file it is about; printed by `Diagnostic`, the one renderer.
  public let diagnostic: Diagnostic

  /// A problem at `position` in `path`; 1:1 (`TextPosition.start`) for the file as a whole
  /// (I/O, the lock, a git step).
  public init(
    _ kind: Kind, path: String, position: TextPosition = .start, _ message: String
  ) {
    self.kind = kind
    diagnostic = Diagnostic(message, file: path, at: position)
  }

  init(_ kind: Kind, _ diagnostic: Diagnostic) {
    self.kind = kind
    self.diagnostic = diagnostic
  }

  /// The file the problem is about.
  public var path: String { diagnostic.file ?? "" }

  /// Where in `path` the content is at fault; 1:1 for the file as a whole.
  public var position: TextPosition { diagnostic.position ?? .start }

  /// One line, without the file or the position.
  public var message: String { diagnostic.message }

  /// `PATH:LINE:COL: error: MESSAGE`.
  public var description: String { diagnostic.description }
}
