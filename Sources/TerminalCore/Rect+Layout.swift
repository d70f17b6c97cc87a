/// Layout helpers: carve a rect into parts for views. All results are clamped to this rect.
extension Rect {
  /// The top `height` rows, and the rest below them.
  public func split(top height: Int) -> (top: Rect, rest: Rect) {
    let h = min(max(0, height), self.height)
    return (
      Rect(x: x, y: y, width: width, height: h),
      Rect(x: x, y: y + h, width: width, height: self.height - h)
    )
  }

  /// The bottom `height` rows, and the rest above them.
  public func split(bottom height: Int) -> (rest: Rect, bottom: Rect) {
    let (rest, bottom) = split(top: self.height - min(max(0, height), self.height))
    return (rest, bottom)
  }

  /// The left `width` columns, and the rest to their right.
  public func split(left width: Int) -> (left: Rect, rest: Rect) {
    let w = min(max(0, width), self.width)
    return (
      Rect(x: x, y: y, width: w, height: height),
      Rect(x: x + w, y: y, width: self.width - w, height: height)
    )
  }

  /// The right `width` columns, and the rest to their left.
  public func split(right width: Int) -> (rest: Rect, right: Rect) {
    let (rest, right) = split(left: self.width - min(max(0, width), self.width))
    return (rest, right)
  }

  /// The rect split into `count` columns of near-equal width; earlier columns get the extra
  /// cells when the width does not divide evenly.
  public func columns(_ count: Int) -> [Rect] {
    guard count > 0 else { return [] }
    let base = width / count
    let extra = width % count
    var left = x
    return (0..<count).map { i in
      let w = base + (i < extra ? 1 : 0)
      defer { left += w }
      return Rect(x: left, y: y, width: w, height: height)
    }
  }

  /// The one-row rect at `offset` rows from the top; empty when `offset` is outside the rect.
  public func row(_ offset: Int) -> Rect {
    guard offset >= 0, offset < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + offset, width: width, height: 1)
  }

  /// Every row of the rect, top to bottom.
  public var rows: [Rect] { (0..<height).map { row($0) } }

  /// The rect shrunk by `amount` cells on every side.
  public func inset(by amount: Int) -> Rect {
    inset(top: amount, left: amount, bottom: amount, right: amount)
  }

  /// The rect shrunk by the given number of cells on each side, never below an empty size.
  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    let newX = x + min(max(0, left), width)
    let newY = y + min(max(0, top), height)
    return Rect(
      x: newX, y: newY,
      width: max(0, width - max(0, left) - max(0, right)),
      height: max(0, height - max(0, top) - max(0, bottom)))
  }
}
