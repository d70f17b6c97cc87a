import Diagnostics

/// Why `url-notes sync` stopped. Printed as one line naming the store's directory; whatever
/// step it stopped at, the store is valid and the next `sync` completes the work.
public struct SyncError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    case gitMissing
    case notARepository
    case noRemote
    case pushRejected
    /// Fetching failed (the network, the remote's address, credentials).
    case fetchFailed
    /// Any other git step failed; its first line of output is in the message.
    case gitFailed
    /// The store itself could not be read or written.
    case store
  }

  public let kind: Kind
  /// The message with the file it is about (the store's directory, or a store file).
  public let diagnostic: Diagnostic

  public init(_ kind: Kind, path: String, _ message: String) {
    self.kind = kind
    diagnostic = Diagnostic(message, file: path, at: .start)
  }

  /// A store error, kept with its position.
  init(_ error: StoreError) {
    kind = .store
    diagnostic = error.diagnostic
  }

  public var description: String { diagnostic.description }
}
