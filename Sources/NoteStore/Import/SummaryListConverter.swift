/// Turns a page's nested list into a summary tree.
///
/// Both shapes the url-notes site emits map to one tree: `li > p > strong + ":"` followed by a
/// nested `ul`, and `li > strong + text` followed by a nested `ul`. Paragraph wrappers are
/// flattened into the bullet's inline text; whitespace-only text nodes are layout, not content.
enum SummaryListConverter {
  static func nodes(from list: PageNode) -> [SummaryNode] {
    list.children.compactMap { child -> SummaryNode? in
      guard child.tag == "li" else { return nil }
      return node(fromItem: child)
    }
  }

  static func node(fromItem item: PageNode) -> SummaryNode? {
    var spans: [InlineSpan] = []
    var children: [SummaryNode] = []
    for child in item.children {
      if child.isList {
        children += nodes(from: child)
      } else if child.tag == "p" || child.tag == "div" {
        // A paragraph inside a bullet is inline text; a list inside it is still a child list.
        for inner in child.children {
          if inner.isList {
            children += nodes(from: inner)
          } else {
            appendInline(inner, [], to: &spans)
          }
        }
        spans.append(InlineSpan(" "))
      } else {
        appendInline(child, [], to: &spans)
      }
    }
    let cleaned = collapse(spans)
    if cleaned.isEmpty && children.isEmpty { return nil }
    return SummaryNode(spans: cleaned, children: children)
  }

  static func appendInline(_ node: PageNode, _ style: InlineStyle, to spans: inout [InlineSpan]) {
    switch node {
    case .text(let text): spans.append(InlineSpan(text, style))
    case .element(let tag, _, let children):
      var inner = style
      switch tag {
      case "strong", "b": inner.insert(.bold)
      case "em", "i": inner.insert(.italic)
      case "code", "kbd", "samp": inner.insert(.code)
      case "br": spans.append(InlineSpan(" ", style))
      default: break
      }
      for child in children { appendInline(child, inner, to: &spans) }
    }
  }

  /// Collapses whitespace across span boundaries, trims the ends, merges equal styles.
  static func collapse(_ spans: [InlineSpan]) -> [InlineSpan] {
    var result: [InlineSpan] = []
    var pendingSpace = false
    var pendingStyle: InlineStyle = []
    for span in spans {
      var text = ""
      for scalar in span.text.unicodeScalars {
        if scalar.properties.isWhitespace {
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
              result[result.count - 1].text += " "
            } else {
              text.unicodeScalars.append(" ")
            }
            pendingSpace = false
          }
          text.unicodeScalars.append(scalar)
        }
      }
      guard !text.isEmpty else { continue }
      if let last = result.last, last.style == span.style {
        result[result.count - 1].text += text
      } else {
        result.append(InlineSpan(text, span.style))
      }
    }
    return result
  }
}
