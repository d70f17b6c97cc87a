import ByteKernels

/// Tag links: site-relative links (outside lists) whose last path segment, decoded, is their
/// text — the shape of `/tag/large%20language%20model` → "large language model".
///
/// A preview has a dozen or two of them and a page hundreds, so each is compared on bytes:
/// its text is copied into one reused buffer, compared with its href there, and becomes a
/// String only when it is kept. Anything not plain ASCII takes the String comparison.
extension PreviewFinder {
  /// Appends the tags under `node` to `tags`, one per lowercased text (`seenTags`).
  mutating func collectTags(in node: NodeID) {
    let tag = tree.tag(node)
    if tag == .text || tag.isList { return }
    guard tag == .a else {
      for position in tree.childRange(node) { collectTags(in: tree.childIDs[position]) }
      return
    }
    // The cheap href tests first: most links are not tag links.
    guard let href = tree.href(node), !Self.isExternal(href) else { return }
    linkText.removeAll(keepingCapacity: true)
    if let range = tree.soleTextRange(node) {
      linkText.append(contentsOf: tree.textBytes[range])
    } else {
      tree.appendText(node, to: &linkText)
    }
    // The text, whitespace collapsed in the reused buffer (only when that changes it).
    if let count = linkText.withUnsafeMutableBufferPointer({ Whitespace.collapse($0) }) {
      linkText.removeLast(linkText.count - count)
    }
    let isASCIITag = linkText.withUnsafeBufferPointer {
      Self.asciiSegment(of: href, isCaseInsensitively: $0)
    }
    if let isASCIITag {
      if isASCIITag, linkText.withUnsafeBufferPointer({ seenTags.insert(asciiText: $0) }) {
        tags.append(String(decoding: linkText, as: UTF8.self))
      }
      return
    }
    let text = String(decoding: linkText, as: UTF8.self)
    guard let segment = Self.lastPathSegment(href) else { return }
    // Lowercased once: it is also the tag's identity (`TagKey`) for the duplicate check.
    let folded = text.lowercased()
    if !text.isEmpty, segment.lowercased() == folded, seenTags.insert(folded) {
      tags.append(text)
    }
  }

  /// Whether `href`'s `lastPathSegment` is `text` (non-empty) without case when both are
  /// ASCII, where `lowercased()` only maps A–Z and equal strings have equal bytes; nil for any
  /// other (non-ASCII text or segment, a `%` escape `hexByte` does not read), which the
  /// String comparison decides.
  static func asciiSegment(of href: String, isCaseInsensitively text: UnsafeBufferPointer<UInt8>)
    -> Bool?
  {
    guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
    return href.utf8.withContiguousStorageIfAvailable {
      asciiSegment(ofUTF8: $0, isCaseInsensitively: text)
    } ?? nil
  }

  /// `asciiSegment(of:isCaseInsensitively:)` of an href's UTF-8, for ASCII `text`.
  static func asciiSegment(
    ofUTF8 utf8: UnsafeBufferPointer<UInt8>, isCaseInsensitively text: UnsafeBufferPointer<UInt8>
  ) -> Bool? {
    // This runs once per tag link: through pointers, on the segment `lastPathSegment` reads.
    guard let base = utf8.baseAddress else { return false }  // no segment: never equal
    let segment = URLPath.lastSegment(in: utf8)
    let end = segment.upperBound
    // `percentDecode` of the segment, compared as it is decoded; the whole segment is read
    // even after a difference, since a non-ASCII byte anywhere leaves the answer to Unicode.
    var isEqual = !text.isEmpty
    var matched = 0
    var index = segment.lowerBound
    while index < end {
      var byte = base[index]
      if byte == UInt8(ascii: "%") && index + 2 < end {
        guard let value = hexByte(base[index + 1], base[index + 2]) else { return nil }
        byte = value
        index += 3
      } else {
        if byte == UInt8(ascii: "+") { byte = 0x20 }
        index += 1
      }
      if byte >= 0x80 { return nil }
      if isEqual {
        // Equal bytes, or the same letter in either case (text is ASCII).
        isEqual =
          matched < text.count
          && (byte == text[matched]
            || (byte | 0x20 == text[matched] | 0x20 && (byte | 0x20) &- 0x61 < 26))
        matched += 1
      }
    }
    return isEqual && matched == text.count
  }

  /// `text.lowercased()` for ASCII text.
  static func asciiLowercased(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 in
      // Most tags are lowercase already: the same string, no copy.
      guard utf8.contains(where: { $0 &- 0x41 < 26 }) else { return nil }
      return String(unsafeUninitializedCapacity: utf8.count) { folded in
        for index in 0..<utf8.count { folded[index] = ASCII.lowercased(utf8[index]) }
        return utf8.count
      }
    } ?? text
  }

  /// The last `/` segment before any query or fragment, trailing slashes ignored, decoded.
  /// Works on UTF-8: the delimiters are ASCII, so the cuts fall on scalar boundaries.
  static func lastPathSegment(_ href: String) -> String? {
    var href = href
    let segment = href.withUTF8 { utf8 -> String? in
      let range = URLPath.lastSegment(in: utf8)
      // A non-ASCII first scalar may be a combining mark, with no Character boundary before
      // it: slicing the String there moves the start back, which the String path keeps.
      if !range.isEmpty && utf8[range.lowerBound] >= 0x80 { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
    }
    guard let segment else { return lastPathSegmentOfString(href) }
    return percentDecode(segment)
  }

  /// `lastPathSegment` through String indices, for segments that start with a non-ASCII
  /// scalar.
  static func lastPathSegmentOfString(_ href: String) -> String? {
    var href = href
    let range = href.withUTF8(URLPath.lastSegment)
    let utf8 = href.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
    return percentDecode(String(href[start..<end]))
  }

  static func percentDecode(_ text: String) -> String {
    if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
      return text
    }
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
      if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
        let value = hexByte(utf8[index + 1], utf8[index + 2])
          ?? UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        index += 3
      } else {
        bytes.append(utf8[index] == UInt8(ascii: "+") ? 0x20 : utf8[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Two hex digits as a byte without making a string; nil for anything else (which
  /// `UInt8(_:radix:)` then reads as it always did, signs and all).
  static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
    func digit(_ byte: UInt8) -> UInt8? {
      switch byte {
      case 0x30...0x39: return byte - 0x30
      case 0x41...0x46: return byte - 0x37
      case 0x61...0x66: return byte - 0x57
      default: return nil
      }
    }
    guard let high = digit(high), let low = digit(low) else { return nil }
    return high << 4 | low
  }
}

/// The lowercased texts of a preview's tags: the answers of a `Set<String>` to the duplicate
/// check, found with a cheaper hash while the tags are few and ASCII.
///
/// Two ASCII Strings are equal exactly when their bytes are, so up to `maxHashed` ASCII keys
/// are kept as bytes in a small open-addressing table under an FNV-1a hash (a preview carries
/// a dozen or two tags; Set's seeded SipHash of each cost more than the rest of the check).
/// Past that, or at the first key that is not ASCII (where Unicode canonical equivalence
/// decides: U+037E GREEK QUESTION MARK is ";"), every key moves into a Set. The cap also bounds
/// what colliding hashes can cost: at most `maxHashed` comparisons per link.
struct SeenTags {
  static let maxHashed = 64
  /// The hashed keys as written (compared without case), back to back, and where each ends.
  var keyBytes: [UInt8] = []
  var keyEnds: [Int] = []
  /// Each slot holds a key's index + 1, or 0; twice `maxHashed`, so at most half full.
  var slots = [Int32](repeating: 0, count: 2 * maxHashed)
  /// Every key, once they no longer fit the table.
  var strings: Set<String>? = nil

  mutating func removeAll() {
    if !keyEnds.isEmpty { slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
    keyBytes.removeAll(keepingCapacity: true)
    keyEnds.removeAll(keepingCapacity: true)
    strings = nil
  }

  /// Inserts the lowercased form of ASCII `text`; false when it was there already.
  mutating func insert(asciiText text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard strings == nil && keyEnds.count < Self.maxHashed else {
      return insert(PreviewFinder.asciiLowercased(String(decoding: text, as: UTF8.self)))
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text { hash = (hash ^ UInt64(ASCII.lowercased(byte))) &* 0x100_0000_01B3 }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot] != 0 {
      if key(Int(slots[slot]) - 1, isLowercased: text) { return false }
      slot = (slot + 1) & mask
    }
    // As written: one copy, where lowercasing took an append per byte.
    keyBytes.append(contentsOf: text)
    keyEnds.append(keyBytes.count)
    slots[slot] = Int32(keyEnds.count)
    return true
  }

  /// Inserts a lowercased key; false when it was there already.
  mutating func insert(_ folded: String) -> Bool {
    if strings == nil {
      var keys = Set<String>(minimumCapacity: 2 * keyEnds.count + 2)
      var start = 0
      for end in keyEnds {
        keys.insert(
          PreviewFinder.asciiLowercased(String(decoding: keyBytes[start..<end], as: UTF8.self)))
        start = end
      }
      strings = keys
    }
    return strings!.insert(folded).inserted
  }

  /// Whether hashed key `index` is `text` without case.
  func key(_ index: Int, isLowercased text: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = index == 0 ? 0 : keyEnds[index - 1]
    guard keyEnds[index] - start == text.count else { return false }
    return keyBytes.withUnsafeBufferPointer { keys in
      var offset = 0
      while offset < text.count
        && ASCII.lowercased(keys[start + offset]) == ASCII.lowercased(text[offset])
      {
        offset += 1
      }
      return offset == text.count
    }
  }
}
