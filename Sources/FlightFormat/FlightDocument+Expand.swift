extension FlightDocument {
  /// Most nodes one `expand` call produces: shared subtrees are copied at each use, so a
  /// hostile payload could otherwise grow exponentially. Real pages expand to far fewer.
  public static let maxExpandedNodes = 1 << 21
  /// Deepest nesting `expand` descends (JSON rows are capped at 512 levels each, but
  /// references chain rows); past it a subtree becomes `.unresolved`.
  public static let maxExpandDepth = 512

  /// Replaces every `.lazy` and `.reference` inside `value` with what it resolves to, giving
  /// a self-contained tree (for example the page's element tree from `$L4`).
  ///
  /// A reference back into a subtree that is being expanded (a real cycle, such as
  /// `0:{"a":"$1"}` / `1:{"b":"$0"}`) becomes `.unresolved("reference cycle …")`; a path
  /// reference to another part of the same row (fixture 07's `"$0:f:…"`) is expanded. Element
  /// owners (DEV debug data) are left as they are. Complexity: O(output nodes), bounded by
  /// `maxExpandedNodes` and `maxExpandDepth`.
  public func expand(_ value: FlightValue) -> FlightValue {
    var expander = Expander(document: self)
    return expander.expand(value, depth: 0)
  }

  /// The state of one expansion: the rows (and paths within them) being expanded.
  struct Expander {
    let document: FlightDocument
    var frames: [(rowID: String, path: [String])] = []
    var nodes = 0

    init(document: FlightDocument) { self.document = document }

    mutating func expand(_ value: FlightValue, depth: Int) -> FlightValue {
      nodes += 1
      if nodes > FlightDocument.maxExpandedNodes {
        return .unresolved("expansion stopped after \(FlightDocument.maxExpandedNodes) nodes")
      }
      if depth > FlightDocument.maxExpandDepth {
        return .unresolved("expansion deeper than \(FlightDocument.maxExpandDepth) levels")
      }
      switch value {
      case .lazy, .reference:
        var budget = FlightDocument.maxResolveHops
        var visited: Set<FlightReferenceTarget> = []
        let landing = document.locate(value, budget: &budget, visited: &visited)
        guard let rowID = landing.rowID else { return landing.value }
        if isBeingExpanded(rowID, landing.path) {
          let where_ = ([rowID] + landing.path).joined(separator: ":")
          return .unresolved("reference cycle back to '\(where_)'")
        }
        frames.append((rowID, landing.path))
        defer { frames.removeLast() }
        return expand(landing.value, depth: depth + 1)
      case .array(let items):
        var result: [FlightValue] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
          result.append(descend(String(index), item, depth))
        }
        return .array(result)
      case .object(let object):
        return .object(expand(object, depth: depth))
      case .element(let element):
        let type = descend("type", element.type, depth)
        enter("props")
        let props = expand(element.props, depth: depth + 1)
        leave()
        return .element(
          FlightElement(type: type, key: element.key, props: props, owner: element.owner))
      case .stream(var stream):
        stream.items = stream.items.enumerated().map { descend(String($0), $1, depth) }
        return .stream(stream)
      default:
        return value
      }
    }

    mutating func expand(_ object: FlightObject, depth: Int) -> FlightObject {
      var members: [(key: String, value: FlightValue)] = []
      members.reserveCapacity(object.count)
      for member in object.members {
        members.append((member.key, descend(member.key, member.value, depth)))
      }
      return FlightObject(members)
    }

    mutating func descend(_ segment: String, _ value: FlightValue, _ depth: Int) -> FlightValue {
      enter(segment)
      defer { leave() }
      return expand(value, depth: depth + 1)
    }

    mutating func enter(_ segment: String) {
      if !frames.isEmpty { frames[frames.count - 1].path.append(segment) }
    }

    mutating func leave() {
      if !frames.isEmpty { frames[frames.count - 1].path.removeLast() }
    }

    /// True when `rowID`/`path` contains a place being expanded, so expanding it again would
    /// never end.
    func isBeingExpanded(_ rowID: String, _ path: [String]) -> Bool {
      frames.contains { frame in frame.rowID == rowID && frame.path.starts(with: path) }
    }
  }
}
