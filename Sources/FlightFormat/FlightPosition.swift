/// A byte offset with its 1-based line and column (columns count Unicode scalars).
struct FlightPosition: Equatable, Sendable {
  var offset: Int
  var line: Int
  var column: Int

  static let start = FlightPosition(offset: 0, line: 1, column: 1)

  /// This position moved over `bytes`. Complexity: O(bytes.count).
  func advanced(over bytes: UnsafeBufferPointer<UInt8>) -> FlightPosition {
    var result = self
    result.offset += bytes.count
    // Find the last LF first, so only the tail after it needs scalar counting.
    var lastNewline = -1
    var newlines = 0
    for index in bytes.indices where bytes[index] == 0x0A {
      newlines += 1
      lastNewline = index
    }
    if newlines > 0 {
      result.line += newlines
      result.column = 1
    }
    for index in (lastNewline + 1)..<bytes.count where bytes[index] & 0xC0 != 0x80 {
      result.column += 1
    }
    return result
  }
}

/// Turns offsets into positions for one buffer; the line table is built on first use, so a
/// clean parse pays nothing.
struct FlightLineTable {
  private var lineStarts: [Int]? = nil

  /// The position of `offset` in `bytes`. Complexity: O(log lines + column) after the first
  /// call, which is O(bytes.count).
  mutating func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> FlightPosition {
    if lineStarts == nil {
      var starts = [0]
      for index in bytes.indices where bytes[index] == 0x0A { starts.append(index + 1) }
      lineStarts = starts
    }
    let starts = lineStarts!
    let target = min(max(offset, 0), bytes.count)
    let low = lastIndex(atMost: target, count: starts.count) { starts[$0] }
    var column = 1
    for index in starts[low]..<target where bytes[index] & 0xC0 != 0x80 { column += 1 }
    return FlightPosition(offset: offset, line: low + 1, column: column)
  }
}

/// The index of the last of `count` ascending values (`value(i)`) that is at most `target`, 0
/// when none is: the line holding an offset, the pushed chunk holding a payload byte.
/// Complexity: O(log count).
func lastIndex(atMost target: Int, count: Int, _ value: (Int) -> Int) -> Int {
  var low = 0
  var high = count - 1
  while low < high {
    let middle = (low + high + 1) / 2
    if value(middle) <= target { low = middle } else { high = middle - 1 }
  }
  return low
}
