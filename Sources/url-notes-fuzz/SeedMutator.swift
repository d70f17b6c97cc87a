import ByteKernels

/// A deterministic stream of mutated inputs: byte flips, insertions of syntax the parsers care
/// about, deletions, duplications, truncations and splices of two seeds.
///
/// Not a coverage-guided fuzzer (libFuzzer is, see .ci/fuzz); it lets a normal build shake the
/// parsers the same way on every run.
struct SeedMutator {
  let seeds: [[UInt8]]
  var generator: SplitMix64

  /// Byte strings with a meaning to some parser: row headers, `$` forms, JSON and HTML syntax.
  static let tokens: [[UInt8]] = [
    "\n", "0:", ":T", "10,", "\"$L1\"", "\"$1:a:b\"", "[\"$\",\"div\",null,{", "{\"children\":",
    "\\u", "\\ud800", "\"", "[", "]", "{", "}", "self.__next_f.push([1,\"", "<script>",
    "</script>", "<DT><A HREF=\"", "# ", "- ", "* [", "](", "\r\n", "\u{FEFF}", "\u{FF}",
  ].map { Array($0.utf8) }

  init(seeds: [[UInt8]], seed: UInt64) {
    self.seeds = seeds.isEmpty ? [[]] : seeds
    generator = SplitMix64(seed: seed)
  }

  /// A number in `0..<bound`; 0 for an empty range.
  mutating func random(_ bound: Int) -> Int {
    // Drawn even for an empty range, so a seed's stream does not depend on the inputs.
    let value = generator.next()
    return bound <= 0 ? 0 : Int(value % UInt64(bound))
  }

  mutating func next() -> [UInt8] {
    var bytes = seeds[random(seeds.count)]
    for _ in 0...random(4) { mutate(&bytes) }
    return bytes
  }

  mutating func mutate(_ bytes: inout [UInt8]) {
    let at = random(bytes.count + 1)
    switch random(6) {
    case 0 where !bytes.isEmpty:
      bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random(256))
    case 1: bytes.insert(contentsOf: SeedMutator.tokens[random(SeedMutator.tokens.count)], at: at)
    case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random(64)))
    case 3:
      let end = min(bytes.count, at + 1 + random(256))
      bytes.insert(contentsOf: bytes[at..<end], at: at)
    case 4: bytes.removeSubrange(at...)
    default:
      let other = seeds[random(seeds.count)]
      let from = random(other.count + 1)
      bytes = Array(bytes[..<at]) + other[from...]
    }
  }
}
