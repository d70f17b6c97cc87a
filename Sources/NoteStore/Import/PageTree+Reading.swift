/// Read-only shortcuts over a built page for the note finder.
extension PageTree {
  /// The text of an element whose only child is one text node (the usual link), as its range
  /// in `textBytes`; nil for any other node. `appendText` would give the same bytes.
  func soleTextRange(_ id: NodeID) -> Range<Int>? {
    let node = nodes[Int(id)]
    guard node.tag != .text, node.count == 1 else { return nil }
    return textRange(childIDs[Int(node.first)])
  }
}

extension PageTree {
  /// Where an element's children lie in `childIDs` (empty for a text node). Walking them by
  /// index spares the walk a retained slice of `childIDs` at every node.
  func childRange(_ id: NodeID) -> Range<Int> {
    let node = nodes[Int(id)]
    if node.tag == .text { return 0..<0 }
    return Int(node.first)..<Int(node.first + node.count)
  }
}
