import Diagnostics
import NoteStore
import Testing

/// The page builder's limits: element nesting and page size, each an error at the row where it
/// was reached, found without building what the limit forbids.
@Suite struct FlightImportLimitTests {
  func read(_ payload: String) -> Diagnostic? {
    do {
      _ = try FlightDumpReader().read(Array(payload.utf8), path: "page.rsc")
      return nil
    } catch {
      return error
    }
  }

  @Test func limitValues() {
    #expect(FlightDumpReader.maxElementDepth == 400)
    #expect(FlightDumpReader.maxPageNodes == 4_000_000)
  }

  @Test func elementsNestedThroughRowsStopAtTheDepthLimit() throws {
    // Row n is a div whose child is row n+1: JSON depth stays small, element depth grows two
    // levels a row (the element, then the reference), so row 200 (c8) reaches 400.
    var payload = ""
    for id in 0..<300 {
      payload +=
        String(id, radix: 16) + ":[\"$\",\"div\",null,{\"children\":\"$L"
        + String(id + 1, radix: 16) + "\"}]\n"
    }
    let problem = try #require(read(payload))
    #expect(
      problem.inFile("page.rsc").description
        == "page.rsc:201:1: error: page elements nest deeper than 400 levels, the limit "
        + "(while expanding row 'c8')")
  }

  @Test func rowsSharedTwiceOverStopAtTheNodeLimitQuickly() throws {
    // Row n lists row n-1 twice: 2^60 text nodes if shared rows were expanded blindly; counted
    // again at each reuse, the count passes the limit at row 21 (15) after linear work.
    var payload = "1:\"leaf\"\n"
    for id in 2...61 {
      let previous = String(id - 1, radix: 16)
      payload += String(id, radix: 16) + ":[\"$L\(previous)\",\"$L\(previous)\"]\n"
    }
    payload += "0:[\"$\",\"div\",null,{\"children\":\"$L3d\"}]\n"
    let problem = try #require(read(payload))
    #expect(
      problem.inFile("page.rsc").description
        == "page.rsc:21:1: error: page has more than 4000000 nodes, the limit "
        + "(while expanding row '15')")
  }

  @Test func aCycleOfReferencesEndsWithNoPreviews() throws {
    let problem = try #require(
      read(
        "0:[\"$\",\"div\",null,{\"children\":\"$L1\"}]\n"
          + "1:[\"$\",\"ul\",null,{\"children\":[\"$L0\",\"$L1\"]}]\n"))
    #expect(
      problem.inFile("page.rsc").description
        == "page.rsc:1:1: error: no note previews found (the payload has 2 rows but no link with a "
        + "title beside a nested list)")
  }

  @Test func manyTitleLinksAreFoundInLinearTime() throws {
    // 5,000 previews on one page: counting every link under every ancestor was quadratic.
    var items: [String] = []
    for index in 0..<5_000 {
      items.append(
        "[\"$\",\"div\",null,{\"children\":["
          + "[\"$\",\"a\",null,{\"href\":\"https://example.com/\(index)\",\"children\":\"Note \(index)\"}],"
          + "[\"$\",\"a\",null,{\"href\":\"/tag/t\(index % 7)\",\"children\":\"t\(index % 7)\"}],"
          + "[\"$\",\"ul\",null,{\"children\":[\"$\",\"li\",null,{\"children\":\"point\"}]}]]}]")
    }
    let payload = "0:[\"$\",\"main\",null,{\"children\":[" + items.joined(separator: ",") + "]}]\n"
    let drafts = try FlightDumpReader().read(Array(payload.utf8), path: "page.rsc")
    #expect(drafts.count == 5_000)
    #expect(drafts[4_999].url == "https://example.com/4999")
    #expect(drafts[4_999].title == "Note 4999")
    #expect(drafts[4_999].tags == ["t1"])
    #expect(drafts[4_999].summary.map(\.markup) == ["point"])
  }
}
