/// A cell position: `x` is the column and `y` the row, both counted from 0 at the top left.
public struct Point: Sendable, Hashable, CustomStringConvertible {
  /// The column, from 0 at the left edge.
  public var x: Int
  /// The row, from 0 at the top edge.
  public var y: Int

  /// The top-left corner.
  public static let zero = Point(x: 0, y: 0)

  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  /// This point moved by `dx` columns and `dy` rows.
  public func offsetBy(dx: Int = 0, dy: Int = 0) -> Point {
    Point(x: x + dx, y: y + dy)
  }

  public var description: String { "(\(x), \(y))" }
}
