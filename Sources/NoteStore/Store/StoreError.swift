/// Why the store could not be opened or saved: one line naming the file, and the position
/// in it when the file's content is at fault.
public typealias StoreError = FileProblem<StoreErrorKind>

/// What a `StoreError` can be.
public enum StoreErrorKind: Equatable, Sendable {
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
