import Foundation

/// A small deterministic random number generator (SplitMix64), so every run of the bench
/// builds byte-identical corpora from the same seed. Foundation's randomness is not seedable.
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// A uniform integer in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

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

  func sample(_ random: inout SeededRandom) -> Int {
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
