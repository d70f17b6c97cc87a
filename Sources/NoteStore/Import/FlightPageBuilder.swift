import FlightFormat

/// Builds a `PageNode` DOM from a flight document's element tree.
///
/// Walks from the root row through every value (objects and arrays are transparent), resolving
/// lazy nodes and references. Each referenced row is expanded once per walk (a shared subtree
/// is reused, a cycle yields nothing), and limits on depth and node count
/// (`FlightDumpReader.maxElementDepth`, `.maxPageNodes`) bound the work on hostile input: a
/// reused row counts its nodes again, so rows that share rows cannot grow the page
/// exponentially behind the count.
struct FlightPageBuilder {
  let document: FlightDocument
  /// Each expanded row's nodes, and how many nodes building them took (the size of the
  /// subtree, counted again at each reuse so shared rows cannot multiply the work unseen).
  var expanded: [String: (nodes: [PageNode], size: Int)] = [:]
  var inProgress: Set<String> = []
  var nodeCount = 0
  /// The row being expanded, for the position of a limit error.
  var currentRow = "0"
  /// The first limit the page ran into, with the row where it happened.
  var limitHit: (message: String, rowID: String)? = nil

  /// Host elements whose content is never page text.
  static let ignoredTags: Set<String> = [
    "script", "style", "head", "meta", "link", "title", "template", "noscript", "svg",
  ]

  init(document: FlightDocument) { self.document = document }

  /// The page: the root row, or every model row in order when there is no root.
  mutating func page() -> PageNode {
    if let root = document.root {
      return .element(tag: "body", href: nil, children: nodes(root, depth: 0))
    }
    var children: [PageNode] = []
    for row in document.rows where row.tag == .model {
      guard !expanded.keys.contains(row.id), let value = document.value(ofRow: row.id) else {
        continue
      }
      children += nodes(value, depth: 0)
    }
    return .element(tag: "body", href: nil, children: children)
  }

  mutating func nodes(_ value: FlightValue, depth: Int) -> [PageNode] {
    guard withinLimits(depth: depth) else { return [] }
    nodeCount += 1
    switch value {
    case .string(let text): return [.text(text)]
    case .number(let number):
      return [
        .text(
          number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
      ]
    case .array(let items): return items.flatMap { nodes($0, depth: depth + 1) }
    case .object(let object): return object.members.flatMap { nodes($0.value, depth: depth + 1) }
    case .element(let element): return nodes(element, depth: depth)
    case .lazy(let rowID): return row(rowID, depth: depth)
    case .reference(let rowID, let path):
      if path.isEmpty { return row(rowID, depth: depth) }
      return nodes(document.resolve(value), depth: depth + 1)
    default: return []
    }
  }

  mutating func nodes(_ element: FlightElement, depth: Int) -> [PageNode] {
    let href = element.props["href"].flatMap { value -> String? in
      if case .string(let text) = value { return text }
      return nil
    }
    if let tag = element.hostTag {
      let lower = tag.lowercased()
      if Self.ignoredTags.contains(lower) { return [] }
      let children = element.children.map { nodes($0, depth: depth + 1) } ?? []
      return [.element(tag: lower, href: href, children: children)]
    }
    // A component: a link when it has an href (next/link), otherwise transparent.
    if let href {
      let children = element.children.map { nodes($0, depth: depth + 1) } ?? []
      return [.element(tag: "a", href: href, children: children)]
    }
    return element.props.members.flatMap { nodes($0.value, depth: depth + 1) }
  }

  mutating func row(_ rowID: String, depth: Int) -> [PageNode] {
    if let done = expanded[rowID] {
      nodeCount += done.size
      return withinLimits(depth: depth) ? done.nodes : []
    }
    guard !inProgress.contains(rowID), let value = document.value(ofRow: rowID) else { return [] }
    inProgress.insert(rowID)
    let outerRow = currentRow
    currentRow = rowID
    let countBefore = nodeCount
    let result = nodes(value, depth: depth + 1)
    currentRow = outerRow
    inProgress.remove(rowID)
    expanded[rowID] = (result, nodeCount - countBefore)
    return result
  }

  /// False (and the limit recorded) past `FlightDumpReader.maxElementDepth` levels or
  /// `FlightDumpReader.maxPageNodes` nodes.
  mutating func withinLimits(depth: Int) -> Bool {
    if depth >= FlightDumpReader.maxElementDepth {
      recordLimit(
        "page elements nest deeper than \(FlightDumpReader.maxElementDepth) levels, the limit")
      return false
    }
    if nodeCount >= FlightDumpReader.maxPageNodes {
      recordLimit("page has more than \(FlightDumpReader.maxPageNodes) nodes, the limit")
      return false
    }
    return true
  }

  mutating func recordLimit(_ message: String) {
    if limitHit == nil { limitHit = (message, currentRow) }
  }
}
