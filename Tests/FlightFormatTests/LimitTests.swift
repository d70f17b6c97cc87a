import ByteJSON
import FlightFormat
import Testing

/// The named limits of the flight parser: each input past one ends quickly, with memory in
/// proportion to the input, and with the exact error or diagnostic at its position.
@Suite("Parser limits")
struct LimitTests {
  @Test("the limits have the documented values")
  func values() {
    #expect(FlightFramer.maxRowBytes == 67_108_864)
    #expect(FlightFramer.maxRows == 1_048_576)
    #expect(FlightFramer.maxRowIDDigits == 8)
    #expect(FlightDocument.maxNestingDepth == 512)
    #expect(FlightDocument.maxStringBytes == 16_777_216)
    #expect(FlightDocument.maxResolveHops == 64)
    #expect(FlightDocument.maxExpandDepth == 512)
    #expect(FlightDocument.maxExpandedNodes == 2_097_152)
    #expect(JSONReader.defaultMaxDepth == 512)
    #expect(JSONReader.defaultMaxStringBytes == 67_108_864)
  }

  @Test("a 100 MB single line is one row over the limit: an error at its header")
  func hundredMegabyteLine() throws {
    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000_000)
    bytes.replaceSubrange(0..<9, with: Array("1:\"x\"\n0:\"".utf8))
    bytes.replaceSubrange((bytes.count - 2)..., with: Array("\"\n".utf8))
    let error = FlightError(
      .rowTooLarge(rowID: "0", limit: FlightFramer.maxRowBytes), offset: 6, line: 2, column: 1)
    #expect(throws: error) { try FlightDocument.parse(bytes) }
    #expect(error.description == "2:1: error: row '0' is longer than the limit of 67108864 bytes")
  }

  @Test("JSON nested 10,000 deep: the row stays opaque with a diagnostic; no deep recursion")
  func tenThousandDeep() throws {
    let deep =
      "0:" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    let document = try FlightDocument.parse(Array(deep.utf8))
    #expect(document.diagnostics.map(\.kind) == [.tooDeep(rowID: "0", limit: 512)])
    #expect(
      document.diagnostics.map(\.description) == [
        "1:515: warning: row '0' nests arrays and objects deeper than 512 levels; row kept opaque"
      ])
    #expect(document.root == nil)
    #expect(
      document.resolve(.lazy(rowID: "0")) == .unresolved("row '0' nests deeper than 512 levels"))
    // Objects count the same as arrays.
    let objects =
      "0:" + String(repeating: "{\"a\":", count: 10_000) + "1"
      + String(repeating: "}", count: 10_000) + "\n"
    let objectDocument = try FlightDocument.parse(Array(objects.utf8))
    #expect(objectDocument.diagnostics.map(\.kind) == [.tooDeep(rowID: "0", limit: 512)])
  }

  @Test("a JSON string over 16 MiB makes its row opaque; a T row of that size is fine")
  func longString() throws {
    var bytes = [UInt8](repeating: UInt8(ascii: "s"), count: FlightDocument.maxStringBytes + 14)
    bytes.replaceSubrange(0..<3, with: Array("0:\"".utf8))
    bytes.replaceSubrange((bytes.count - 10)..., with: Array("\"\n1:T3,abc".utf8))
    let document = try FlightDocument.parse(bytes)
    #expect(
      document.diagnostics.map(\.kind) == [
        .invalidJSON(rowID: "0", reason: "string longer than 16777216 bytes")
      ])
    #expect(document.diagnostics.first?.column == 4)
    #expect(document.root == nil)
    #expect(document.value(ofRow: "1") == .string("abc"))

    let text = String(repeating: "t", count: FlightDocument.maxStringBytes + 1)
    let textRow = "0:T" + String(text.utf8.count, radix: 16) + "," + text
    #expect(
      try FlightDocument.parse(Array(textRow.utf8)).root?.stringValue?.utf8.count == text.utf8.count
    )
  }

  @Test("more rows than the limit: an error at the first row past it")
  func tooManyRows() throws {
    let rowCount = FlightFramer.maxRows + 1
    var bytes: [UInt8] = []
    bytes.reserveCapacity(rowCount * 4)
    for _ in 0..<rowCount { bytes.append(contentsOf: [0x30, 0x3A, 0x31, 0x0A]) }  // "0:1\n"
    let error = FlightError(
      .tooManyRows(limit: FlightFramer.maxRows), offset: FlightFramer.maxRows * 4,
      line: FlightFramer.maxRows + 1, column: 1)
    #expect(throws: error) { try FlightDocument.parse(bytes) }
    #expect(
      error.description
        == "1048577:1: error: payload has more than 1048576 rows, the limit for one page")
  }

  @Test("a cycle of references resolves to an explanation, in resolve and in expand")
  func referenceCycle() throws {
    let document = try FlightDocument.parse(Array("0:\"$1\"\n1:\"$2\"\n2:\"$0\"\n".utf8))
    #expect(
      document.resolve(.reference(rowID: "0", path: []))
        == .unresolved(
          "reference cycle through row '0'"))
    #expect(document.expand(.lazy(rowID: "1")) == .unresolved("reference cycle through row '1'"))
    let nested = try FlightDocument.parse(
      Array("0:{\"a\":[\"$L1\"]}\n1:{\"b\":\"$L0\"}\n".utf8))
    #expect(
      nested.expand(.lazy(rowID: "0"))
        == .object(
          FlightObject([
            (
              "a",
              .array([
                .object(FlightObject([("b", .unresolved("reference cycle back to '0'"))]))
              ])
            )
          ])))
  }

  @Test("a reference to a missing row, and a chain longer than the hop limit")
  func missingRowAndLongChain() throws {
    let document = try FlightDocument.parse(Array("0:[\"$L7\",\"$9:a\"]\n".utf8))
    #expect(
      document.expand(.lazy(rowID: "0"))
        == .array([.unresolved("row '7' is missing"), .unresolved("row '9' is missing")]))
    // Rows 1…100, each a reference to the next: resolve gives up after 64 hops.
    var chain = ""
    for id in 1...100 {
      chain += String(id, radix: 16) + ":\"$" + String(id + 1, radix: 16) + "\"\n"
    }
    chain += "65:1\n"
    let long = try FlightDocument.parse(Array(chain.utf8))
    #expect(
      long.resolve(.lazy(rowID: "1")) == .unresolved("more than 64 reference hops at row '41'"))
  }
}
