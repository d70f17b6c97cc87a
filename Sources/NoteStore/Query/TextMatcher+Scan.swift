import ByteKernels

extension TextMatcher {
  /// Finds raw-byte occurrences of the needle in a large buffer (the whole mapped snapshot),
  /// for `mayMatch`'s cases: ASCII case folding, or exact bytes.
  ///
  /// It looks for one byte of the needle, the rarest in English text, with `memchr` (in both
  /// cases when it is a letter), and compares the rest around each hit; so a scan runs at
  /// memory speed rather than a byte-at-a-time loop. Nil for an empty needle.
  static func rawScanner(
    _ bytes: UnsafeBufferPointer<UInt8>, needle: [UInt8], foldASCII: Bool
  ) -> RawScanner? {
    guard !needle.isEmpty, let base = bytes.baseAddress else { return nil }
    let anchor = needle.indices.min { rarity(needle[$0]) < rarity(needle[$1]) }!
    return RawScanner(
      base: base, count: bytes.count, needle: needle, anchor: anchor, foldASCII: foldASCII)
  }

  /// Lower is rarer: letters by English frequency, other bytes rarer than any letter.
  static func rarity(_ byte: UInt8) -> Int {
    let frequencyOrder = Array("zqxjkvbpygfwmucldrhsnioate ".utf8)
    if let rank = frequencyOrder.firstIndex(of: byte) { return rank }
    return byte >= 0x80 ? -1 : -2
  }

  struct RawScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let needle: [UInt8]
    let anchor: Int
    let foldASCII: Bool
    /// Next candidate anchor positions in each case, cached so each memchr runs forward once.
    private var pending: [Int?]
    private var variants: [UInt8]

    init(base: UnsafePointer<UInt8>, count: Int, needle: [UInt8], anchor: Int, foldASCII: Bool) {
      self.base = base
      self.count = count
      self.needle = needle
      self.anchor = anchor
      self.foldASCII = foldASCII
      let byte = needle[anchor]
      let upper = ASCII.uppercased(byte)
      variants = foldASCII && upper != byte ? [byte, upper] : [byte]
      pending = Array(repeating: -1, count: variants.count)
    }

    /// The offset of the first occurrence starting at or after `start`, or nil.
    mutating func next(from start: Int) -> Int? {
      var from = start
      while true {
        var best: Int?
        for variant in variants.indices {
          // -1: not searched yet; nil: no occurrence left (offsets only grow).
          if let known = pending[variant], known == -1 || known < from + anchor {
            pending[variant] = find(variants[variant], from: from + anchor)
          }
          if let hit = pending[variant] { best = min(best ?? hit, hit) }
        }
        guard let anchorHit = best else { return nil }
        let candidate = anchorHit - anchor
        if candidate + needle.count <= count && matches(at: candidate) { return candidate }
        from = candidate + 1
      }
    }

    func find(_ byte: UInt8, from offset: Int) -> Int? {
      guard offset < count,
        let found = Syscalls.firstByte(byte, in: base + offset, count: count - offset)
      else { return nil }
      return UnsafeRawPointer(base).distance(to: found)
    }

    func matches(at offset: Int) -> Bool {
      for index in needle.indices {
        let byte = base[offset + index]
        if (foldASCII ? ASCII.lowercased(byte) : byte) != needle[index] { return false }
      }
      return true
    }
  }
}
