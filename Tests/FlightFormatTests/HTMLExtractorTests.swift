import FlightFormat
import Testing

@Suite("Flight payloads inside HTML pages")
struct HTMLExtractorTests {
  static let page = """
    <!DOCTYPE html><html><head><script>(self.__next_s=self.__next_s||[]).push([0,{"src":"x"}])\
    </script></head><body><div hidden id="S:0"><template id="P:1"></template></div>\
    <script nonce="">(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([2,null])\
    </script><SCRIPT integrity="sha-x>y">\
    self.__next_f.push([1,"0:{\\"a\\":\\"\\u003cb\\u003e\\"}\\n1:"])\
    </SCRIPT><script>$RC("B:0","S:0")</script>\
    <script>self.__next_f.push([1,"\\"$Sreact.fragment\\"\\n"]);\
    self.__next_f.push([3,"MjpUMyxhYmM="])\
    </script><script id="__NEXT_DATA__" type="application/json">{"props":{}}</script></body></html>
    """

  @Test("types 0/1/2/3, several pushes per script, __next_s and Fizz markup ignored")
  func syntheticPage() throws {
    let extracted = try FlightHTMLExtractor.extract(from: Array(Self.page.utf8))
    #expect(extracted.pushCount == 5)
    #expect(extracted.diagnostics.isEmpty)
    #expect(
      String(decoding: extracted.bytes, as: UTF8.self)
        == "0:{\"a\":\"<b>\"}\n1:\"$Sreact.fragment\"\n2:T3,abc")
    let document = try FlightDocument.parse(Array(Self.page.utf8))
    #expect(document.isHTMLPage)
    #expect(document.root?.objectValue?["a"] == .string("<b>"))
    #expect(document.value(ofRow: "1") == .symbol("react.fragment"))
    #expect(document.value(ofRow: "2") == .string("abc"))
  }

  @Test("a malformed push is an error at its position in the HTML")
  func malformedPush() throws {
    let html =
      "<html>\n<script>self.__next_f.push([0])</script>\n"
      + "<script>self.__next_f.push([1,\"0:1\n\"])</script>"
    do {
      _ = try FlightHTMLExtractor.extractPayload(from: Array(html.utf8))
      Issue.record("no error")
    } catch {
      #expect(error.line == 3 && error.column == 35)
      #expect(
        error.message
          == "malformed self.__next_f.push(...) call: unescaped control character newline in string"
      )
    }
  }

  @Test(
    "data before the [0] push is accepted with a warning; framing errors are placed in the page")
  func lenientBootstrap() throws {
    let html = "<script>self.__next_f.push([1,\"0:1\\n\"])</script>"
    let document = try FlightDocument.parse(Array(html.utf8))
    #expect(document.diagnostics.map(\.kind) == [.missingBootstrap])
    #expect(document.root == .number(1))
    let bad = "<script>self.__next_f.push([0]);self.__next_f.push([1,\"0:1\\nG:2\\n\"])</script>"
    // In the page: the 'G' after the string's `\n` escape, not offset 4 of the payload.
    #expect(
      throws: FlightError(.invalidRowID(found: UInt8(ascii: "G")), offset: 60, line: 1, column: 61)
    ) {
      try FlightDocument.parse(Array(bad.utf8))
    }
  }

  /// A pushed string's escapes stand for fewer bytes than they take in the page, so an error
  /// in the joined payload is mapped back through them, not shifted by a constant.
  @Test("an error in the joined payload names the line and column of its byte in the page")
  func payloadErrorsArePlacedThroughEscapes() throws {
    let page = #"""
      <html>
      <script>self.__next_f.push([0])</script>
      <script>self.__next_f.push([1,"0:\"\u003cé\ud83d\ude00 \\\" \"\nX:1\n"])</script>
      """#
    let error = try #require(throws: FlightError.self) {
      try FlightDocument.parse(Array(page.utf8))
    }
    #expect(
      error.description
        == "3:65: error: expected a row id (lowercase hex digits) followed by ':', found 'X'")
  }

  @Test("an error in a base64 chunk names the base64 digit holding its first bit")
  func payloadErrorsInBase64Chunks() throws {
    // The second push is base64 of "1:2\nG:3\n": 'G' is its byte 4, in digit 5 ('k').
    let page = """
      <script>self.__next_f.push([0]);self.__next_f.push([1,"0:1\\n"])</script>
      <script>self.__next_f.push([3, "MToyCkc6Mwo="])</script>
      """
    let error = try #require(throws: FlightError.self) {
      try FlightDocument.parse(Array(page.utf8))
    }
    #expect(error.line == 2 && error.column == 38)
  }

  @Test("warnings about a page's rows, and row positions, are placed in the page too")
  func rowPositionsAreInThePage() throws {
    // Row 1 is split across two pushes; row 2 starts after the third script's `\n` escape.
    let page = #"""
      <script>self.__next_f.push([0])</script>
      <script>self.__next_f.push([1,"0:[\"a\"]\n1:[1,"])</script>
      <script>self.__next_f.push([1,"2]\n2:{oops}\n"])</script>
      """#
    let document = try FlightDocument.parse(Array(page.utf8))
    #expect(
      document.diagnostics.map(\.description) == [
        "3:39: warning: row '2' is not valid JSON: expected a member name or '}', found 'o'"
      ])
    #expect(document.position(ofPayloadOffset: document.row("1")!.offset).description == "2:43")
    #expect(document.position(ofPayloadOffset: document.row("2")!.offset).description == "3:36")
  }
}
