extension NoteSearcher {
  /// Where a text term occurs in the summary or body of the note at `position`:
  /// `Weight.summary`, `Weight.body`, or nil.
  ///
  /// A note is decoded only when its stored bytes may hold the pattern (`LongFieldHits`);
  /// the last decoded note is kept, since one note is asked about once per term.
  func longFieldWeight(_ pattern: TextPattern, at position: Int) -> Int? {
    if let needle = LongFieldHits.rawNeedle(pattern),
      !longFieldHits.positions(needle, store: store).contains(position)
    {
      return nil
    }
    let note: Note?
    if let decoded, decoded.position == position {
      note = decoded.note
    } else {
      note = store.note(at: position)
      decoded = (position, note)
    }
    guard let note else { return nil }
    return DecodedCandidate.longFieldWeight(pattern, summary: note.summary, body: note.body)
  }
}

/// Per searched text, the notes whose stored bytes contain it: a superset of the notes whose
/// summary or body does, found by one raw scan of the mapped snapshot (notes in memory are
/// always included). Typing one more character of a term filters the previous text's set
/// note by note instead of scanning the store again; Backspace finds the shorter text's set.
struct LongFieldHits {
  struct Needle: Hashable {
    var bytes: [UInt8]
    var foldASCII: Bool
  }

  var sets: [Needle: Set<Int>] = [:]
  var order: [Needle] = []
  static let limit = 64

  /// The bytes a pattern's match must contain in the store's JSON, or nil when they cannot be
  /// known (text JSON escapes, or non-ASCII text with case, which may be folded differently).
  static func rawNeedle(_ pattern: TextPattern) -> Needle? {
    let text = String(
      String.UnicodeScalarView(pattern.scalars.compactMap(Unicode.Scalar.init)))
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, !bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
    else { return nil }
    if pattern.asciiBytes != nil { return Needle(bytes: bytes, foldASCII: !pattern.caseSensitive) }
    let hasCase = text.unicodeScalars.contains {
      $0.properties.changesWhenLowercased || $0.properties.changesWhenUppercased
    }
    return pattern.caseSensitive || !hasCase ? Needle(bytes: bytes, foldASCII: false) : nil
  }

  mutating func positions(_ needle: Needle, store: NoteStore) -> Set<Int> {
    if let known = sets[needle] { return known }
    let shorter = sets.keys.filter {
      $0.foldASCII == needle.foldASCII && needle.bytes.starts(with: $0.bytes)
    }.max { $0.bytes.count < $1.bytes.count }
    let found: Set<Int>
    if let shorter, let base = sets[shorter] {
      found = base.filter {
        store.rawBytesMayContain(needle.bytes, foldASCII: needle.foldASCII, at: $0)
      }
    } else {
      found = Set(
        store.rawHitPositions(needle.bytes, foldASCII: needle.foldASCII)
          ?? Array(0..<store.count))
    }
    sets[needle] = found
    order.append(needle)
    if order.count > Self.limit { sets[order.removeFirst()] = nil }
    return found
  }
}
