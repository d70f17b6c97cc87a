/// Finds note previews in a page by structure: a link to another site with text (the title),
/// links whose last path segment spells their text (the tags), and a nested list (the summary).
///
/// Policy: tolerant. Anything that does not look like a preview is skipped, never an error; the
/// caller reports "no note previews found" when nothing matched.
struct PreviewFinder {
  typealias NodeID = PageTree.NodeID

  /// One preview found on the page.
  struct Preview {
    var url: String
    var title: String
    var tags: [String]
    var list: NodeID
  }

  /// Previews in document order.
  static func previews(in tree: PageTree, root: NodeID) -> [Preview] {
    var finder = PreviewFinder(tree: tree)
    finder.index(root)
    var previews: [Preview] = []
    var seenContainers = Set<ArraySlice<Int32>>()
    for (position, link) in finder.titleLinks.enumerated() {
      // The preview is the largest ancestor holding no other title link.
      var depth = link.path.count
      while depth > 0 {
        if finder.hasOtherTitleLink(than: position, under: link.path[..<(depth - 1)]) { break }
        depth -= 1
      }
      let container = link.ancestors[depth]
      guard seenContainers.insert(link.path[..<depth]).inserted,
        let list = firstList(in: container, of: tree)
      else { continue }
      var tags: [String] = []
      var seenTags = Set<String>(minimumCapacity: 32)
      finder.collectTags(in: container, into: &tags, seen: &seenTags)
      // A preview always carries its tag links; a page with only a link and a list is an
      // article, not a list of notes.
      guard !tags.isEmpty else { continue }
      previews.append(Preview(url: link.href, title: link.title, tags: tags, list: list))
    }
    return previews
  }

  struct TitleLink {
    /// Child positions from the root down to the link.
    var path: [Int32]
    /// The nodes along `path`: the root first, the link last.
    var ancestors: [NodeID]
    var href: String
    var title: String
  }

  let tree: PageTree
  var titleLinks: [TitleLink] = []
  /// A tag link's text, reused from link to link: most links are compared with their href
  /// and dropped without ever becoming a String.
  var linkText: [UInt8] = []
  /// The walk's current path and the nodes along it, copied for each title link only.
  var path: [Int32] = []
  var ancestors: [NodeID] = []

  init(tree: PageTree) { self.tree = tree }

  /// Records every absolute http(s) link with text that is not inside a list.
  mutating func index(_ node: NodeID) {
    let tag = tree.tag(node)
    if tag == .text || tag.isList { return }
    ancestors.append(node)
    defer { ancestors.removeLast() }
    if tag == .a, let href = tree.href(node), PreviewFinder.isExternal(href) {
      let title = InlineMarkup.collapseWhitespace(tree.textContent(node))
      if !title.isEmpty {
        titleLinks.append(TitleLink(path: path, ancestors: ancestors, href: href, title: title))
      }
      return
    }
    for (index, child) in tree.children(node).enumerated() {
      path.append(Int32(index))
      self.index(child)
      path.removeLast()
    }
  }

  /// Whether a title link other than `titleLinks[position]` lies under `path`.
  ///
  /// Links are recorded in document order, so the links under any path are a contiguous run:
  /// if there is another one, a neighbour in the list is one. O(path length), where counting
  /// all links made pages with many links quadratic.
  func hasOtherTitleLink(than position: Int, under path: ArraySlice<Int32>) -> Bool {
    (position > 0 && titleLinks[position - 1].path.starts(with: path))
      || (position + 1 < titleLinks.count && titleLinks[position + 1].path.starts(with: path))
  }

  /// The first list in document order that is not inside a link.
  static func firstList(in node: NodeID, of tree: PageTree) -> NodeID? {
    let tag = tree.tag(node)
    if tag.isList { return node }
    if tag == .a || tag == .text { return nil }
    for child in tree.children(node) {
      if let list = firstList(in: child, of: tree) { return list }
    }
    return nil
  }

  /// Tag links: site-relative links (outside lists) whose last path segment, decoded, is their
  /// text — the shape of `/tag/large%20language%20model` → "large language model".
  mutating func collectTags(in node: NodeID, into tags: inout [String], seen: inout Set<String>) {
    let tag = tree.tag(node)
    if tag == .text || tag.isList { return }
    guard tag == .a else {
      for child in tree.children(node) { collectTags(in: child, into: &tags, seen: &seen) }
      return
    }
    // The cheap href tests first: most links are not tag links.
    guard let href = tree.href(node), !Self.isExternal(href) else { return }
    linkText.removeAll(keepingCapacity: true)
    tree.appendText(node, to: &linkText)
    // The text, whitespace collapsed, in `linkText`: ASCII text (nearly every tag link) is
    // collapsed in place, where `collapseWhitespace` only ever sees ASCII whitespace.
    if linkText.allSatisfy({ $0 < 0x80 }) {
      Self.collapseASCIIWhitespace(&linkText)
    } else {
      let collapsed = InlineMarkup.collapseWhitespace(String(decoding: linkText, as: UTF8.self))
      linkText.replaceSubrange(linkText.indices, with: collapsed.utf8)
    }
    // ASCII text and segment are compared on bytes, and a String made only for a tag.
    let isASCIITag = linkText.withUnsafeBufferPointer {
      Self.asciiSegment(of: href, isCaseInsensitively: $0)
    }
    let text = isASCIITag == false ? "" : String(decoding: linkText, as: UTF8.self)
    if let isASCIITag {
      if isASCIITag, seen.insert(Self.asciiLowercased(text)).inserted { tags.append(text) }
      return
    }
    guard let segment = Self.lastPathSegment(href) else { return }
    // Lowercased once: it is also the tag's identity (`TagKey`) for the duplicate check.
    let folded = text.lowercased()
    if !text.isEmpty, segment.lowercased() == folded, seen.insert(folded).inserted {
      tags.append(text)
    }
  }

  /// `InlineMarkup.collapseWhitespace` of ASCII bytes, in place: runs of whitespace become one
  /// space, the ends are trimmed. Never writes ahead of what it reads.
  static func collapseASCIIWhitespace(_ bytes: inout [UInt8]) {
    var count = 0
    var pendingSpace = false
    for index in bytes.indices {
      let byte = bytes[index]
      if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
        pendingSpace = count > 0
        continue
      }
      if pendingSpace {
        bytes[count] = 0x20
        count += 1
        pendingSpace = false
      }
      bytes[count] = byte
      count += 1
    }
    bytes.removeLast(bytes.count - count)
  }

  /// Whether `href`'s `lastPathSegment` is `text` (non-empty) without case when both are
  /// ASCII, where `lowercased()` only maps A–Z and equal strings have equal bytes; nil for any
  /// other (non-ASCII text or segment, a `%` escape `hexByte` does not read), which the
  /// String comparison decides.
  static func asciiSegment(of href: String, isCaseInsensitively text: UnsafeBufferPointer<UInt8>)
    -> Bool?
  {
    guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
    return href.utf8.withContiguousStorageIfAvailable { utf8 -> Bool? in
      var end =
        utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? utf8.count
      while end > 0 && utf8[end - 1] == UInt8(ascii: "/") { end -= 1 }
      var start = end
      while start > 0 && utf8[start - 1] != UInt8(ascii: "/") { start -= 1 }
      // `percentDecode` of the segment, compared as it is decoded; the whole segment is read
      // even after a difference, since a non-ASCII byte anywhere leaves the answer to Unicode.
      var isEqual = !text.isEmpty
      var matched = 0
      var index = start
      while index < end {
        var byte = utf8[index]
        if byte == UInt8(ascii: "%") && index + 2 < end {
          guard let value = hexByte(utf8[index + 1], utf8[index + 2]) else { return nil }
          byte = value
          index += 3
        } else {
          if byte == UInt8(ascii: "+") { byte = 0x20 }
          index += 1
        }
        if byte >= 0x80 { return nil }
        if isEqual {
          isEqual = matched < text.count && asciiLower(byte) == asciiLower(text[matched])
          matched += 1
        }
      }
      return isEqual && matched == text.count
    } ?? nil
  }

  @inline(__always)
  static func asciiLower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

  /// `text.lowercased()` for ASCII text.
  static func asciiLowercased(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 in
      // Most tags are lowercase already: the same string, no copy.
      guard utf8.contains(where: { $0 &- 0x41 < 26 }) else { return nil }
      return String(unsafeUninitializedCapacity: utf8.count) { folded in
        for index in 0..<utf8.count { folded[index] = asciiLower(utf8[index]) }
        return utf8.count
      }
    } ?? text
  }

  /// An absolute http(s) link; the scheme is compared without case.
  static func isExternal(_ href: String) -> Bool {
    // One pass over the first bytes (every link of a page is asked).
    var utf8 = href.utf8.makeIterator()
    for expected in "http".utf8 {
      guard let byte = utf8.next(), asciiLower(byte) == expected else { return false }
    }
    var next = utf8.next()
    if let byte = next, asciiLower(byte) == UInt8(ascii: "s") { next = utf8.next() }
    return next == UInt8(ascii: ":") && utf8.next() == UInt8(ascii: "/")
      && utf8.next() == UInt8(ascii: "/")
  }

  /// The last `/` segment before any query or fragment, trailing slashes ignored, decoded.
  /// Works on UTF-8: the delimiters are ASCII, so the cuts fall on scalar boundaries.
  static func lastPathSegment(_ href: String) -> String? {
    var href = href
    let segment = href.withUTF8 { utf8 -> String? in
      var end =
        utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? utf8.count
      while end > 0 && utf8[end - 1] == UInt8(ascii: "/") { end -= 1 }
      var start = end
      while start > 0 && utf8[start - 1] != UInt8(ascii: "/") { start -= 1 }
      // A non-ASCII first scalar may be a combining mark, with no Character boundary before
      // it: slicing the String there moves the start back, which the String path keeps.
      if start < end && utf8[start] >= 0x80 { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
    }
    guard let segment else { return lastPathSegmentOfString(href) }
    return percentDecode(segment)
  }

  /// `lastPathSegment` through String indices, for segments that start with a non-ASCII
  /// scalar.
  static func lastPathSegmentOfString(_ href: String) -> String? {
    let utf8 = href.utf8
    var end =
      utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? utf8.endIndex
    while end > utf8.startIndex && utf8[utf8.index(before: end)] == UInt8(ascii: "/") {
      end = utf8.index(before: end)
    }
    var start = end
    while start > utf8.startIndex && utf8[utf8.index(before: start)] != UInt8(ascii: "/") {
      start = utf8.index(before: start)
    }
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
