/// Tests on eight bytes at once, packed little-endian in a `UInt64` (SIMD within a register).
///
/// The classic tests: `(w - 0x01…) & ~w & 0x80…` is non-zero exactly when some byte of `w` is
/// zero, and with `n` times `0x01…` in place of `0x01…` when some byte is below `n` (n ≤ 0x80).
/// Scanners use them to skip runs of plain bytes and test single bytes only where a word says
/// one may be of interest.
public enum SWAR {
  /// Every byte 0x01.
  @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
  /// Every byte's high bit.
  @inlinable public static var highBits: UInt64 { 0x8080_8080_8080_8080 }

  /// The eight bytes at `pointer` (unaligned), first byte lowest.
  @inlinable @inline(__always)
  public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
  }

  /// The high bit of each byte of `word` that is zero, and possibly of bytes above a zero byte
  /// (a borrow): the lowest set bit is exact, so `trailingZeroBitCount / 8` is the first zero.
  @inlinable @inline(__always)
  public static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- ones) & ~word & highBits
  }

  /// Whether some byte of `word` is zero.
  @inlinable @inline(__always)
  public static func hasZeroByte(_ word: UInt64) -> Bool { zeroBytes(word) != 0 }

  /// Whether some byte of `word` is `byte`.
  @inlinable @inline(__always)
  public static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
    hasZeroByte(word ^ (ones &* UInt64(byte)))
  }

  /// The high bit of each byte of `word` below `limit` (at most 0x80), and possibly of bytes
  /// above such a byte (a borrow): the lowest set bit is exact.
  @inlinable @inline(__always)
  public static func bytesBelow(_ limit: UInt8, in word: UInt64) -> UInt64 {
    (word &- ones &* UInt64(limit)) & ~word & highBits
  }

  /// Whether some byte of `word` is below `limit` (at most 0x80).
  @inlinable @inline(__always)
  public static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
    bytesBelow(limit, in: word) != 0
  }

  /// Whether some byte of `word` is 0x7F (DEL) or above (not ASCII): adding one to a byte below
  /// 0x7F never sets its high bit nor carries into the next byte.
  @inlinable @inline(__always)
  public static func hasDELOrNonASCII(_ word: UInt64) -> Bool {
    (word | (word &+ ones)) & highBits != 0
  }
}
