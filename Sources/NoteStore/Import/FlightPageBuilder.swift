import FlightFormat

/// Builds a `PageTree` from a flight document's element tree.
///
/// Walks from the root row through every value (objects and arrays are transparent), resolving
/// lazy nodes and references. Each referenced row is expanded once per walk (a shared subtree
/// is reused, a cycle yields nothing), and limits on depth and node count
/// (`FlightDumpReader.maxElementDepth`, `.maxPageNodes`) bound the work on hostile input: a
/// reused row counts its nodes again, so rows that share rows cannot grow the page
/// exponentially behind the count.
///
/// Two ways to the same page. The fast one (`+RowBytes`) reads each model row's JSON with the
/// pull reader, skipping what the page never shows (class names, styles, keys) without making
/// strings. Whatever it does not handle exactly as the value walk here would (broken JSON, a
/// limit reached, a props object naming `children` or `href` twice, a link's other props that
/// expand rows) makes it give up, and the page is built again from decoded values.
struct FlightPageBuilder {
  let document: FlightDocument
  var tree = PageTree()
  /// Nodes made and not yet given to a parent: an element takes its children off the end.
  var pending: [PageTree.NodeID] = []
  /// Each row's expansion, by definition index (`FlightDocument.definitionIndex`): an index,
  /// not the id, so that following a reference hashes no string.
  var rowStates: [RowState]
  var nodeCount = 0
  /// The definition index of the row being expanded, for the position of a limit error; nil
  /// outside every row (the error then names row "0").
  var currentRow: Int? = nil
  /// The first limit the page ran into, with the row where it happened.
  var limitHit: (message: String, rowID: String)? = nil
  /// Row expansions so far: the fast walk checks that props it drops expanded none.
  var rowVisits = 0
  /// Whether `build()` tries the fast way first (tests turn it off to compare the two).
  let triesRowBytes: Bool
  /// True while model rows are read from their bytes (the fast way).
  var readsRowBytes = false
  /// Set when the fast walk gave up inside a value walk, which cannot throw.
  var gaveUp = false
  /// Where the text `readText` decoded starts in `tree.textBytes`.
  var textStart = 0

  /// Host elements whose content is never page text.
  static let ignoredTags: Set<String> = [
    "script", "style", "head", "meta", "link", "title", "template", "noscript", "svg",
  ]

  /// The page tag of a host element, or nil for one whose content is never page text.
  static func pageTag(ofHost name: String) -> PageTree.Tag? {
    // Tag names are nearly always lowercase ASCII already; `lowercased()` would copy them.
    let isLower = name.utf8.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x30 < 10 }
    let lower = isLower ? name : name.lowercased()
    let tag = PageTree.Tag(lowercased: lower)
    if tag == .other && ignoredTags.contains(lower) { return nil }
    return tag
  }

  /// Where a row's expansion stands.
  enum RowState {
    case unvisited
    /// Being expanded: a reference back to it is a cycle and yields nothing.
    case inProgress
    /// Expanded: its nodes (a run of `tree.childIDs`), and how many nodes building them took
    /// (the size of the subtree, counted again at each reuse so shared rows cannot multiply
    /// the work unseen).
    case expanded(first: Int32, count: Int32, size: Int)

    var isExpanded: Bool {
      if case .expanded = self { return true }
      return false
    }
  }

  init(document: FlightDocument, triesRowBytes: Bool = true) {
    self.document = document
    self.triesRowBytes = triesRowBytes
    rowStates = Array(repeating: .unvisited, count: document.rows.count)
    // Sized from the payload so the arrays rarely regrow (a regrowth copies them); memory
    // reserved and never touched costs nothing.
    tree.reserve(forPayloadBytes: document.payload.count)
  }

  /// The fast walk gave up: the page is built again from decoded values.
  struct GaveUp: Error {}

  /// Builds the page and returns its root, a `body` element: the root row, or every model row
  /// in order when there is no root.
  mutating func build() -> PageTree.NodeID {
    if triesRowBytes {
      readsRowBytes = true
      do {
        try walkPage()
        return finishElement(.body, href: nil, from: 0)
      } catch {
        self = FlightPageBuilder(document: document, triesRowBytes: false)
      }
    }
    if let root = document.root {
      emit(root, depth: 0)
      return finishElement(.body, href: nil, from: 0)
    }
    for row in document.rows where row.tag == .model {
      guard let index = document.definitionIndex(ofRow: row.id), !rowStates[index].isExpanded,
        let value = document.value(ofRowAt: index)
      else { continue }
      emit(value, depth: 0)
    }
    return finishElement(.body, href: nil, from: 0)
  }

  /// Makes an element of the nodes pending since `mark` and leaves it pending in their place.
  @discardableResult
  mutating func finishElement(_ tag: PageTree.Tag, href: String?, from mark: Int)
    -> PageTree.NodeID
  {
    // Through the buffer: the slice and range-replacing calls cost more than the copies.
    let id = pending.withUnsafeBufferPointer {
      tree.addElement(tag, href: href, children: UnsafeBufferPointer(rebasing: $0[mark...]))
    }
    // The children give way to the element; a loop of `removeLast()` for the few of them
    // costs less than the generic range replacement.
    if pending.count == mark {
      pending.append(id)
    } else {
      pending[mark] = id
      while pending.count > mark + 1 { pending.removeLast() }
    }
    return id
  }

  mutating func emit(_ value: FlightValue, depth: Int) {
    guard withinLimits(depth: depth) else { return }
    nodeCount += 1
    switch value {
    case .string(let text): pending.append(tree.addText(text))
    case .number(let number): pending.append(tree.addText(Self.text(of: number)))
    case .array(let items): for item in items { emit(item, depth: depth + 1) }
    case .object(let object): for member in object.members { emit(member.value, depth: depth + 1) }
    case .element(let element): emit(element, depth: depth)
    case .lazy(let rowID): emitRowOrGiveUp(rowID, depth: depth)
    case .reference(let rowID, let path):
      if path.isEmpty { emitRowOrGiveUp(rowID, depth: depth) } else { emitResolved(value, depth) }
    default: return
    }
  }

  mutating func emitRowOrGiveUp(_ rowID: String, depth: Int) {
    do { try emitRow(rowID, depth: depth) } catch { gaveUp = true }
  }

  /// In the fast walk, after a value walk: give up if it hit a limit or gave up inside.
  func checkValueWalk() throws {
    if readsRowBytes && (limitHit != nil || gaveUp) { throw GaveUp() }
  }

  /// A path reference (`$4:props:children`): what it points at, one level down.
  mutating func emitResolved(_ value: FlightValue, _ depth: Int) {
    rowVisits += 1
    emit(document.resolve(value), depth: depth + 1)
  }

  static func text(of number: Double) -> String {
    number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
  }

  mutating func emit(_ element: FlightElement, depth: Int) {
    let href = element.props["href"].flatMap { value -> String? in
      if case .string(let text) = value { return text }
      return nil
    }
    let mark = pending.count
    if let name = element.hostTag {
      guard let tag = Self.pageTag(ofHost: name) else { return }
      if let children = element.children { emit(children, depth: depth + 1) }
      finishElement(tag, href: href, from: mark)
      return
    }
    // A component: a link when it has an href (next/link), otherwise transparent.
    if let href {
      if let children = element.children { emit(children, depth: depth + 1) }
      finishElement(.a, href: href, from: mark)
      return
    }
    for member in element.props.members { emit(member.value, depth: depth + 1) }
  }

  /// The nodes of row `rowID`, expanded once and reused. Throws only in the fast walk.
  mutating func emitRow(_ rowID: String, depth: Int) throws {
    try emitRow(at: document.definitionIndex(ofRow: rowID), depth: depth)
  }

  /// The nodes of the row defined at `index` (nil for a row no row defines, which yields
  /// nothing), expanded once and reused. Throws only in the fast walk.
  mutating func emitRow(at index: Int?, depth: Int) throws {
    rowVisits += 1
    guard let index else { return }
    switch rowStates[index] {
    case .expanded(let first, let count, let size):
      nodeCount += size
      guard withinLimits(depth: depth) else {
        if readsRowBytes { throw GaveUp() }
        return
      }
      pending += tree.childIDs[Int(first)..<Int(first + count)]
      return
    case .inProgress: return
    case .unvisited: break
    }
    let rowBytes = readsRowBytes ? document.undecodedModelRow(at: index) : nil
    let value = rowBytes == nil ? document.value(ofRowAt: index) : nil
    guard rowBytes != nil || value != nil else { return }
    rowStates[index] = .inProgress
    let outerRow = currentRow
    currentRow = index
    let countBefore = nodeCount
    let mark = pending.count
    if let rowBytes {
      try walk(rowBytes: rowBytes, depth: depth + 1)
    } else if let value {
      emit(value, depth: depth + 1)
      try checkValueWalk()
    }
    currentRow = outerRow
    let first = pending.withUnsafeBufferPointer {
      tree.store(UnsafeBufferPointer(rebasing: $0[mark...]))
    }
    rowStates[index] = .expanded(
      first: first, count: Int32(pending.count - mark), size: nodeCount - countBefore)
  }

  /// False (and the limit recorded) past `FlightDumpReader.maxElementDepth` levels or
  /// `FlightDumpReader.maxPageNodes` nodes. Inlined: every value walked asks, and the answer
  /// is nearly always yes.
  @inline(__always)
  mutating func withinLimits(depth: Int) -> Bool {
    if depth < FlightDumpReader.maxElementDepth && nodeCount < FlightDumpReader.maxPageNodes {
      return true
    }
    recordLimit(depth: depth)
    return false
  }

  /// Records the limit `withinLimits` found, depth first.
  mutating func recordLimit(depth: Int) {
    if depth >= FlightDumpReader.maxElementDepth {
      recordLimit(
        "page elements nest deeper than \(FlightDumpReader.maxElementDepth) levels, the limit")
    } else {
      recordLimit("page has more than \(FlightDumpReader.maxPageNodes) nodes, the limit")
    }
  }

  mutating func recordLimit(_ message: String) {
    if limitHit == nil { limitHit = (message, currentRow.map { document.rows[$0].id } ?? "0") }
  }
}
