/// A parsed JSON value. Objects keep their members in source order, because flight payloads and
/// the note store both care about order (tags, children) and React reads duplicate keys last-wins.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The string payload, or nil for any other kind of value.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The array payload, or nil for any other kind of value.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The object payload, or nil for any other kind of value.
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

}

/// A JSON number, kept as its source text so that integers of any size survive a round trip.
public struct JSONNumber: Equatable, Sendable, CustomStringConvertible {
  /// The number exactly as written in the source (already validated against the JSON grammar).
  public let text: String

  public init(text: String) { self.text = text }
  public init(_ value: Int) { self.text = String(value) }

  /// The value as a `Double` (nan if the text is not a number, which a parsed value never is).
  public var double: Double { Double(text) ?? .nan }
  /// The value as an `Int`, when it is an integer that fits.
  public var int: Int? { Int(text) }
  public var description: String { text }
}

/// The members of a JSON object in source order.
public struct JSONObject: Equatable, Sendable {
  public var members: [(key: String, value: JSONValue)]

  public init(_ members: [(key: String, value: JSONValue)] = []) { self.members = members }

  /// The value of the last member named `key` (last wins, as in `JSON.parse`).
  /// Complexity: O(n); objects in payloads and notes are small.
  public subscript(key: String) -> JSONValue? {
    for member in members.reversed() where member.key == key { return member.value }
    return nil
  }

  public var keys: [String] { members.map(\.key) }
  public var count: Int { members.count }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    for (l, r) in zip(lhs.members, rhs.members) where l.key != r.key || l.value != r.value {
      return false
    }
    return true
  }
}
