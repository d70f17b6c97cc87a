/// UTF-8 at the byte level: sequence lengths and well-formedness, without decoding scalars.
public enum UTF8Scan {
  /// Bytes in the sequence a lead byte starts: 1 for ASCII and for a stray continuation byte
  /// (so a scan over damaged text still moves forward one byte at a time there).
  @inlinable @inline(__always)
  public static func sequenceLength(lead: UInt8) -> Int {
    lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// The length of the well-formed sequence at `index`, or 0 when the byte there starts none:
  /// overlong forms, surrogates and code points past U+10FFFF are refused (Unicode's
  /// "Well-Formed UTF-8 Byte Sequences" table).
  @inlinable
  public static func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int)
    -> Int
  {
    let lead = bytes[index]
    if lead < 0x80 { return 1 }
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: (length, low) = (3, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: (length, high) = (3, 0x9F)
    case 0xF0: (length, low) = (4, 0x90)
    case 0xF1...0xF3: length = 4
    case 0xF4: (length, high) = (4, 0x8F)
    default: return 0
    }
    guard index + length <= bytes.count else { return 0 }
    guard (low...high).contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }

  /// Whether all of `bytes` is well-formed UTF-8: text that decoding leaves exactly as it is.
  /// Complexity: O(n), stopping at the first bad byte.
  @inlinable
  public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      let length = validSequenceLength(bytes, at: index)
      if length == 0 { return false }
      index += length
    }
    return true
  }

  /// The number of bytes from `start` on that are not part of a well-formed sequence, and the
  /// offset of the first. Complexity: O(n).
  public static func invalidBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    count: Int, first: Int?
  ) {
    var count = 0
    var first: Int?
    var index = start
    while index < bytes.count {
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        count += 1
        if first == nil { first = index }
        index += 1
      } else {
        index += length
      }
    }
    return (count, first)
  }
}
