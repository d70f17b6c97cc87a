import FlightFormat
import TestSupport
import Testing

/// `parse(_:decodingModelRows: false)`: the same framing, rows and errors as `parse(_:)`, with
/// model rows decoded only when asked for.
@Suite("Documents with model rows left undecoded")
struct UndecodedRowsTests {
  /// The sample pages, and three real payloads when the shared samples are there.
  static let names =
    ["flight/tag-gpt-4.rsc.txt", "flight/tag-gpu.rsc.txt"]
    + (SharedSamples.isPresent(FlightFixture.realWorldFolder)
      ? [
        "real-world-flight/02-2023-next13-nextjs-org-docs-typescript.rsc",
        "real-world-flight/06-2024-next14-club-fans-page.html",
        "real-world-flight/08-react19-dev-cinescore.rsc",
      ] : [])

  @Test("every row's value is the eagerly decoded one", arguments: names)
  func sameValues(name: String) throws {
    let bytes = try FlightFixture.bytes(name)
    let eager = try FlightDocument.parse(bytes)
    let lazy = try FlightDocument.parse(bytes, decodingModelRows: false)
    #expect(lazy.rows == eager.rows)
    #expect(lazy.payload == eager.payload)
    #expect(lazy.root == eager.root)
    for row in eager.rows {
      #expect(lazy.value(ofRow: row.id) == eager.value(ofRow: row.id), "row \(row.id)")
      #expect(lazy.row(row.id) == eager.row(row.id))
      #expect(eager.undecodedModelRow(row.id) == nil)
      if let undecoded = lazy.undecodedModelRow(row.id) {
        #expect(undecoded == eager.row(row.id))
        #expect(undecoded.tag == .model || undecoded.tag == .hash)
      }
    }
  }

  @Test("a broken model row is undecoded but has no value; a halted row is neither")
  func brokenAndHaltedRows() throws {
    let bytes = Array("0:[\"$L1\",\"$L2\"]\n1:{\"a\":\n2:\n3:\"$Sreact.fragment\"\n".utf8)
    let lazy = try FlightDocument.parse(bytes, decodingModelRows: false)
    #expect(lazy.undecodedModelRow("1")?.id == "1")
    #expect(lazy.value(ofRow: "1") == nil)
    #expect(lazy.undecodedModelRow("2") == nil)
    #expect(lazy.problem(ofRow: "2") == "row '2' never resolves (halted)")
    #expect(lazy.value(ofRow: "3") == .symbol("react.fragment"))
    #expect(lazy.root == .array([.lazy(rowID: "1"), .lazy(rowID: "2")]))
    #expect(lazy.resolve(.lazy(rowID: "3")) == .symbol("react.fragment"))
    #expect(lazy.resolve(.lazy(rowID: "1")) == .unresolved("row '1' is missing"))
    let eager = try FlightDocument.parse(bytes)
    #expect(eager.resolve(.lazy(rowID: "1")) == .unresolved("row '1' is not valid JSON"))
  }

  @Test("input errors are the same")
  func sameErrors() {
    func failure(_ parse: () throws(FlightError) -> FlightDocument) -> String? {
      do {
        _ = try parse()
        return nil
      } catch {
        return "\(error.line):\(error.column): \(error.message)"
      }
    }
    for text in ["", "J0:[]\n", "<!doctype html><p>hi</p>", "{\"a\":1}", "0:[1]\nX"] {
      let bytes = Array(text.utf8)
      #expect(
        failure { () throws(FlightError) in try FlightDocument.parse(bytes) }
          == failure { () throws(FlightError) in
            try FlightDocument.parse(bytes, decodingModelRows: false)
          }, "\(text)")
    }
  }

  @Test("FlightValue(rowString:) decodes the $ forms")
  func rowStrings() {
    #expect(FlightValue(rowString: "plain") == .string("plain"))
    #expect(FlightValue(rowString: "$$x") == .string("$x"))
    #expect(FlightValue(rowString: "$L1f") == .lazy(rowID: "1f"))
    #expect(
      FlightValue(rowString: "$4:props:children")
        == .reference(rowID: "4", path: ["props", "children"]))
    #expect(FlightValue(rowString: "$undefined") == .undefined)
  }
}
