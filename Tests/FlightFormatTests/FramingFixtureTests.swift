import FlightFormat
import TestSupport
import Testing

@Suite("Framing the real payloads")
struct FramingFixtureTests {
  @Test(
    "row counts and tags match the fixture README", FlightFixture.needsRealWorld,
    arguments: FlightFixture.realWorld)
  func realWorldCountsAndTags(fixture: FlightFixture.RealWorld) throws {
    let document = try FlightDocument.parse(try FlightFixture.realWorldBytes(fixture.file))
    #expect(document.rows.count == fixture.rows)
    #expect(FlightFixture.tagCounts(document.rows) == fixture.tags)
    #expect(document.isHTMLPage == (fixture.flightBytes != nil))
    if let flightBytes = fixture.flightBytes { #expect(document.payload.count == flightBytes) }
    #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
    #expect(document.rows.allSatisfy { $0.ending == .newline || $0.ending == .length })
  }

  /// The sample pages, and the real payloads when the shared samples are there.
  static let allFixtures: [String] =
    (SharedSamples.isPresent(FlightFixture.realWorldFolder)
      ? FlightFixture.realWorld.map { FlightFixture.realWorldFolder + "/" + $0.file } : [])
    + FlightFixture.samplePages.map { "flight/" + $0 }

  @Test(
    "whole, one byte at a time, and split at every row boundary give the same rows",
    arguments: allFixtures)
  func everyChunking(path: String) throws {
    let bytes = try FlightFixture.flightBytes(path)
    let whole = try FlightFixture.frame(bytes, cuttingAt: [])
    #expect(!whole.isEmpty)
    let byteByByte = try FlightFixture.frame(bytes, cuttingAt: Array(1..<bytes.count))
    #expect(byteByByte == whole)
    let boundaries = whole.map(\.offset) + whole.map(\.bodyOffset)
    let atBoundaries = try FlightFixture.frame(bytes, cuttingAt: boundaries.sorted())
    #expect(atBoundaries == whole)
    // Also one byte either side of each header, where the state machine is mid-header.
    let nearBoundaries = whole.flatMap { [$0.offset + 1, $0.bodyOffset - 1] }.sorted()
    #expect(try FlightFixture.frame(bytes, cuttingAt: nearBoundaries) == whole)
  }

  @Test(
    "fixture 01: T rows hold raw newlines and the next header follows the text directly",
    FlightFixture.needsRealWorld)
  func textRowsInFixture01() throws {
    let bytes = try FlightFixture.realWorldBytes("01-2023-next13-neurodiversity-calendar.rsc")
    let document = try FlightDocument.parse(bytes)
    let textRows = document.rows.filter { $0.tag == .text }
    #expect(textRows.count == 17)
    let c = try #require(document.row("c"))
    #expect(c.tag == .text && c.body.count == 0x500)
    #expect(c.ending == .length)
    let next = try #require(document.rows.first { $0.offset == c.bodyOffset + 0x500 })
    #expect(next.id == "d" && next.tag == .text)
    #expect(document.value(ofRow: "c")?.stringValue?.contains("\n") == true)
    #expect(document.rows.first { $0.tag.name == "HL" }?.id == "1")
  }
}
