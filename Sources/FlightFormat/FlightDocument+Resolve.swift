extension FlightDocument {
  /// Where a resolved value lives: its row and the path inside it (nil row for a value that
  /// was not a reference).
  struct Landing {
    var value: FlightValue
    var rowID: String?
    var path: [String]
  }

  /// Follows `.lazy` and `.reference` values to what they point at, repeatedly.
  ///
  /// Paths walk objects (by key), arrays (by decimal index) and elements (`props`, `type`,
  /// `key`, `owner`), resolving lazies and references met on the way. Missing rows, bad paths,
  /// cycles and chains longer than `maxResolveHops` give `.unresolved(reason)`. Any other
  /// value is returned unchanged. Complexity: O(hops × path length); never recursive
  /// without bound (each nested step spends a hop).
  public func resolve(_ value: FlightValue) -> FlightValue {
    var budget = FlightDocument.maxResolveHops
    var visited: Set<FlightReferenceTarget> = []
    return locate(value, budget: &budget, visited: &visited).value
  }

  /// `resolve` that also says where the value landed, for `expand`'s cycle check.
  func locate(
    _ value: FlightValue, budget: inout Int, visited: inout Set<FlightReferenceTarget>
  ) -> Landing {
    var current = Landing(value: value, rowID: nil, path: [])
    while true {
      let target: FlightReferenceTarget
      switch current.value {
      case .lazy(let id): target = FlightReferenceTarget(rowID: id)
      case .reference(let id, let path): target = FlightReferenceTarget(rowID: id, path: path)
      default: return current
      }
      guard budget > 0 else {
        return unresolved(
          "more than \(FlightDocument.maxResolveHops) reference hops at row '\(target.rowID)'")
      }
      budget -= 1
      guard visited.insert(target).inserted else {
        return unresolved("reference cycle through row '\(target.rowID)'")
      }
      guard let rowValue = self.value(ofRow: target.rowID) else {
        return unresolved(problems[target.rowID] ?? "row '\(target.rowID)' is missing")
      }
      var landing = Landing(value: rowValue, rowID: target.rowID, path: [])
      for segment in target.path {
        if landing.value.isReference {
          landing = locate(landing.value, budget: &budget, visited: &visited)
          if case .unresolved = landing.value { return landing }
        }
        guard let child = FlightDocument.child(of: landing.value, named: segment) else {
          let path = ([target.rowID] + target.path).joined(separator: ":")
          return unresolved("path '\(path)' has no '\(segment)'")
        }
        landing.value = child
        landing.path.append(segment)
      }
      current = landing
    }
  }

  /// One path step: an object member, an array index, or an element field.
  static func child(of value: FlightValue, named segment: String) -> FlightValue? {
    switch value {
    case .object(let object): return object[segment]
    case .array(let items):
      guard let index = Int(segment), items.indices.contains(index) else { return nil }
      return items[index]
    case .element(let element):
      switch segment {
      case "props", "3": return .object(element.props)
      case "type", "1": return element.type
      case "key", "2": return element.key.map(FlightValue.string) ?? .null
      case "owner", "4": return element.owner ?? .null
      default: return nil
      }
    case .stream(let stream):
      guard let index = Int(segment), stream.items.indices.contains(index) else { return nil }
      return stream.items[index]
    default: return nil
    }
  }

  func unresolved(_ reason: String) -> Landing {
    Landing(value: .unresolved(reason), rowID: nil, path: [])
  }
}
