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
  ///
  /// One pass over the bytes into one buffer (lowercasing as it goes: only letters change, and
  /// the steps after it look at `/`, `?`, `:` and digits): an import asks once per new note.
  static func key(_ url: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(url.utf8.count)
    var question: Int? = nil
    for byte in url.utf8 {
      if byte == UInt8(ascii: "#") { break }
      guard byte > 0x20 && byte < 0x7F else { continue }
      if byte == UInt8(ascii: "?") && question == nil { question = bytes.count }
      bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }
    let queryStart = question ?? bytes.count
    var end = queryStart
    while end > 0 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    var start = end
    while start > 0 && bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
    func endsWith(_ port: StaticString) -> Bool {
      let count = port.utf8CodeUnitCount
      guard end - start > count else { return false }
      for offset in 0..<count where bytes[end - count + offset] != port.utf8Start[offset] {
        return false
      }
      return true
    }
    if endsWith(":80") {
      end -= 3
    } else if endsWith(":443") {
      end -= 4
    }
    var key = Array(bytes[start..<end])
    if queryStart + 1 < bytes.count { key += bytes[queryStart...] }
    return String(decoding: key, as: UTF8.self)
  }

  private func currentStamps(of store: NoteStore) -> [FileSystem.Stamp?] {
    [FileSystem.stamp(store.path), FileSystem.stamp(store.journalPath)]
  }
}
