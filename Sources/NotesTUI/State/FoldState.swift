import NoteStore

/// The position of a node in a summary forest: child indices from the top level down.
public typealias NodePath = [Int]

/// Which nodes of a summary tree are unfolded; every other node with children shows folded.
///
/// The note model knows nothing of folding: this set of paths is the whole of it, so it can be
/// kept per note, reset, or compared in tests. A node shows its children only when it and all
/// of its ancestors are unfolded.
public struct FoldState: Equatable, Sendable {
  /// Paths of unfolded nodes.
  public private(set) var unfolded: Set<NodePath> = []

  public init(unfolded: Set<NodePath> = []) {
    self.unfolded = unfolded
  }

  /// Whether the node at `path` shows its children.
  public func isUnfolded(_ path: NodePath) -> Bool { unfolded.contains(path) }

  /// Folds the node at `path` if unfolded, else unfolds it.
  public mutating func toggle(_ path: NodePath) {
    if unfolded.remove(path) == nil { unfolded.insert(path) }
  }

  /// Unfolds the node at `path` and its ancestors, so the node's children are on screen.
  public mutating func reveal(_ path: NodePath) {
    guard !path.isEmpty else { return }
    for length in 1...path.count { unfolded.insert(Array(path.prefix(length))) }
  }

  /// Unfolds the ancestors of the node at `path` (not the node), so the node itself shows.
  public mutating func revealAncestors(of path: NodePath) {
    reveal(Array(path.dropLast()))
  }

  /// Unfolds every node that has children.
  public mutating func unfoldAll(_ forest: [SummaryNode]) {
    unfolded = []
    Self.visit(forest, []) { path, node in
      if !node.children.isEmpty { unfolded.insert(path) }
    }
  }

  /// Shows the tree down to `level` levels: nodes at depth < `level` are unfolded, deeper ones
  /// folded. Level 1 shows only the top-level bullets; 0 also shows them (nothing can hide them).
  public mutating func fold(toLevel level: Int, _ forest: [SummaryNode]) {
    unfolded = []
    Self.visit(forest, []) { path, node in
      if !node.children.isEmpty && path.count < level { unfolded.insert(path) }
    }
  }

  /// The nodes on screen, in order, with their paths and whether they are folded.
  public func visibleRows(_ forest: [SummaryNode]) -> [OutlineRow] {
    var rows: [OutlineRow] = []
    func walk(_ nodes: [SummaryNode], _ prefix: NodePath) {
      for (index, node) in nodes.enumerated() {
        let path = prefix + [index]
        let open = unfolded.contains(path)
        rows.append(OutlineRow(path: path, node: node, isUnfolded: open))
        if open { walk(node.children, path) }
      }
    }
    walk(forest, [])
    return rows
  }

  /// Calls `body` for every node in pre-order with its path.
  static func visit(
    _ nodes: [SummaryNode], _ prefix: NodePath, _ body: (NodePath, SummaryNode) -> Void
  ) {
    for (index, node) in nodes.enumerated() {
      let path = prefix + [index]
      body(path, node)
      visit(node.children, path, body)
    }
  }
}

/// One visible node of a folded summary tree.
public struct OutlineRow: Equatable, Sendable {
  public var path: NodePath
  public var node: SummaryNode
  /// Whether the node's children are shown (meaningless for a leaf).
  public var isUnfolded: Bool

  /// Depth from the top level (0).
  public var depth: Int { path.count - 1 }
  /// Whether the node has children to fold or unfold.
  public var hasChildren: Bool { !node.children.isEmpty }

  /// The fold marker drawn before the text: "▸" folded, "▾" unfolded, "•" for a leaf.
  public var marker: String { hasChildren ? (isUnfolded ? "▾" : "▸") : "•" }
}
