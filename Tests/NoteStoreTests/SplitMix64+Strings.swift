import ByteKernels

/// Random tests draw from `SplitMix64`, so they draw the same cases on every run and a failure
/// can be replayed.
extension SplitMix64 {
  /// A string of `0...maxPieces` pieces drawn from `alphabet`.
  mutating func string(from alphabet: [String], maxPieces: Int) -> String {
    (0..<Int.random(in: 0...maxPieces, using: &self)).map { _ in
      alphabet.randomElement(using: &self)!
    }.joined()
  }
}
