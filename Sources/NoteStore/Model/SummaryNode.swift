/// One bullet of a summary tree: inline text with emphasis, and child bullets.
///
/// Text is held as *inline markup*, a small Markdown subset — `**bold**`, `*italic*`,
/// `` `code` `` and backslash escapes — so that bold labels such as `**CPU:**` survive storage,
/// editing as an outline, and export unchanged. `spans` and `plainText` derive from it.
public struct SummaryNode: Equatable, Sendable {
  public var markup: String
  public var children: [SummaryNode]

  public init(markup: String, children: [SummaryNode] = []) {
    self.markup = markup
    self.children = children
  }

  /// A node built from styled spans (importers use this; it escapes the text).
  public init(spans: [InlineSpan], children: [SummaryNode] = []) {
    self.markup = InlineMarkup.markup(for: spans)
    self.children = children
  }

  /// The styled runs of the text.
  public var spans: [InlineSpan] { InlineMarkup.spans(of: markup) }

  /// The text without markup, whitespace collapsed: what search and `--json` "text" see.
  public var plainText: String { InlineMarkup.plainText(of: markup) }

  /// Number of nodes in this subtree, this one included.
  public var nodeCount: Int { 1 + children.reduce(0) { $0 + $1.nodeCount } }

  /// Every node of the forest in depth-first pre-order, with its depth (0 = top level).
  public static func flatten(_ forest: [SummaryNode]) -> [(depth: Int, node: SummaryNode)] {
    var result: [(Int, SummaryNode)] = []
    func visit(_ nodes: [SummaryNode], _ depth: Int) {
      for node in nodes {
        result.append((depth, node))
        visit(node.children, depth + 1)
      }
    }
    visit(forest, 0)
    return result
  }
}

/// A run of text with one style.
public struct InlineSpan: Equatable, Sendable {
  public var text: String
  public var style: InlineStyle

  public init(_ text: String, _ style: InlineStyle = []) {
    self.text = text
    self.style = style
  }
}

/// Emphasis of an inline span.
public struct InlineStyle: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = InlineStyle(rawValue: 1)
  public static let italic = InlineStyle(rawValue: 2)
  public static let code = InlineStyle(rawValue: 4)
}
