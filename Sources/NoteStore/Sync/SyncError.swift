/// Why `url-notes sync` stopped. Printed as one line naming the store's directory; whatever
/// step it stopped at, the store is valid and the next `sync` completes the work.
public typealias SyncError = FileProblem<SyncErrorKind>

/// What a `SyncError` can be.
public enum SyncErrorKind: Equatable, Sendable {
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

extension SyncError {
  /// A store error, kept with its position.
  init(_ error: StoreError) { self.init(.store, error.diagnostic) }
}
