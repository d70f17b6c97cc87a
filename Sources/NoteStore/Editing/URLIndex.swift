/// Normalised URL → the notes that have it: the duplicate-URL check of every add and edit.
///
/// `NoteStore.noteID(forURL:)` is O(1) only when the URL's hash is the note's id, and scans
/// every header otherwise — always so for a URL no note has, which is every add: 1.8 s on
/// 100,000 notes in a debug build. This index makes that check a dictionary lookup.
///
/// It is derived from the store and kept in step with it: rebuilt (O(n)) when the store's
/// files changed since it was last brought up to date (another process wrote, or the journal
/// was compacted), and updated in place for the editor's own writes. Use it only under the
/// store's write lock, after the store refreshed, so memory and files agree.
final class URLIndex {
  private var owners: [String: [NoteID]] = [:]
  /// The snapshot's and the journal's stamps when the index was last in step with the store.
  private var stamps: [FileSystem.Stamp?]?

  /// Some note other than `editing` whose URL normalises like `url`.
  func owner(of url: String, except editing: NoteID?, in store: NoteStore) -> NoteID? {
    guard let normalized = NormalizedURL.normalize(url) else { return nil }
    bringUpToDate(with: store)
    return owners[normalized]?.first { $0 != editing && store.header($0) != nil }
  }

  /// Whether the index matches `store` now; ask before a write, pass to `record` after it.
  func isInStep(with store: NoteStore) -> Bool {
    stamps != nil && stamps == currentStamps(of: store)
  }

  /// Records `changes`, just applied to `store` through this index's editor. An index that
  /// was not in step before the write is dropped, to be rebuilt when next asked.
  func record(_ changes: [NoteChange], in store: NoteStore, wasInStep: Bool) {
    guard wasInStep else {
      stamps = nil
      return
    }
    for change in changes {
      if let url = change.before?.url.flatMap(NormalizedURL.normalize) {
        owners[url]?.removeAll { $0 == change.id }
        if owners[url]?.isEmpty == true { owners[url] = nil }
      }
      if let url = change.after?.url.flatMap(NormalizedURL.normalize) {
        owners[url, default: []].append(change.id)
      }
    }
    stamps = currentStamps(of: store)
  }

  private func bringUpToDate(with store: NoteStore) {
    let current = currentStamps(of: store)
    guard stamps != current else { return }
    owners.removeAll(keepingCapacity: true)
    for header in store.headers {
      guard let url = header.url.flatMap(NormalizedURL.normalize) else { continue }
      owners[url, default: []].append(header.id)
    }
    stamps = current
  }

  private func currentStamps(of store: NoteStore) -> [FileSystem.Stamp?] {
    [FileSystem.stamp(store.path), FileSystem.stamp(store.journalPath)]
  }
}
