/// A mouse event at a cell: a wheel step or a button press.
public struct MouseEvent: Sendable, Hashable, CustomStringConvertible {
  /// What happened.
  public enum Action: Sendable, Hashable {
    case wheelUp, wheelDown
    /// A button went down: 1 is the left button, 2 the middle, 3 the right.
    case press(button: Int)
  }

  public var action: Action
  /// The cell under the pointer.
  public var position: Point

  public init(_ action: Action, at position: Point) {
    self.action = action
    self.position = position
  }

  public var description: String {
    switch action {
    case .wheelUp: return "WheelUp\(position)"
    case .wheelDown: return "WheelDown\(position)"
    case .press(let button): return "Mouse\(button)\(position)"
    }
  }
}
