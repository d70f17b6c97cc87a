import NoteStore

/// An order-independent digest of a store's note headers (id, url, title, tags, times): equal
/// fingerprints mean the same notes in the same versions (up to a 64-bit hash collision).
///
/// Headers suffice because every change the harness makes alters one (a new title or a later
/// `updated`), and they are in memory after opening, so checking a 10k store costs nothing;
/// that every note's full text decodes is `checkInvariants()`'s job. It is a sum of per-note
/// hashes, so the harness updates it per change in O(changed notes).
struct StoreFingerprint: Equatable, CustomStringConvertible {
  var count = 0
  var sum: UInt64 = 0

  init() {}

  /// The fingerprint of every note in `store`.
  init(of store: NoteStore) {
    for header in store.headers {
      count += 1
      sum &+= Self.hash(
        id: header.id, url: header.url, title: header.title, tags: header.tags,
        created: header.created, updated: header.updated)
    }
  }
  var description: String { "\(count):\(String(sum, radix: 16))" }

  mutating func add(_ note: Note) {
    count += 1
    sum &+= Self.hash(note)
  }

  mutating func remove(_ note: Note) {
    count -= 1
    sum &-= Self.hash(note)
  }

  static func hash(_ note: Note) -> UInt64 {
    hash(
      id: note.id, url: note.url, title: note.title, tags: note.tags, created: note.created,
      updated: note.updated)
  }

  /// FNV-1a over the header fields, each string length-prefixed so fields cannot run together.
  static func hash(
    id: NoteID, url: String?, title: String, tags: [String], created: Timestamp,
    updated: Timestamp
  ) -> UInt64 {
    var hasher = FNV()
    hasher.add(id.rawValue)
    hasher.add(url ?? "\u{0}none")
    hasher.add(title)
    hasher.add(tags.count)
    for tag in tags { hasher.add(tag) }
    hasher.add(Int(created.secondsSince1970))
    hasher.add(Int(updated.secondsSince1970))
    return hasher.value
  }

  struct FNV {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01B3
    }

    mutating func add(_ number: Int) {
      for shift in stride(from: 0, to: 64, by: 8) {
        add(UInt8(truncatingIfNeeded: number >> shift))
      }
    }

    mutating func add(_ text: String) {
      var text = text
      text.withUTF8 { bytes in
        add(bytes.count)
        for byte in bytes { add(byte) }
      }
    }
  }
}
