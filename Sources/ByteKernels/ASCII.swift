/// Byte tests and case folding for ASCII, the alphabet of markup, URLs and tags' fast paths.
public enum ASCII {
  /// `byte` with A–Z mapped to a–z; every other byte as it is (UTF-8 sequences stay intact).
  @inlinable @inline(__always)
  public static func lowercased(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
  }

  /// `byte` with a–z mapped to A–Z; every other byte as it is.
  @inlinable @inline(__always)
  public static func uppercased(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "a") < 26 ? byte & ~0x20 : byte
  }

  /// Whether `byte` is ASCII White_Space: tab, LF, VT, FF, CR or space. (JSON and the flight
  /// framer accept a smaller set, without VT and FF: theirs is a grammar's, this is text's.)
  @inlinable @inline(__always)
  public static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte &- 0x09 < 5
  }
}
