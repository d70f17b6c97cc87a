/// A page reduced to what the note finder looks at: elements (tag, href) and text, stored
/// flat.
///
/// The flight importer turns React element trees into this small DOM: host elements keep their
/// tag, a component with an `href` becomes a link (`a`), every other component, fragment and
/// wrapper is transparent. Class names, keys, row ids and module ids are dropped here, so
/// nothing downstream can depend on them.
///
/// Nodes are indices into one array and children are runs of a second one, so building and
/// walking a page allocates a few arrays, not one object per node. A row used twice shares
/// its nodes: the structure is a DAG, walked as a tree.
struct PageTree {
  typealias NodeID = Int32

  /// The tags the finder and the summary converter tell apart; every other element is
  /// `.other`.
  enum Tag: UInt8 {
    case text, other, body, a, ul, ol, li, p, div, strong, b, em, i, code, kbd, samp, br

    /// The tag of a lowercased host tag name.
    init(lowercased name: String) {
      switch name {
      case "a": self = .a
      case "ul": self = .ul
      case "ol": self = .ol
      case "li": self = .li
      case "p": self = .p
      case "div": self = .div
      case "strong": self = .strong
      case "b": self = .b
      case "em": self = .em
      case "i": self = .i
      case "code": self = .code
      case "kbd": self = .kbd
      case "samp": self = .samp
      case "br": self = .br
      case "body": self = .body
      default: self = .other
      }
    }

    var isList: Bool { self == .ul || self == .ol }
  }

  struct Node {
    var tag: Tag
    /// Index in `strings` of a text node's text or an element's href; -1 for none.
    var string: Int32
    /// The children: `childIDs[firstChild..<firstChild + childCount]`.
    var firstChild: Int32
    var childCount: Int32
  }

  var nodes: [Node] = []
  var childIDs: [NodeID] = []
  var strings: [String] = []

  mutating func addText(_ text: String) -> NodeID {
    strings.append(text)
    nodes.append(Node(tag: .text, string: Int32(strings.count - 1), firstChild: 0, childCount: 0))
    return NodeID(nodes.count - 1)
  }

  mutating func addElement(_ tag: Tag, href: String?, children: ArraySlice<NodeID>) -> NodeID {
    var string: Int32 = -1
    if let href {
      strings.append(href)
      string = Int32(strings.count - 1)
    }
    let first = store(children)
    nodes.append(
      Node(tag: tag, string: string, firstChild: first, childCount: Int32(children.count)))
    return NodeID(nodes.count - 1)
  }

  /// Keeps a run of node ids (an element's children, a row's nodes); returns where it starts.
  mutating func store(_ ids: ArraySlice<NodeID>) -> Int32 {
    let first = Int32(childIDs.count)
    childIDs.append(contentsOf: ids)
    return first
  }

  func tag(_ id: NodeID) -> Tag { nodes[Int(id)].tag }

  func children(_ id: NodeID) -> ArraySlice<NodeID> {
    let node = nodes[Int(id)]
    return childIDs[Int(node.firstChild)..<Int(node.firstChild + node.childCount)]
  }

  /// A text node's text (nil for elements).
  func text(_ id: NodeID) -> String? {
    let node = nodes[Int(id)]
    return node.tag == .text ? strings[Int(node.string)] : nil
  }

  /// An element's href (nil for text and for elements without one).
  func href(_ id: NodeID) -> String? {
    let node = nodes[Int(id)]
    return node.tag != .text && node.string >= 0 ? strings[Int(node.string)] : nil
  }

  /// All text below a node, concatenated.
  func textContent(_ id: NodeID) -> String {
    var result = ""
    appendText(id, to: &result)
    return result
  }

  func appendText(_ id: NodeID, to result: inout String) {
    let node = nodes[Int(id)]
    if node.tag == .text {
      result += strings[Int(node.string)]
      return
    }
    for child in children(id) { appendText(child, to: &result) }
  }
}
