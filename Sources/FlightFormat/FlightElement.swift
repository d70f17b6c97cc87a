/// A React element decoded from `["$", type, key, props (, owner, stack, validated)]`.
public struct FlightElement: Sendable, Equatable {
  /// `.string("div")` for host tags; `.lazy`/`.reference` for components, fragments, Suspense.
  public let type: FlightValue
  /// The key, or nil for `null`.
  public let key: String?
  /// Props including `children`; `"$undefined"` props are already removed.
  public let props: FlightObject
  /// DEV builds: the owner slot (usually a reference to a component-info row), else nil.
  public let owner: FlightValue?

  public init(type: FlightValue, key: String?, props: FlightObject, owner: FlightValue? = nil) {
    self.type = type
    self.key = key
    self.props = props
    self.owner = owner
  }

  /// The tag name when the type is a plain string ("div", "a", "title").
  public var hostTag: String? { type.stringValue }

  /// `props["children"]`.
  public var children: FlightValue? { props["children"] }

  /// Builds an element from a decoded tuple whose first member was the marker; nil when the
  /// shape does not fit (fewer than 4 slots, or props neither an object nor null).
  static func fromTuple(_ slots: [FlightValue]) -> FlightElement? {
    guard slots.count >= 4 else { return nil }
    let props: FlightObject
    switch slots[3] {
    case .object(let object): props = object
    case .null, .undefined: props = FlightObject()
    default: return nil
    }
    let key: String?
    switch slots[2] {
    case .string(let text): key = text
    case .number(let number): key = number.rounded() == number ? String(Int(number)) : "\(number)"
    default: key = nil
    }
    var owner: FlightValue? = nil
    if slots.count >= 5 {
      switch slots[4] {
      case .null, .undefined: owner = nil
      default: owner = slots[4]
      }
    }
    return FlightElement(type: slots[1], key: key, props: props, owner: owner)
  }
}
