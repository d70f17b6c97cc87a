import NoteStore

extension App {
  /// "Not saved: reason" for a failed change. A store error is its diagnostic, which names a
  /// file before its reason (`/long/path/notes.json.lock:1:1: error: open lock file failed:
  /// Permission denied`); at the terminal's width the path is cut at its start, so the reason
  /// is always on screen.
  func failure(_ what: String, _ error: EditError) -> String {
    guard case .store(let storeError) = error else { return "\(what): \(error.message)" }
    let rendered = storeError.diagnostic.description
    return Confirmation.fit(
      [
        .words("\(what): "), .path(storeError.path),
        .words(String(rendered.dropFirst(storeError.path.count))),
      ], width: size.width - 1)
  }
}
