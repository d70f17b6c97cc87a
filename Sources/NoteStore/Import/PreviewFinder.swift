import ByteKernels

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
      finder.tags.removeAll(keepingCapacity: true)
      finder.seenTags.removeAll()
      finder.collectTags(in: container)
      // A preview always carries its tag links; a page with only a link and a list is an
      // article, not a list of notes.
      guard !finder.tags.isEmpty else { continue }
      // Copied out of the reused buffer at its size: one allocation per preview.
      previews.append(
        Preview(url: link.href, title: link.title, tags: Array(finder.tags), list: list))
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
  /// The tags of the preview being collected, and their identities.
  var tags: [String] = []
  var seenTags = SeenTags()
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
    let children = tree.childRange(node)
    path.append(0)
    for position in children {
      let child = tree.childIDs[position]
      // Text and lists hold no title link: skipped without a call.
      let childTag = tree.tag(child)
      if childTag == .text || childTag.isList { continue }
      path[path.count - 1] = Int32(position - children.lowerBound)
      self.index(child)
    }
    path.removeLast()
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
    for position in tree.childRange(node) {
      if let list = firstList(in: tree.childIDs[position], of: tree) { return list }
    }
    return nil
  }

  /// An absolute http(s) link; the scheme is compared without case.
  static func isExternal(_ href: String) -> Bool {
    // One pass over the first bytes (every link of a page is asked).
    var utf8 = href.utf8.makeIterator()
    for expected in "http".utf8 {
      guard let byte = utf8.next(), ASCII.lowercased(byte) == expected else { return false }
    }
    var next = utf8.next()
    if let byte = next, ASCII.lowercased(byte) == UInt8(ascii: "s") { next = utf8.next() }
    return next == UInt8(ascii: ":") && utf8.next() == UInt8(ascii: "/")
      && utf8.next() == UInt8(ascii: "/")
  }
}
