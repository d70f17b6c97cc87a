import ByteKernels
import Foundation

/// The bench's draws from `SplitMix64`, so every run builds byte-identical corpora from the
/// same seed.
extension SplitMix64 {
  /// True with probability `percent`/100.
  mutating func percent(_ percent: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) * 100 < percent
  }

  /// A uniform element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Draws ranks 0..<count with probability ∝ 1/(rank + offset): a Zipf–Mandelbrot law, the
/// shape of real tag use (a few tags everywhere, a long tail used a handful of times).
struct ZipfSampler {
  private var cumulative: [Double] = []

  init(count: Int, exponent: Double = 1.0, offset: Double = 3) {
    var total = 0.0
    cumulative.reserveCapacity(count)
    for rank in 0..<count {
      total += 1 / pow(Double(rank) + offset, exponent)
      cumulative.append(total)
    }
    cumulative = cumulative.map { $0 / total }
  }

  func sample(_ random: inout SplitMix64) -> Int {
    let target = Double(random.next() >> 11) / Double(1 << 53)
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
