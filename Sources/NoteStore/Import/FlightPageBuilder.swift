import FlightFormat

/// Builds a `PageTree` from a flight document's element tree.
///
/// Walks from the root row through every value (objects and arrays are transparent), expanding
/// lazy nodes and references. Each referenced row is expanded once per walk (a shared subtree
/// is reused, a cycle yields nothing), and limits on depth and node count
/// (`FlightDumpReader.maxElementDepth`, `.maxPageNodes`) bound the work on hostile input: a
/// reused row counts its nodes again, so rows that share rows cannot grow the page
/// exponentially behind the count.
///
/// One walk (`+Walk`): model rows are read token by token with `FlightRowReader`, which
/// interprets the `$` forms, so what the page never shows (class names, styles, keys) is
/// skipped without making strings; a value a path reference resolves to goes through the same
/// walk as `ValueTokens`. The page is the one the decoded values describe: where that depends
/// on bytes not read yet (a row whose JSON breaks after its first nodes, a repeated
/// `children`, a link's `href` after members already walked), the walk returns to a
/// `Checkpoint` and takes back what it did since. The document must be parsed with
/// `decodingModelRows: false`.
struct FlightPageBuilder {
  let document: FlightDocument
  var tree = PageTree()
  /// Nodes made and not yet given to a parent: an element takes its children off the end.
  var pending: [PageTree.NodeID] = []
  /// Each row's expansion, by definition index (`FlightDocument.definitionIndex`): an index,
  /// not the id, so that following a reference hashes no string.
  var rowStates: [RowState]
  /// Rows that left `.unvisited`, in order, so that a rollback can put them back.
  var touchedRows: [Int] = []
  var nodeCount = 0
  /// The definition index of the row being expanded, for the position of a limit error; nil
  /// outside every row (the error then names row "0").
  var currentRow: Int? = nil
  /// The first limit the page ran into, with the row where it happened.
  var limitHit: (message: String, rowID: String)? = nil
  /// Row expansions so far: a link knows by it whether the members it drops expanded any.
  var rowVisits = 0

  /// Where a row's expansion stands.
  enum RowState {
    case unvisited
    /// Being expanded: a reference back to it is a cycle and yields nothing.
    case inProgress
    /// Expanded: its nodes (a run of `tree.childIDs`), and how many nodes building them took
    /// (the size of the subtree, counted again at each reuse so shared rows cannot multiply
    /// the work unseen).
    case expanded(first: Int32, count: Int32, size: Int)
    /// Its JSON does not decode: it has no value and yields nothing.
    case broken

    var isExpanded: Bool {
      if case .expanded = self { return true }
      return false
    }
  }

  /// What the walk had done at some point, to take back everything done since.
  struct Checkpoint {
    var pending: Int
    var nodeCount: Int
    var rowVisits: Int
    var touchedRows: Int
    /// Whether a limit was hit (`limitHit` is set once and never changes after).
    var hadLimit: Bool
  }

  init(document: FlightDocument) {
    self.document = document
    rowStates = Array(repeating: .unvisited, count: document.rows.count)
    // Sized from the payload so the arrays rarely regrow (a regrowth copies them); memory
    // reserved and never touched costs nothing.
    tree.reserve(forPayloadBytes: document.payload.count)
  }

  /// Builds the page and returns its root, a `body` element: the root row, or every model row
  /// in order when the root has no value.
  mutating func build() -> PageTree.NodeID {
    if let root = document.definitionIndex(ofRow: "0"), walkTopLevel(root) {
      return finishElement(.body, href: nil, from: 0)
    }
    for row in document.rows where row.tag == .model {
      // Every model row is defined (by itself or an earlier row of its id).
      guard let index = document.definitionIndex(ofRow: row.id), !rowStates[index].isExpanded
      else { continue }
      _ = walkTopLevel(index)
    }
    return finishElement(.body, href: nil, from: 0)
  }

  /// Walks the row defined at `index` at depth 0, outside every row; false when it has no
  /// value (nothing is left of the attempt then).
  mutating func walkTopLevel(_ index: Int) -> Bool {
    if case .broken = rowStates[index] { return false }
    if let row = document.undecodedModelRow(at: index) {
      let start = checkpoint()
      do {
        try walk(row, depth: 0)
        return true
      } catch {
        restore(start)
        rowStates[index] = .broken
        return false
      }
    }
    guard let value = document.value(ofRowAt: index) else { return false }
    walkDecoded(value, depth: 0)
    return true
  }

  /// The nodes of the row defined at `index` (nil for a row no row defines, which yields
  /// nothing), expanded once and reused.
  mutating func emitRow(at index: Int?, depth: Int) {
    guard let index = visitRow(at: index, depth: depth) else { return }
    let row = document.undecodedModelRow(at: index)
    let value = row == nil ? document.value(ofRowAt: index) : nil
    guard row != nil || value != nil else { return }
    let start = checkpoint()
    rowStates[index] = .inProgress
    touchedRows.append(index)
    let outerRow = currentRow
    currentRow = index
    defer { currentRow = outerRow }
    if let row {
      do {
        try walk(row, depth: depth + 1)
      } catch {
        restore(start)
        rowStates[index] = .broken
        return
      }
    } else if let value {
      walkDecoded(value, depth: depth + 1)
    }
    let first = pending.withUnsafeBufferPointer {
      tree.store(UnsafeBufferPointer(rebasing: $0[start.pending...]))
    }
    rowStates[index] = .expanded(
      first: first, count: Int32(pending.count - start.pending),
      size: nodeCount - start.nodeCount)
  }

  /// Counts a visit to the row defined at `index` and, when its state decides what it yields
  /// (reused nodes, nothing for a cycle, a broken or undefined row), yields that; returns the
  /// index of a row still to expand, else nil.
  mutating func visitRow(at index: Int?, depth: Int) -> Int? {
    rowVisits += 1
    guard let index else { return nil }
    switch rowStates[index] {
    case .expanded(let first, let count, let size):
      nodeCount += size
      guard withinLimits(depth: depth) else { return nil }
      pending += tree.childIDs[Int(first)..<Int(first + count)]
      return nil
    case .inProgress, .broken: return nil
    case .unvisited: return index
    }
  }

  func checkpoint() -> Checkpoint {
    Checkpoint(
      pending: pending.count, nodeCount: nodeCount, rowVisits: rowVisits,
      touchedRows: touchedRows.count, hadLimit: limitHit != nil)
  }

  /// Takes back everything done since `checkpoint`: pending nodes, counts, the first limit,
  /// row expansions. Nodes already in the tree stay there, unreachable.
  mutating func restore(_ checkpoint: Checkpoint) {
    pending.removeSubrange(checkpoint.pending...)
    nodeCount = checkpoint.nodeCount
    rowVisits = checkpoint.rowVisits
    if !checkpoint.hadLimit { limitHit = nil }
    for index in touchedRows[checkpoint.touchedRows...] { rowStates[index] = .unvisited }
    touchedRows.removeSubrange(checkpoint.touchedRows...)
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
