extension JSONReader {
  /// Where the run of plain string bytes from `index` ends: the offset of the first quote,
  /// backslash or control character (below 0x20), or `bytes.count` when none follows; and
  /// whether every byte before it was ASCII. O(n) in the bytes passed.
  @inlinable
  public func plainStringEnd(from index: Int) -> (end: Int, isASCII: Bool) {
    var index = index
    var highBits: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      highBits |= byte & 0x80
      index += 1
    }
    return (index, highBits == 0)
  }
}
