import ByteKernels

extension NormalizedURL {
  /// A bucket key shared by every URL that normalises alike (`NormalizedURL.normalize`): the
  /// last path segment and the query, lowercased, from printable ASCII bytes only.
  ///
  /// The store's URL buckets (`StoreState.urlBuckets`), its one index of notes by URL, use it:
  /// normalising a URL costs about 12 µs (Unicode whitespace and case folding), so notes are
  /// bucketed by this cheap key and only the few notes in a bucket are normalised.
  ///
  /// Why each step keeps that promise, against what normalising changes: whitespace and
  /// non-ASCII bytes are dropped (normalising collapses Unicode whitespace); the fragment is
  /// cut; trailing `/` of the path and an empty query are dropped; a default port (`:80`,
  /// `:443`) at the end of a bare host is dropped; case is folded (scheme and host). Keys may
  /// be shared by URLs that differ (`/a/x` and `/b/x`): candidates are compared normalised.
  ///
  /// One pass over the bytes into one buffer (lowercasing as it goes: only letters change, and
  /// the steps after it look at `/`, `?`, `:` and digits): an import asks once per new note.
  static func bucketKey(_ url: String) -> String {
    String(decoding: bucketKeyBytes(url), as: UTF8.self)
  }

  /// A 64-bit hash of the bucket key of `url`: what the store's index files its URL table by
  /// (`StoreIndex`), so a lookup there needs no String.
  static func bucketHash(_ url: String) -> UInt64 {
    bucketKeyBytes(url).withUnsafeBufferPointer(StoreIndex.checksum)
  }

  /// The UTF-8 bytes of `bucketKey(url)`.
  static func bucketKeyBytes(_ url: String) -> [UInt8] { bucketKeyBytes(utf8: url.utf8) }

  /// `bucketHash(_:)` of a URL given as UTF-8 (invalid UTF-8 hashes as its repaired `String`
  /// would: only bytes 0x21–0x7E count).
  static func bucketHash(utf8 url: UnsafeBufferPointer<UInt8>) -> UInt64 {
    bucketKeyBytes(utf8: url).withUnsafeBufferPointer(StoreIndex.checksum)
  }

  static func bucketKeyBytes(utf8 url: some Collection<UInt8>) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(url.count)
    var question: Int? = nil
    for byte in url {
      if byte == UInt8(ascii: "#") { break }
      guard byte > 0x20 && byte < 0x7F else { continue }
      if byte == UInt8(ascii: "?") && question == nil { question = bytes.count }
      bytes.append(ASCII.lowercased(byte))
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
    return key
  }
}
