import FlightFormat

@testable import NoteStore

/// The page the decoded values describe, built by walking `FlightValue`s: the importer's
/// page walk before it read rows token by token, kept as the reference its checkpoints and
/// roll-backs must match (`FlightPageEquivalenceTests`).
extension FlightPageBuilder {
  mutating func buildFromValues() -> PageTree.NodeID {
    if let root = document.root {
      oracleEmit(root, depth: 0)
      return finishElement(.body, href: nil, from: 0)
    }
    for row in document.rows where row.tag == .model {
      guard let index = document.definitionIndex(ofRow: row.id), !rowStates[index].isExpanded,
        let value = document.value(ofRowAt: index)
      else { continue }
      oracleEmit(value, depth: 0)
    }
    return finishElement(.body, href: nil, from: 0)
  }

  mutating func oracleEmit(_ value: FlightValue, depth: Int) {
    guard withinLimits(depth: depth) else { return }
    nodeCount += 1
    switch value {
    case .string(let text): pending.append(tree.addText(text))
    case .number(let number): pending.append(tree.addText(Self.text(of: number)))
    case .array(let items): for item in items { oracleEmit(item, depth: depth + 1) }
    case .object(let object):
      for member in object.members { oracleEmit(member.value, depth: depth + 1) }
    case .element(let element): oracleEmit(element, depth: depth)
    case .lazy(let rowID): oracleEmitRow(at: document.definitionIndex(ofRow: rowID), depth: depth)
    case .reference(let rowID, let path):
      if path.isEmpty {
        oracleEmitRow(at: document.definitionIndex(ofRow: rowID), depth: depth)
      } else {
        rowVisits += 1
        oracleEmit(document.resolve(value), depth: depth + 1)
      }
    default: return
    }
  }

  mutating func oracleEmit(_ element: FlightElement, depth: Int) {
    let href = element.props["href"].flatMap(\.stringValue)
    let mark = pending.count
    if let name = element.hostTag {
      guard let tag = Self.pageTag(ofHost: name) else { return }
      if let children = element.children { oracleEmit(children, depth: depth + 1) }
      finishElement(tag, href: href, from: mark)
      return
    }
    if let href {
      if let children = element.children { oracleEmit(children, depth: depth + 1) }
      finishElement(.a, href: href, from: mark)
      return
    }
    for member in element.props.members { oracleEmit(member.value, depth: depth + 1) }
  }

  mutating func oracleEmitRow(at index: Int?, depth: Int) {
    guard let index = visitRow(at: index, depth: depth) else { return }
    guard let value = document.value(ofRowAt: index) else { return }
    rowStates[index] = .inProgress
    let outerRow = currentRow
    currentRow = index
    let countBefore = nodeCount
    let mark = pending.count
    oracleEmit(value, depth: depth + 1)
    currentRow = outerRow
    let first = pending.withUnsafeBufferPointer {
      tree.store(UnsafeBufferPointer(rebasing: $0[mark...]))
    }
    rowStates[index] = .expanded(
      first: first, count: Int32(pending.count - mark), size: nodeCount - countBefore)
  }
}
