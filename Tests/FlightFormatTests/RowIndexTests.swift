import FlightFormat
import TestSupport
import Testing

/// `definitionIndex(ofRowID:)`, the look-up the page builder makes for each reference it reads
/// from row bytes, must find exactly the row `definitionIndex(ofRow:)` finds for the same text.
@Suite("Row definitions found by an id's bytes")
struct RowIndexTests {
  static func index(_ document: FlightDocument, _ id: String) -> Int? {
    Array(id.utf8).withUnsafeBufferPointer { document.definitionIndex(ofRowID: $0) }
  }

  @Test("ids that differ as text are different rows, whatever their number")
  func idsAsText() throws {
    let text =
      "1:\"one\"\n01:\"zero one\"\n0:[]\n"
      + "fffffff:\"far\"\n1:\"again\"\na:T3,abc:HL[\"x\"]\n00:\"double zero\"\n"
    let document = try FlightDocument.parse(Array(text.utf8), decodingModelRows: false)
    let ids = ["1", "01", "0", "00", "fffffff", "a", "", "2", "10", "ffffffff", "A", "1g"]
    for id in ids {
      #expect(Self.index(document, id) == document.definitionIndex(ofRow: id), "\(id)")
    }
    #expect(Self.index(document, "1") == 0)
    #expect(Self.index(document, "01") == 1)
    #expect(Self.index(document, "fffffff") == 3)
    #expect(Self.index(document, "2") == nil)
    #expect(document.undecodedModelRow(at: 0)?.body.elementsEqual(Array("\"one\"".utf8)) == true)
    #expect(document.undecodedModelRow(at: 5) == nil)  // a text row has a value, not a body
    #expect(document.value(ofRowAt: 5) == .string("abc"))
    #expect(document.value(ofRowAt: 1) == .string("zero one"))
  }

  @Test("every row of a real page is found by its id's bytes")
  func realPage() throws {
    let document = try FlightDocument.parse(
      try Fixtures.bytes("flight/tag-gpu.rsc.txt"), decodingModelRows: false)
    for row in document.rows {
      #expect(Self.index(document, row.id) == document.definitionIndex(ofRow: row.id))
    }
  }
}
