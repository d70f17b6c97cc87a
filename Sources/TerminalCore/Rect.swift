/// A rectangle of cells: an origin (top-left corner) and a size.
///
/// `maxX` and `maxY` are exclusive, so a rect at x 2 with width 3 covers columns 2, 3 and 4.
/// Layout helpers (`split`, `inset`, `row`) live in `Rect+Layout.swift`; they clamp instead of
/// producing negative sizes, so views can lay out freely on tiny terminals.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
  /// The top-left corner.
  public var origin: Point
  /// The width and height; never negative.
  public var size: Size

  public init(origin: Point, size: Size) {
    self.origin = origin
    self.size = size
  }

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.init(origin: Point(x: x, y: y), size: Size(width: width, height: height))
  }

  /// A rect at the origin covering `size`.
  public init(size: Size) {
    self.init(origin: .zero, size: size)
  }

  public var x: Int { origin.x }
  public var y: Int { origin.y }
  public var width: Int { size.width }
  public var height: Int { size.height }
  public var minX: Int { origin.x }
  public var minY: Int { origin.y }
  /// One past the rightmost column.
  public var maxX: Int { origin.x + size.width }
  /// One past the bottom row.
  public var maxY: Int { origin.y + size.height }
  /// Whether the rect covers no cell.
  public var isEmpty: Bool { size.isEmpty }

  /// Whether `point` lies inside the rect.
  public func contains(_ point: Point) -> Bool {
    point.x >= minX && point.x < maxX && point.y >= minY && point.y < maxY
  }

  /// The cells both rects cover; an empty rect (at this rect's origin) when they do not meet.
  public func intersection(_ other: Rect) -> Rect {
    let left = max(minX, other.minX)
    let top = max(minY, other.minY)
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    if right <= left || bottom <= top { return Rect(origin: origin, size: .zero) }
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  public var description: String { "\(origin) \(size)" }
}
