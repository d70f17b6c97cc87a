import ByteKernels

extension JSONReader {
  /// Where the run of plain string bytes from `index` ends: the offset of the first quote,
  /// backslash or control character (below 0x20), or `bytes.count` when none follows; and
  /// whether every byte before it was ASCII.
  ///
  /// Eight bytes at a time (a string's text is most of a page's bytes): per word, the usual
  /// "has a zero byte" test finds quotes and backslashes, a subtraction finds control
  /// characters; the lowest flagged byte is always a real hit (a false flag from a borrow only
  /// ever sits above one). O(n) in the bytes passed. Always inlined: as a call it cost the
  /// flight walk, which scans every string with it, about 3% of its instructions.
  @inlinable @inline(__always)
  public func plainStringEnd(from index: Int) -> (end: Int, isASCII: Bool) {
    var index = index
    var highBits: UInt64 = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= bytes.count {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let flags =
          SWAR.zeroBytes(word ^ (0x22 &* SWAR.ones)) | SWAR.zeroBytes(word ^ (0x5C &* SWAR.ones))
          | SWAR.bytesBelow(0x20, in: word)
        if flags != 0 {
          let bit = flags.trailingZeroBitCount
          highBits |= word & SWAR.highBits & ((1 << bit) &- 1)
          return (index + bit >> 3, highBits == 0)
        }
        highBits |= word & SWAR.highBits
        index += 8
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      highBits |= UInt64(byte & 0x80)
      index += 1
    }
    return (index, highBits == 0)
  }
}
