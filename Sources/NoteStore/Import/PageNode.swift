/// A page reduced to what the note finder looks at: elements (tag, href), and text.
///
/// The flight importer turns React element trees into this small DOM: host elements keep their
/// tag, a component with an `href` becomes a link (`a`), every other component, fragment and
/// wrapper is transparent. Class names, keys, row ids and module ids are dropped here, so
/// nothing downstream can depend on them.
indirect enum PageNode: Equatable {
  case text(String)
  case element(tag: String, href: String?, children: [PageNode])

  var tag: String? {
    if case .element(let tag, _, _) = self { return tag }
    return nil
  }

  var children: [PageNode] {
    if case .element(_, _, let children) = self { return children }
    return []
  }

  var isList: Bool { tag == "ul" || tag == "ol" }

  /// All text below this node, concatenated.
  var textContent: String {
    switch self {
    case .text(let text): return text
    case .element(_, _, let children): return children.map(\.textContent).joined()
    }
  }
}
