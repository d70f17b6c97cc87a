/// Normalised URL → the notes that have it: the duplicate-URL check of every add and edit.
///
/// `NoteStore.noteID(forURL:)` is O(1) only when the URL's hash is the note's id, and scans
/// every header otherwise — always so for a URL no note has, which is every add. Normalising a
/// URL costs about 12 µs (Unicode whitespace and case folding), so that scan takes over a
/// second on 100,000 notes. This index buckets notes by a cheap byte-level `key` that every
/// spelling of one normalised URL shares, and normalises only the few notes in the bucket.
///
/// It is derived from the store and kept in step with it: rebuilt (O(n), ~20 ms on 100,000
/// notes) when the store's files changed since it was last brought up to date (another
/// process wrote, or the journal was compacted), and updated in place for the editor's own
/// writes. Use it only under the store's write lock, after the store refreshed, so memory
/// and files agree.
final class URLIndex {
  private var owners: [String: [NoteID]] = [:]
  /// The snapshot's and the journal's stamps when the index was last in step with the store.
  private var stamps: [FileSystem.Stamp?]?

  /// Some note other than `editing` whose URL normalises like `url`.
  func owner(of url: String, except editing: NoteID?, in store: NoteStore) -> NoteID? {
    guard let normalized = NormalizedURL.normalize(url) else { return nil }
    bringUpToDate(with: store)
    return owners[Self.key(url)]?.first {
      $0 != editing && store.header($0)?.url.flatMap(NormalizedURL.normalize) == normalized
    }
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
      if let url = change.before?.url {
        let key = Self.key(url)
        owners[key]?.removeAll { $0 == change.id }
        if owners[key]?.isEmpty == true { owners[key] = nil }
      }
      if let url = change.after?.url { owners[Self.key(url), default: []].append(change.id) }
    }
    stamps = currentStamps(of: store)
  }

  private func bringUpToDate(with store: NoteStore) {
    let current = currentStamps(of: store)
    guard stamps != current else { return }
    owners.removeAll(keepingCapacity: true)
    for header in store.headers {
      guard let url = header.url else { continue }
      owners[Self.key(url), default: []].append(header.id)
    }
    stamps = current
  }

  /// A bucket key shared by every URL that normalises alike (`NormalizedURL.normalize`): the
  /// last path segment and the query, lowercased, from printable ASCII bytes only.
  ///
  /// Why each step keeps that promise, against what normalising changes: whitespace and
  /// non-ASCII bytes are dropped (normalising collapses Unicode whitespace); the fragment is
  /// cut; trailing `/` of the path and an empty query are dropped; a default port (`:80`,
  /// `:443`) at the end of a bare host is dropped; case is folded (scheme and host). Keys may
  /// be shared by URLs that differ (`/a/x` and `/b/x`): candidates are compared normalised.
  static func key(_ url: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(url.utf8.count)
    for byte in url.utf8 {
      if byte == UInt8(ascii: "#") { break }
      if byte > 0x20 && byte < 0x7F { bytes.append(byte) }
    }
    let question = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
    var path = bytes[..<question]
    while path.last == UInt8(ascii: "/") { path.removeLast() }
    if let slash = path.lastIndex(of: UInt8(ascii: "/")) { path = path[(slash + 1)...] }
    for port in [":80", ":443"] where path.count > port.utf8.count {
      if path.suffix(port.utf8.count).elementsEqual(port.utf8) {
        path.removeLast(port.utf8.count)
        break
      }
    }
    var key = Array(path)
    let query = bytes[question...].dropFirst()
    if !query.isEmpty { key += [UInt8(ascii: "?")] + query }
    for index in key.indices where key[index] >= 0x41 && key[index] <= 0x5A { key[index] |= 0x20 }
    return String(decoding: key, as: UTF8.self)
  }

  private func currentStamps(of store: NoteStore) -> [FileSystem.Stamp?] {
    [FileSystem.stamp(store.path), FileSystem.stamp(store.journalPath)]
  }
}
