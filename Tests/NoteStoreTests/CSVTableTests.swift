import ByteJSON
import Diagnostics
import TestSupport
import Testing

@testable import NoteStore

/// The one CSV parser (RFC 4180) and the date forms the exports write.
@Suite struct CSVTableTests {
  func table(_ text: String) throws -> CSVTable { try CSVTable.parse(Array(text.utf8)) }

  @Test func quotedFieldsBlankLinesByteOrderMarkAndStrayQuotes() throws {
    let table = try table("\u{FEFF}a,b,c\r\n\r\n\"x,\"\"y\"\"\nz\",,say \"hi\"\n\n1,2,3")
    #expect(table.header.fields == ["a", "b", "c"])
    #expect(table.records.map(\.fields) == [["x,\"y\"\nz", "", "say \"hi\""], ["1", "2", "3"]])
    // Positions skip the byte-order mark and count the quoted line break.
    #expect(table.position(of: table.header.offsets[0]) == TextPosition(line: 1, column: 1))
    #expect(table.position(of: table.records[0].offsets[2]) == TextPosition(line: 4, column: 5))
    #expect(table.position(of: table.records[1].offsets[1]) == TextPosition(line: 6, column: 3))
  }

  @Test func headerFieldsAreSniffedFromTheFirstLineOnly() {
    #expect(CSVTable.headerFields(of: Array(" Title ,URL\nx".utf8)) == ["title", "url"])
    #expect(CSVTable.headerFields(of: Array("# Heading\na,b".utf8)) == nil)
    #expect(CSVTable.headerFields(of: Array("\"open,b\nc\"".utf8)) == nil)
  }

  @Test func isoDatesWithFractionsAndOffsets() {
    func iso(_ text: String) -> String? { Timestamp(lenientISO8601: text)?.iso8601 }
    #expect(iso("2024-06-11T08:15:30.123Z") == "2024-06-11T08:15:30Z")
    #expect(iso("2024-02-15T09:19:32-03:00") == "2024-02-15T12:19:32Z")
    #expect(iso("2024-02-15 09:19:32+0530") == "2024-02-15T03:49:32Z")
    #expect(iso("2024-02-15T09:19:32") == "2024-02-15T09:19:32Z")
    #expect(iso("2024-02-15") == "2024-02-15T00:00:00Z")
    #expect(iso("2024-02-15T09:19") == nil)
    #expect(iso("2024-02-15T09:19:32 (UTC)") == nil)
  }

  @Test func unixTimesInSecondsMillisecondsAndMicroseconds() {
    let instant = "2021-03-21T14:39:19Z"
    #expect(Timestamp(unixTime: "1616337559")?.iso8601 == instant)
    #expect(Timestamp(unixTime: "1616337559000")?.iso8601 == instant)
    #expect(Timestamp(unixTime: "1616337559000000")?.iso8601 == instant)
    #expect(Timestamp(unixTime: "-1") == nil)
    #expect(Timestamp(unixTime: "") == nil)
  }
}
