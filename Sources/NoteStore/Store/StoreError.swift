/// Why the store could not be opened or saved. Printed as one line naming the file.
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
  public let position: TextPositionOrNone
  public let message: String

  public init(_ kind: Kind, path: String, position: TextPositionOrNone = nil, _ message: String) {
    self.kind = kind
    self.path = path
    self.position = position
    self.message = message
  }

  /// "PATH:LINE:COL: error: MESSAGE" (or "PATH: error: MESSAGE").
  public var description: String {
    if let position { return "\(path):\(position.line):\(position.column): error: \(message)" }
    return "\(path): error: \(message)"
  }
}

public typealias TextPositionOrNone = ByteJSONPosition?
