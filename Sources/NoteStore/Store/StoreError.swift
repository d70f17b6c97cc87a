import Diagnostics

/// Why the store could not be opened or saved: one line naming the file, and the position
/// in it when the file's content is at fault.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// The file does not parse or breaks the schema; the store is left untouched.
    case corrupt
    /// The file is JSON but not a url-notes store.
    case notAStore
    /// Written by a newer url-notes.
    case newerVersion
    /// An operating-system call failed (permission, full disk, ...).
    case io
    /// Another process holds the store's write lock.
    case locked
  }

  public let kind: Kind
  public let path: String
  /// Where in `path` the content is at fault; 1:1 (`TextPosition.start`) for the file as a
  /// whole (I/O, the lock).
  public let position: TextPosition
  public let message: String

  public init(
    _ kind: Kind, path: String, position: TextPosition = .start, _ message: String
  ) {
    self.kind = kind
    self.path = path
    self.position = position
    self.message = message
  }

  /// The error for printing: `PATH:LINE:COL: error: MESSAGE`.
  public var diagnostic: Diagnostic { Diagnostic(message, file: path, at: position) }

  public var description: String { diagnostic.description }
}
