/// Selection and scroll position of a list of `count` items shown `pageSize` items at a time.
///
/// The selection is always a valid index (or 0 when the list is empty) and the offset always
/// keeps the selection on screen: every mutating call re-establishes both, so views can trust
/// `offset` without clamping. The list's items live elsewhere; this is view state only.
public struct ListState: Equatable, Sendable {
  /// Number of items in the list.
  public private(set) var count: Int
  /// Index of the selected item.
  public private(set) var selection: Int = 0
  /// Index of the first item shown.
  public private(set) var offset: Int = 0
  /// How many items fit on screen; set by the view before it draws.
  public private(set) var pageSize: Int = 1

  public init(count: Int = 0) {
    self.count = max(0, count)
  }

  /// Changes the number of items, keeping the selection where it was when still valid.
  public mutating func setCount(_ newCount: Int) {
    count = max(0, newCount)
    clamp()
  }

  /// Sets how many items are visible (at least 1) and scrolls so the selection stays visible.
  public mutating func setPageSize(_ size: Int) {
    pageSize = max(1, size)
    clamp()
  }

  /// Selects item `index`, clamped to the list.
  public mutating func select(_ index: Int) {
    selection = index
    clamp()
  }

  /// Moves the selection by `delta` items (negative is up), stopping at the ends.
  public mutating func move(by delta: Int) { select(selection + delta) }

  /// Moves one page down; the page scrolls with the selection, as in `less`.
  public mutating func pageDown() {
    let step = max(1, pageSize - 1)
    selection += step
    offset += step
    clamp()
  }

  /// Moves one page up.
  public mutating func pageUp() {
    let step = max(1, pageSize - 1)
    selection -= step
    offset -= step
    clamp()
  }

  /// Scrolls the view by `delta` items, moving the selection only as far as needed to keep it
  /// on screen (for pages that read rather than select, such as help).
  public mutating func scroll(by delta: Int) {
    offset = min(max(0, offset + delta), max(0, count - pageSize))
    selection = min(max(selection, offset), offset + pageSize - 1)
    clamp()
  }

  /// Selects the first item.
  public mutating func top() { select(0) }

  /// Selects the last item.
  public mutating func bottom() { select(count - 1) }

  /// The indices on screen, `offset..<min(offset + pageSize, count)`.
  public var visibleRange: Range<Int> { offset..<min(offset + pageSize, count) }

  /// For items of different heights (`height(index)` rows each) shown in `rows` rows: scrolls
  /// as little as needed for the selected item to show whole (from its top when it is taller
  /// than `rows`), leaves no empty rows below the last item while earlier ones are hidden, and
  /// sets `pageSize` to the items that then fit whole. Call it after every change.
  public mutating func fit(rows: Int, height: (Int) -> Int) {
    guard count > 0 else {
      offset = 0
      pageSize = 1
      return
    }
    offset = min(offset, selection)
    var used = (offset...selection).reduce(0) { $0 + height($1) }
    while offset < selection, used > rows {
      used -= height(offset)
      offset += 1
    }
    var tail = 0
    for index in offset..<count {
      tail += height(index)
      if tail > rows { break }
    }
    while offset > 0, tail + height(offset - 1) <= rows {
      offset -= 1
      tail += height(offset)
    }
    var fitting = 0
    var total = 0
    for index in offset..<count {
      total += height(index)
      if total > rows { break }
      fitting += 1
    }
    pageSize = max(1, fitting)
  }

  private mutating func clamp() {
    selection = count == 0 ? 0 : min(max(0, selection), count - 1)
    offset = min(max(0, offset), max(0, count - pageSize))
    if selection < offset { offset = selection }
    if selection >= offset + pageSize { offset = selection - pageSize + 1 }
  }
}
