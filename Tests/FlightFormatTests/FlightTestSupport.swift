import FlightFormat
import TestSupport
import Testing

/// Fixture facts and helpers shared by the FlightFormat tests.
enum FlightFixture {
  /// The real-world payloads with the row counts and tags their README lists.
  struct RealWorld: Sendable, CustomStringConvertible {
    let file: String
    let rows: Int
    let tags: [String: Int]
    /// For HTML pages: the flight byte count of the joined payload.
    let flightBytes: Int?
    var description: String { file }
  }

  static let realWorld: [RealWorld] = [
    RealWorld(
      file: "01-2023-next13-neurodiversity-calendar.rsc", rows: 30,
      tags: ["HL": 2, "I": 8, "T": 17, "model": 3], flightBytes: nil),
    RealWorld(
      file: "02-2023-next13-nextjs-org-docs-typescript.rsc", rows: 26,
      tags: ["HL": 4, "I": 19, "model": 3], flightBytes: nil),
    RealWorld(
      file: "03-2024-alvar-dev-about.rsc", rows: 14, tags: ["I": 5, "model": 9], flightBytes: nil),
    RealWorld(
      file: "04-2024-nextjs-org-showcase.rsc", rows: 22, tags: ["I": 17, "model": 5],
      flightBytes: nil),
    RealWorld(
      file: "05-2024-gh-fredkiss-server-action.rsc", rows: 3, tags: ["model": 3], flightBytes: nil),
    RealWorld(
      file: "06-2024-next14-club-fans-page.html", rows: 33,
      tags: ["HL": 4, "I": 18, "model": 11], flightBytes: 24_206),
    RealWorld(
      file: "07-2025-next15-mintstars-page.html", rows: 42,
      tags: ["HL": 4, "I": 29, "model": 9], flightBytes: 41_908),
    RealWorld(
      file: "08-react19-dev-cinescore.rsc", rows: 12, tags: ["D": 4, "model": 8], flightBytes: nil),
  ]

  static let samplePages = ["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt", "tag-hardware.rsc.txt"]

  /// The real payloads live outside the repository, in `../shared/samples/real-world-flight`.
  static let realWorldFolder = "real-world-flight"

  /// Skips a test that reads the real payloads when they are absent.
  static var needsRealWorld: ConditionTrait { SharedSamples.required(realWorldFolder) }

  static func realWorldBytes(_ file: String) throws -> [UInt8] {
    try SharedSamples.bytes(realWorldFolder + "/" + file)
  }

  static func sample(_ file: String) throws -> [UInt8] { try Fixtures.bytes("flight/" + file) }

  /// The flight bytes of a fixture: the file itself, or the payload of an HTML page. A path
  /// under `real-world-flight/` is read from the shared samples.
  static func flightBytes(_ path: String) throws -> [UInt8] {
    let bytes = try Self.bytes(path)
    return path.hasSuffix(".html") ? try FlightHTMLExtractor.extractPayload(from: bytes) : bytes
  }

  /// A fixture's bytes: `real-world-flight/…` from the shared samples, the rest from
  /// Tests/Fixtures.
  static func bytes(_ path: String) throws -> [UInt8] {
    path.hasPrefix(realWorldFolder + "/")
      ? try SharedSamples.bytes(path) : try Fixtures.bytes(path)
  }

  /// Frames `bytes` fed in the given chunks.
  static func frame(_ bytes: [UInt8], cuttingAt cuts: [Int]) throws -> [FlightRow] {
    var framer = FlightFramer()
    var rows: [FlightRow] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut > start {
      framer.append(bytes[start..<cut])
      while let row = try framer.nextRow() { rows.append(row) }
      start = cut
    }
    rows += try framer.finish()
    return rows
  }

  static func tagCounts(_ rows: [FlightRow]) -> [String: Int] {
    rows.reduce(into: [:]) { $0[$1.tag.name, default: 0] += 1 }
  }

  static func parse(_ text: String) throws(FlightError) -> FlightDocument {
    try FlightDocument.parse(Array(text.utf8))
  }

  /// Every value in a tree, depth first (references are not followed).
  static func allValues(_ value: FlightValue) -> [FlightValue] {
    var result: [FlightValue] = []
    var stack = [value]
    while let next = stack.popLast() {
      result.append(next)
      switch next {
      case .array(let items): stack += items.reversed()
      case .object(let object): stack += object.members.map(\.value).reversed()
      case .element(let element):
        stack += [.object(element.props), element.type] + (element.owner.map { [$0] } ?? [])
      default: break
      }
    }
    return result
  }

  /// Every value of every decoded row of a document, each id once.
  static func allValues(_ document: FlightDocument) -> [FlightValue] {
    var seen: Set<String> = []
    let ids = document.rows.map(\.id).filter { seen.insert($0).inserted }
    return ids.flatMap { id in document.value(ofRow: id).map(allValues) ?? [] }
  }

  /// The bytes with every occurrence of `needle` replaced by `replacement` once, at the first
  /// match.
  static func replacingFirst(_ needle: String, with replacement: [UInt8], in bytes: [UInt8])
    -> [UInt8]?
  {
    let pattern = Array(needle.utf8)
    guard bytes.count >= pattern.count else { return nil }
    for index in 0...(bytes.count - pattern.count)
    where bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
      return Array(bytes[..<index]) + replacement + Array(bytes[(index + pattern.count)...])
    }
    return nil
  }
}
