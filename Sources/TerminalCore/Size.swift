/// A size in terminal cells. Negative values are clamped to 0 on creation.
public struct Size: Sendable, Hashable, CustomStringConvertible {
  /// The number of columns.
  public var width: Int
  /// The number of rows.
  public var height: Int

  /// An empty size.
  public static let zero = Size(width: 0, height: 0)

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The number of cells, `width * height`.
  public var area: Int { width * height }

  /// Whether either dimension is 0.
  public var isEmpty: Bool { width == 0 || height == 0 }

  public var description: String { "\(width)x\(height)" }
}
