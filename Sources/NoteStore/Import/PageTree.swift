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
    /// Index in `hrefs` of an element's href; -1 for none.
    var href: Int32
    /// An element's children, `childIDs[first..<first + count]`; a text node's UTF-8,
    /// `textBytes[first..<first + count]`.
    var first: Int32
    var count: Int32
  }

  var nodes: [Node] = []
  var childIDs: [NodeID] = []
  var hrefs: [String] = []
  /// The text of every text node, back to back: one buffer, not a string per node.
  var textBytes: [UInt8] = []

  /// Room for the page of a payload of `count` bytes: its text is a fraction of the bytes,
  /// and a node takes tens of bytes of JSON.
  mutating func reserve(forPayloadBytes count: Int) {
    textBytes.reserveCapacity(count / 2)
    nodes.reserveCapacity(count / 32)
    childIDs.reserveCapacity(count / 16)
  }

  mutating func addText(_ text: String) -> NodeID {
    let first = textBytes.count
    textBytes += text.utf8
    return addTextNode(from: first)
  }

  /// A text node of valid UTF-8 bytes.
  mutating func addText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> NodeID {
    let first = textBytes.count
    textBytes.append(contentsOf: bytes)
    return addTextNode(from: first)
  }

  mutating func addTextNode(from first: Int) -> NodeID {
    nodes.append(
      Node(tag: .text, href: -1, first: Int32(first), count: Int32(textBytes.count - first)))
    return NodeID(nodes.count - 1)
  }

  mutating func addElement(_ tag: Tag, href: String?, children: ArraySlice<NodeID>) -> NodeID {
    children.withUnsafeBufferPointer { addElement(tag, href: href, children: $0) }
  }

  mutating func addElement(_ tag: Tag, href: String?, children: UnsafeBufferPointer<NodeID>)
    -> NodeID
  {
    var index: Int32 = -1
    if let href {
      hrefs.append(href)
      index = Int32(hrefs.count - 1)
    }
    let first = store(children)
    nodes.append(Node(tag: tag, href: index, first: first, count: Int32(children.count)))
    return NodeID(nodes.count - 1)
  }

  /// Keeps a run of node ids (an element's children, a row's nodes); returns where it starts.
  mutating func store(_ ids: ArraySlice<NodeID>) -> Int32 {
    ids.withUnsafeBufferPointer { store($0) }
  }

  mutating func store(_ ids: UnsafeBufferPointer<NodeID>) -> Int32 {
    let first = Int32(childIDs.count)
    childIDs.append(contentsOf: ids)
    return first
  }

  func tag(_ id: NodeID) -> Tag { nodes[Int(id)].tag }

  func children(_ id: NodeID) -> ArraySlice<NodeID> {
    let node = nodes[Int(id)]
    if node.tag == .text { return [] }
    return childIDs[Int(node.first)..<Int(node.first + node.count)]
  }

  /// Where a text node's UTF-8 lies in `textBytes` (nil for elements).
  func textRange(_ id: NodeID) -> Range<Int>? {
    let node = nodes[Int(id)]
    return node.tag == .text ? Int(node.first)..<Int(node.first + node.count) : nil
  }

  /// A text node's text (nil for elements).
  func text(_ id: NodeID) -> String? {
    textRange(id).map { String(decoding: textBytes[$0], as: UTF8.self) }
  }

  /// An element's href (nil for text and for elements without one).
  func href(_ id: NodeID) -> String? {
    let node = nodes[Int(id)]
    return node.tag != .text && node.href >= 0 ? hrefs[Int(node.href)] : nil
  }

  /// All text below a node, concatenated.
  func textContent(_ id: NodeID) -> String {
    if let range = textRange(id) { return String(decoding: textBytes[range], as: UTF8.self) }
    var bytes: [UInt8] = []
    appendText(id, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  func appendText(_ id: NodeID, to bytes: inout [UInt8]) {
    if let range = textRange(id) {
      // Through a buffer pointer: a slice would be retained and appended generically.
      textBytes.withUnsafeBufferPointer {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range]))
      }
      return
    }
    for child in children(id) { appendText(child, to: &bytes) }
  }
}
