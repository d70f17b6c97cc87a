/// The parts of a URL's path that tags are read from, found on UTF-8 bytes.
public enum URLPath {
  /// Where the last `/` segment of `utf8` lies: the last non-empty run between slashes before
  /// any `?` or `#`, trailing slashes ignored (`/tag/gpu/` → `gpu`; none at all: an empty
  /// range at the cut). The delimiters are ASCII, so the bounds fall on scalar boundaries.
  @inlinable @inline(__always)
  public static func lastSegment(in utf8: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    // Through the base pointer: this runs once per tag link of every page.
    guard let base = utf8.baseAddress else { return 0..<0 }
    var end = 0
    while end < utf8.count {
      let byte = base[end]
      if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
      end += 1
    }
    while end > 0 && base[end - 1] == UInt8(ascii: "/") { end -= 1 }
    var start = end
    while start > 0 && base[start - 1] != UInt8(ascii: "/") { start -= 1 }
    return start..<end
  }
}
