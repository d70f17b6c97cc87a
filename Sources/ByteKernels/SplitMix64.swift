/// A small, fast, seedable random number generator (SplitMix64, Steele, Lea and Flood 2014),
/// so the bench's corpora, the fuzz driver's mutations, the crash harness's runs and random
/// tests are the same on every run of the same seed. The standard library's generator is not
/// seedable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  @inlinable public init(seed: UInt64) { state = seed }

  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// A number in `0..<bound` (bound > 0), by remainder: what every caller's recorded seeds
  /// were drawn with, so it stays, slight bias and all.
  @inlinable public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
