import ByteKernels

extension NoteSearcher {
  /// Where a text term occurs in the summary or body of the note at `position`:
  /// `Weight.summary`, `Weight.body`, or nil.
  ///
  /// A note is decoded only when its own stored bytes hold the term's `needle` (a scan of
  /// its ≈2 KB, asked only of the notes whose title, tags and URL did not match): no pass
  /// over the whole store for a term most notes match by title. The last decoded note is
  /// kept, since one note is asked about once per term.
  ///
  /// In a run's first pass (`deferring`) nothing is read: the note is marked `deferred`,
  /// for the second pass to decide.
  func longFieldWeight(_ pattern: TextPattern, needle: RawNeedle?, at position: Int) -> Int? {
    if deferring {
      deferred = true
      return nil
    }
    if let needle, let bytes = store.state.snapshotBytes(at: position), !needle.occurs(in: bytes) {
      return nil
    }
    return decoded.longFieldWeight(pattern, at: position, in: store)
  }
}

/// The bytes a text term's match must contain in the store's JSON: a note whose stored bytes
/// lack them cannot hold the term in its summary or body.
struct RawNeedle {
  var bytes: [UInt8]
  var foldASCII: Bool
  /// The needle's rarest byte (`TextMatcher.rarity`), found by memchr in each case.
  var anchor = 0
  var variants: [UInt8] = []

  /// Nil when the bytes cannot be known: text JSON escapes, or non-ASCII text with case,
  /// which may be folded differently.
  init?(_ pattern: TextPattern) {
    let text = String(
      String.UnicodeScalarView(pattern.scalars.compactMap(Unicode.Scalar.init)))
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, !bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
    else { return nil }
    if pattern.asciiBytes != nil {
      self.init(bytes: bytes, foldASCII: !pattern.caseSensitive)
      return
    }
    let hasCase = text.unicodeScalars.contains {
      $0.properties.changesWhenLowercased || $0.properties.changesWhenUppercased
    }
    guard pattern.caseSensitive || !hasCase else { return nil }
    self.init(bytes: bytes, foldASCII: false)
  }

  init(bytes: [UInt8], foldASCII: Bool) {
    self.bytes = bytes
    self.foldASCII = foldASCII
    anchor = bytes.indices.min { TextMatcher.rarity(bytes[$0]) < TextMatcher.rarity(bytes[$1]) }!
    let byte = bytes[anchor]
    let upper = ASCII.uppercased(byte)
    variants = foldASCII && upper != byte ? [byte, upper] : [byte]
  }

  /// Whether `text` holds the needle (A–Z folded when `foldASCII`): memchr for the anchor
  /// byte, then a compare around each hit. A note's ≈2 KB are passed at memchr's speed, a
  /// byte loop's several times over.
  func occurs(in text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = text.baseAddress, text.count >= bytes.count else { return false }
    for variant in variants {
      var offset = anchor
      while offset < text.count,
        let found = Syscalls.firstByte(variant, in: base + offset, count: text.count - offset)
      {
        let hit = UnsafeRawPointer(base).distance(to: found)
        let start = hit - anchor
        if start + bytes.count <= text.count, matches(base + start) { return true }
        offset = hit + 1
      }
    }
    return false
  }

  func matches(_ start: UnsafePointer<UInt8>) -> Bool {
    for index in bytes.indices {
      let byte = start[index]
      if (foldASCII ? ASCII.lowercased(byte) : byte) != bytes[index] { return false }
    }
    return true
  }
}
