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

  @Test("data before the [0] push is accepted with a warning; framing errors are marked")
  func lenientBootstrap() throws {
    let html = "<script>self.__next_f.push([1,\"0:1\\n\"])</script>"
    let document = try FlightDocument.parse(Array(html.utf8))
    #expect(document.diagnostics.map(\.kind) == [.missingBootstrap])
    #expect(document.root == .number(1))
    let bad = "<script>self.__next_f.push([0]);self.__next_f.push([1,\"0:1\\nG:2\\n\"])</script>"
    #expect(
      throws: FlightError(
        .invalidRowID(found: UInt8(ascii: "G")), offset: 4, line: 2, column: 1,
        inExtractedPayload: true)
    ) {
      try FlightDocument.parse(Array(bad.utf8))
    }
  }
}
