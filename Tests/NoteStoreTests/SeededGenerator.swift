/// SplitMix64: a small seeded generator, so a random test draws the same cases on every run
/// and a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// A string of `0...maxPieces` pieces drawn from `alphabet`.
  mutating func string(from alphabet: [String], maxPieces: Int) -> String {
    (0..<Int.random(in: 0...maxPieces, using: &self)).map { _ in
      alphabet.randomElement(using: &self)!
    }.joined()
  }
}
