/// Turns a page's nested list into a summary tree.
///
/// Both shapes the url-notes site emits map to one tree: `li > p > strong + ":"` followed by a
/// nested `ul`, and `li > strong + text` followed by a nested `ul`. Paragraph wrappers are
/// flattened into the bullet's inline text; whitespace-only text nodes are layout, not content.
enum SummaryListConverter {
  static func nodes(from list: PageTree.NodeID, in tree: PageTree) -> [SummaryNode] {
    tree.children(list).compactMap { child -> SummaryNode? in
      guard tree.tag(child) == .li else { return nil }
      return node(fromItem: child, in: tree)
    }
  }

  static func node(fromItem item: PageTree.NodeID, in tree: PageTree) -> SummaryNode? {
    var spans: [InlineSpan] = []
    var children: [SummaryNode] = []
    for child in tree.children(item) {
      let tag = tree.tag(child)
      if tag.isList {
        children += nodes(from: child, in: tree)
      } else if tag == .p || tag == .div {
        // A paragraph inside a bullet is inline text; a list inside it is still a child list.
        for inner in tree.children(child) {
          if tree.tag(inner).isList {
            children += nodes(from: inner, in: tree)
          } else {
            appendInline(inner, [], in: tree, to: &spans)
          }
        }
        spans.append(InlineSpan(" "))
      } else {
        appendInline(child, [], in: tree, to: &spans)
      }
    }
    let cleaned = collapse(spans)
    if cleaned.isEmpty && children.isEmpty { return nil }
    return SummaryNode(spans: cleaned, children: children)
  }

  static func appendInline(
    _ node: PageTree.NodeID, _ style: InlineStyle, in tree: PageTree,
    to spans: inout [InlineSpan]
  ) {
    if let text = tree.text(node) {
      spans.append(InlineSpan(text, style))
      return
    }
    var inner = style
    switch tree.tag(node) {
    case .strong, .b: inner.insert(.bold)
    case .em, .i: inner.insert(.italic)
    case .code, .kbd, .samp: inner.insert(.code)
    case .br: spans.append(InlineSpan(" ", style))
    default: break
    }
    for child in tree.children(node) { appendInline(child, inner, in: tree, to: &spans) }
  }

  /// Collapses whitespace across span boundaries, trims the ends, merges equal styles.
  ///
  /// Works on UTF-8 bytes: ASCII is classified by a table test, only other scalars are decoded
  /// to ask Unicode whether they are whitespace (per-scalar property lookups dominated imports).
  static func collapse(_ spans: [InlineSpan]) -> [InlineSpan] {
    var result: [(bytes: [UInt8], style: InlineStyle)] = []
    var pendingSpace = false
    var pendingStyle: InlineStyle = []
    for span in spans {
      var text: [UInt8] = []
      var source = span.text
      source.withUTF8 { utf8 in
        var index = 0
        while index < utf8.count {
          let length = scalarLength(utf8[index])
          let end = min(index + length, utf8.count)
          if isWhitespace(utf8, index, end) {
            if !pendingSpace && !(result.isEmpty && text.isEmpty) {
              pendingSpace = true
              // A space between differently styled runs belongs to the plainer one.
              pendingStyle = span.style
            }
          } else {
            if pendingSpace {
              if text.isEmpty, let last = result.last, pendingStyle != span.style,
                last.style.isSubset(of: span.style) || last.style == pendingStyle
              {
                result[result.count - 1].bytes.append(0x20)
              } else {
                text.append(0x20)
              }
              pendingSpace = false
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
          }
          index = end
        }
      }
      guard !text.isEmpty else { continue }
      if let last = result.last, last.style == span.style {
        result[result.count - 1].bytes += text
      } else {
        result.append((text, span.style))
      }
    }
    return result.map { InlineSpan(String(decoding: $0.bytes, as: UTF8.self), $0.style) }
  }

  /// Bytes in the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
  @inline(__always)
  static func scalarLength(_ lead: UInt8) -> Int {
    if lead < 0xC0 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
  }

  /// Unicode White_Space for the scalar in `utf8[start..<end]`.
  @inline(__always)
  static func isWhitespace(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let lead = utf8[start]
    if lead < 0x80 { return lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) }
    var scalars = UTF8.ForwardParser()
    var iterator = UnsafeBufferPointer(rebasing: utf8[start..<end]).makeIterator()
    guard case .valid(let encoded) = scalars.parseScalar(from: &iterator) else { return false }
    return UTF8.decode(encoded).properties.isWhitespace
  }
}
