/// Draws a summary tree as text lines with box-drawing characters, for `show` and tests.
///
///     ├─ CPU: AMD Ryzen AI Max 395+
///     └─ Memory:
///        └─ Utilizes unified memory
public enum SummaryTreeText {
  /// One line per node; `text` picks what is shown of a node (plain text by default).
  public static func lines(
    _ forest: [SummaryNode], text: (SummaryNode) -> String = { $0.plainText }
  ) -> [String] {
    var lines: [String] = []
    func visit(_ nodes: [SummaryNode], prefix: String) {
      for (index, node) in nodes.enumerated() {
        let last = index == nodes.count - 1
        lines.append(prefix + (last ? "└─ " : "├─ ") + text(node))
        visit(node.children, prefix: prefix + (last ? "   " : "│  "))
      }
    }
    visit(forest, prefix: "")
    return lines
  }
}
