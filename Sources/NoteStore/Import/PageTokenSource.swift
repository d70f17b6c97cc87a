import ByteJSON
import FlightFormat

/// What the page walk reads: the tokens of a model row's bytes (`FlightRowReader`), or of a
/// value already decoded (`ValueTokens`). Both give the same tokens for the same value.
protocol PageTokenSource {
  mutating func next() throws(JSONError) -> FlightToken
  /// Inside an array or element: whether another slot follows.
  mutating func nextItem() throws(JSONError) -> Bool
  /// Inside an object: the next member's name, as the page tells names apart; nil at the end.
  mutating func nextMember() throws(JSONError) -> PageMember?
  mutating func skipValue() throws(JSONError)
  /// After `.element(head)`: moves to the props slot.
  mutating func enterProps(of head: FlightElementHead)
}

/// The member names the page walk tells apart.
enum PageMember {
  case children, href, other
}

extension FlightRowReader: PageTokenSource {
  @inline(__always)
  mutating func nextMember() throws(JSONError) -> PageMember? {
    guard let key = try nextKey() else { return nil }
    if key.is("children") { return .children }
    if key.is("href") { return .href }
    return .other
  }
}

/// The tokens `FlightRowReader` would give for a decoded value, from a list made up front
/// (such values are small: a `T` row's text, what a path reference resolved to).
struct ValueTokens: PageTokenSource {
  enum Item {
    case token(FlightToken)
    case member(PageMember)
    /// The end of an array, object or element.
    case end
  }

  var items: [Item] = []
  var index = 0

  init(_ value: FlightValue) { append(value) }

  mutating func append(_ value: FlightValue) {
    switch value {
    case .string(let text): items.append(.token(.text(FlightText(text))))
    case .number(let number): items.append(.token(.number(number)))
    case .bool(let flag): items.append(.token(.bool(flag)))
    case .null: items.append(.token(.null))
    case .array(let values):
      items.append(.token(.array))
      for item in values { append(item) }
      items.append(.end)
    case .object(let object): append(object)
    case .element(let element):
      let head = FlightElementHead(hostTag: element.hostTag.map(FlightText.init))
      items.append(.token(.element(head)))
      append(element.type)
      append(element.key.map(FlightValue.string) ?? .null)
      append(element.props)
      items.append(.end)
    case .lazy(let id): items.append(.token(.row(FlightRowReference(id: id, isLazy: true))))
    case .reference(let id, let path) where path.isEmpty:
      items.append(.token(.row(FlightRowReference(id: id, isLazy: false))))
    default: items.append(.token(.value(value)))
    }
  }

  mutating func append(_ object: FlightObject) {
    items.append(.token(.object))
    for member in object.members {
      switch member.key {
      case "children": items.append(.member(.children))
      case "href": items.append(.member(.href))
      default: items.append(.member(.other))
      }
      append(member.value)
    }
    items.append(.end)
  }

  mutating func next() -> FlightToken {
    defer { index += 1 }
    guard case .token(let token) = items[index] else {
      preconditionFailure("ValueTokens: a value was asked for where none is")
    }
    return token
  }

  mutating func nextItem() -> Bool {
    guard case .end = items[index] else { return true }
    index += 1
    return false
  }

  mutating func nextMember() -> PageMember? {
    defer { index += 1 }
    switch items[index] {
    case .member(let member): return member
    case .end: return nil
    case .token: preconditionFailure("ValueTokens: a member name was asked for where none is")
    }
  }

  mutating func skipValue() {
    var open = 0
    repeat {
      switch items[index] {
      case .token(.array), .token(.object), .token(.element): open += 1
      case .end: open -= 1
      case .token, .member: break
      }
      index += 1
    } while open > 0
  }

  mutating func enterProps(of head: FlightElementHead) {
    skipValue()  // type
    skipValue()  // key
  }
}
