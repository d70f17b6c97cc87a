import FlightFormat
import Testing

@Suite("FlightFramer: strict headers, end of input")
struct FramerTests {
  func frame(_ text: String) throws(FlightError) -> [FlightRow] {
    var framer = FlightFramer()
    framer.append(Array(text.utf8))
    var rows: [FlightRow] = []
    while let row = try framer.nextRow() { rows.append(row) }
    return rows + (try framer.finish())
  }

  @Test("malformed headers are errors with positions")
  func malformedHeaders() throws {
    #expect(
      throws: FlightError(.invalidRowID(found: UInt8(ascii: "G")), offset: 4, line: 2, column: 1)
    ) {
      try frame("0:1\nG:2\n")
    }
    #expect(throws: FlightError(.rowIDTooLong(limit: 8), offset: 4, line: 2, column: 1)) {
      try frame("0:1\n123456789:2\n")
    }
    let badLength = FlightError(
      .invalidRowLength(rowID: "1", found: UInt8(ascii: "x")), offset: 4, line: 1, column: 5)
    #expect(throws: badLength) { try frame("1:T1x,abc") }
    #expect(
      badLength.description
        == "1:5: error: expected a lowercase hex digit or ',' in the length of row '1', found 'x'")
    #expect(throws: FlightError(.missingHintCode(rowID: "2"), offset: 3, line: 1, column: 4)) {
      try frame("2:H\n")
    }
    #expect(
      throws: FlightError(
        .rowTooLarge(rowID: "1", limit: FlightFramer.maxRowBytes),
        offset: 0, line: 1, column: 1)
    ) { try frame("1:T10000000,") }
    // A T row that ends early (CRLF damage) leaves text where a header should be.
    #expect(
      throws: FlightError(.invalidRowID(found: UInt8(ascii: "x")), offset: 7, line: 1, column: 8)
    ) {
      try frame("1:T2,abxyz:1\n")
    }
  }

  @Test("end of input: truncated header, truncated length row, trailing whitespace")
  func endOfInput() throws {
    var framer = FlightFramer()
    framer.append(Array("0:1\n1:T5,ab".utf8))
    #expect(try framer.nextRow()?.id == "0")
    #expect(try framer.nextRow() == nil)
    let last = try framer.finish()
    #expect(last.map(\.bodyText) == ["ab"])
    #expect(last.first?.ending == .truncated(missingBytes: 3))
    #expect(framer.diagnostics.map(\.kind) == [.truncatedRow(rowID: "1", missingBytes: 3)])

    var header = FlightFramer()
    header.append(Array("0:1\n1f".utf8))
    _ = try header.nextRow()
    #expect(try header.finish().isEmpty)
    #expect(header.diagnostics.map(\.kind) == [.truncatedRowHeader])

    var trailing = FlightFramer()
    trailing.append(Array("\n 0:1\n\n".utf8))
    let rows = try trailing.finish()
    #expect(rows.map(\.offset) == [2])
    #expect(trailing.diagnostics.map(\.kind) == [.trailingWhitespace])

    #expect(throws: FlightError(.noRows, offset: 0, line: 1, column: 1)) { try frame("0") }
    #expect(throws: FlightError(.emptyInput, offset: 0, line: 1, column: 1)) { try frame("") }
  }

  @Test("tags: model, hint codes, unknown tags, '#', and the body slices")
  func tags() throws {
    let rows = try frame("0:[1]\n1:HD\"x.com\"\n2:Q{}\n3:#{}\n4:null\n")
    #expect(rows.map(\.tag.name) == ["model", "HD", "Q", "#", "model"])
    #expect(rows.map(\.bodyText) == ["[1]", "\"x.com\"", "{}", "{}", "null"])
    #expect(rows.map(\.bodyOffset) == [2, 10, 21, 27, 32])
  }
}
