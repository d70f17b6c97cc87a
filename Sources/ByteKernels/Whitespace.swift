/// Unicode White_Space in UTF-8 bytes, and collapsing it: the one definition the note model,
/// the importers and the page builder share.
public enum Whitespace {
  /// The UTF-8 length of the White_Space scalar starting at `index`, or 0 when there is none
  /// (also at a continuation byte, which no White_Space scalar starts with).
  ///
  /// White_Space: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
  /// U+2029, U+202F, U+205F and U+3000 (a test checks this against every scalar).
  @inlinable @inline(__always)
  public static func length(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    if byte < 0x80 { return ASCII.isWhitespace(byte) ? 1 : 0 }
    guard byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3), index + 1 < bytes.count else {
      return 0
    }
    let second = bytes[index + 1]
    if byte == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : 0 }
    guard index + 2 < bytes.count else { return 0 }
    let third = bytes[index + 2]
    switch (byte, second) {
    case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
    case (0xE2, 0x80):
      return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
    case (0xE2, 0x81): return third == 0x9F ? 3 : 0
    case (0xE3, 0x80): return third == 0x80 ? 3 : 0
    default: return 0
    }
  }

  /// `bytes` (valid UTF-8) with every run of White_Space made one space and the ends trimmed,
  /// or nil when that changes nothing (as for almost all text: headers, URLs, summaries read
  /// back from the store), so callers keep what they have without a copy. Complexity: O(n).
  public static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard needsCollapsing(bytes) else { return nil }
    var result = Array(bytes)
    let count = result.withUnsafeMutableBufferPointer { rewrite($0) }
    result.removeLast(result.count - count)
    return result
  }

  /// `collapsed` in place, for a buffer that is reused (the page builder's tag text): the
  /// new length of the collapsed text at the start of `bytes`, or nil when nothing changes
  /// (the bytes are then untouched).
  public static func collapse(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int? {
    guard needsCollapsing(UnsafeBufferPointer(bytes)) else { return nil }
    return rewrite(bytes)
  }

  /// Whether collapsing changes `bytes`: a White_Space scalar other than a single space, a
  /// run, or a space at either end.
  static func needsCollapsing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var previousWasSpace = true  // a leading space is trimmed
    var index = 0
    while index < bytes.count {
      // Printable ASCII but space (0x21–0x7F), nearly every byte of titles, tags and URLs,
      // without the table: the table on every byte made this check cost 4.6 times the
      // ASCII-only one it replaced in the page builder (116 M instructions for the 612 bench
      // pages instead of 28 M).
      if bytes[index] &- 0x21 < 0x5F {
        previousWasSpace = false
        index += 1
        continue
      }
      // A space between words, the next most common byte: no table either (a run, or one
      // at the start, is what collapses).
      if bytes[index] == 0x20 {
        if previousWasSpace { return true }
        previousWasSpace = true
        index += 1
        continue
      }
      let length = length(in: bytes, at: index)
      if length > 1 || (length == 1 && (bytes[index] != 0x20 || previousWasSpace)) {
        return true
      }
      previousWasSpace = length == 1
      index += 1
    }
    return previousWasSpace && !bytes.isEmpty
  }

  /// Collapses `bytes` in place and returns the new length. Never writes ahead of what it
  /// reads: a space is written only where a White_Space scalar was skipped.
  static func rewrite(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var count = 0
    var pendingSpace = false
    var index = 0
    while index < bytes.count {
      let length = length(in: UnsafeBufferPointer(bytes), at: index)
      if length > 0 {
        pendingSpace = count > 0
        index += length
      } else {
        if pendingSpace {
          bytes[count] = 0x20
          count += 1
        }
        pendingSpace = false
        bytes[count] = bytes[index]
        count += 1
        index += 1
      }
    }
    return count
  }
}
