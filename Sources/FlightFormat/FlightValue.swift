/// A decoded flight value: JSON plus the meanings of the `$` strings (spec §2.2).
///
/// References (`.lazy`, `.reference`) are kept as they are; `FlightDocument.resolve(_:)`
/// follows them and `FlightDocument.expand(_:)` replaces them throughout a tree.
public enum FlightValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// Numbers, and `$Infinity`, `$-Infinity`, `$NaN`, `$-0`.
  case number(Double)
  /// A string; a `$$…` string has lost its escaping `$`.
  case string(String)
  case array([FlightValue])
  /// Members in source order; `"$undefined"` members and `__proto__` keys are dropped.
  case object(FlightObject)
  /// A React element tuple `["$", type, key, props (, owner, stack, validated)]`.
  indirect case element(FlightElement)
  /// `$L<id>`: a lazy node for row `id` (client components, streamed subtrees).
  case lazy(rowID: String)
  /// `$<id>` or `$<id>:<path>`: the value of row `id`, walked along `path`.
  case reference(rowID: String, path: [String])
  /// `$@<id>`: a promise for row `id`; `$@` alone never resolves (nil).
  case promise(rowID: String?)
  /// `$S<name>`: `Symbol.for(name)`, e.g. "react.fragment". A bare `"$"` outside an element
  /// tuple is the element marker symbol, "react.element".
  case symbol(String)
  /// `$h<ref>` or the older `$F<ref>`: a server reference (Server Action).
  case serverReference(FlightReferenceTarget)
  /// `$Q<ref>`: a Map built from the `[key, value]` pairs in the target.
  case map(FlightReferenceTarget)
  /// `$W<ref>`: a Set of the target's members.
  case set(FlightReferenceTarget)
  /// `$K<ref>`: FormData from the target's `[name, value]` pairs.
  case formData(FlightReferenceTarget)
  /// `$B<ref>`: a Blob, `[mimeType, parts…]` in the target.
  case blob(FlightReferenceTarget)
  /// `$i<ref>`: a synchronous iterator over the target array.
  case iterator(FlightReferenceTarget)
  /// `$Z` / `$Z<ref>` as a value, or the value of an `E` row.
  indirect case errorValue(FlightErrorValue)
  /// `$D<iso>`: a Date, as its ISO text.
  case date(String)
  /// `$n<digits>`: a BigInt, as its decimal text.
  case bigInt(String)
  /// `$undefined` (kept only in arrays; object members with it are dropped).
  case undefined
  /// `$T<…>`: a temporary reference; only meaningful to the client that sent it.
  case temporaryReference(String)
  /// DEV-only forms kept as written: `$E<source>`, `$Y…`, `$P<ref>`.
  case debugOnly(String)
  /// The value of an `I` row: a client module reference.
  indirect case module(FlightModuleReference)
  /// The value of a length-prefixed binary row (typed array): its tag and bytes.
  case binary(tag: UInt8, bytes: [UInt8])
  /// The value of a stream row (`R` `r` `X` `x`): its items in order.
  indirect case stream(FlightStream)
  /// A reference that could not be followed, or a form that could not be decoded; the text
  /// says why ("row '4' is missing", "reference cycle through row '0'", …).
  case unresolved(String)

  /// The string payload, or nil.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The array payload, or nil.
  public var arrayValue: [FlightValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// The object payload, or nil.
  public var objectValue: FlightObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// The element payload, or nil.
  public var elementValue: FlightElement? {
    if case .element(let element) = self { return element }
    return nil
  }

  /// True for `.lazy` and `.reference`, the forms `resolve` follows.
  public var isReference: Bool {
    switch self {
    case .lazy, .reference: return true
    default: return false
    }
  }
}

/// Object members in source order.
public struct FlightObject: Sendable, Equatable {
  public var members: [(key: String, value: FlightValue)]

  public init(_ members: [(key: String, value: FlightValue)] = []) { self.members = members }

  /// The value of the last member named `key` (last wins, as in `JSON.parse`).
  /// Complexity: O(n); objects in payloads are small.
  public subscript(key: String) -> FlightValue? {
    for member in members.reversed() where member.key == key { return member.value }
    return nil
  }

  public var keys: [String] { members.map(\.key) }
  public var count: Int { members.count }

  public static func == (lhs: FlightObject, rhs: FlightObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}

/// Where a `$Q`/`$W`/`$h`/… form points: a row id and an optional path.
public struct FlightReferenceTarget: Sendable, Equatable, Hashable {
  public let rowID: String
  public let path: [String]

  public init(rowID: String, path: [String] = []) {
    self.rowID = rowID
    self.path = path
  }

  /// The reference this target stands for, for `FlightDocument.resolve`.
  public var reference: FlightValue { .reference(rowID: rowID, path: path) }
}
