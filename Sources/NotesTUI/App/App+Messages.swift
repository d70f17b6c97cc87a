import NoteStore

extension App {
  /// "Not saved: reason" for a failed change. A store error names a file before its reason
  /// (`/long/path/notes.json.lock: error: open lock file failed: Permission denied`); at the
  /// terminal's width the path is cut at its start, so the reason is always on screen.
  func failure(_ what: String, _ error: EditError) -> String {
    guard case .store(let storeError) = error, storeError.position == nil else {
      return "\(what): \(error.message)"
    }
    return Confirmation.fit(
      [.words("\(what): "), .path(storeError.path), .words(": error: \(storeError.message)")],
      width: size.width - 1)
  }
}
