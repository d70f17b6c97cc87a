import FlightFormat
import TestSupport
import Testing

/// Spec §7: mutated copies of the real payloads and of the url-notes pages.
@Suite("Robustness (spec §7)")
struct EdgeCaseTests {
  static let fixture01 = "01-2023-next13-neurodiversity-calendar.rsc"
  static let fixture02 = "02-2023-next13-nextjs-org-docs-typescript.rsc"

  @Test("a UTF-8 BOM is stripped with a note")
  func byteOrderMark() throws {
    let plain = try FlightFixture.sample("tag-gpt-4.rsc.txt")
    let document = try FlightDocument.parse([0xEF, 0xBB, 0xBF] + plain)
    #expect(document.rows == (try FlightDocument.parse(plain)).rows)
    #expect(document.diagnostics.map(\.kind) == [.byteOrderMarkRemoved])
    #expect(document.root != nil)
  }

  @Test("UTF-16LE with a BOM is transcoded")
  func utf16() throws {
    let plain = try FlightFixture.sample("tag-hardware.rsc.txt")
    let text = String(decoding: plain, as: UTF8.self)
    let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let document = try FlightDocument.parse(utf16)
    let original = try FlightDocument.parse(plain)
    #expect(document.diagnostics.map(\.kind) == [.transcodedFromUTF16(bigEndian: false)])
    #expect(document.rows.count == original.rows.count)
    #expect(document.root == original.root)
    #expect(document.expand(.lazy(rowID: "4")) == original.expand(.lazy(rowID: "4")))
  }

  @Test(
    "CRLF: fixture 01's T rows frame after the retry; tag-gpt-4 frames as it is",
    FlightFixture.needsRealWorld)
  func crlf() throws {
    let plain = try FlightFixture.realWorldBytes(Self.fixture01)
    let converted = plain.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    let document = try FlightDocument.parse(converted)
    #expect(document.rows.count == 30)
    #expect(document.diagnostics.map(\.kind) == [.crlfConverted])
    #expect(document.diagnostics.first?.line == 1)
    let original = try FlightDocument.parse(plain)
    #expect(document.value(ofRow: "c") == original.value(ofRow: "c"))

    let page = try FlightFixture.sample("tag-gpt-4.rsc.txt")
    let pageCRLF = page.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    let pageDocument = try FlightDocument.parse(pageCRLF)
    #expect(pageDocument.diagnostics.isEmpty)
    #expect(pageDocument.root == (try FlightDocument.parse(page)).root)
    #expect(pageDocument.resolve(.lazy(rowID: "d")).arrayValue?.count == 1)
  }

  @Test("a missing final newline keeps the row with a warning")
  func missingFinalNewline() throws {
    let page = try FlightFixture.sample("tag-gpt-4.rsc.txt")
    let document = try FlightDocument.parse(Array(page.dropLast()))
    #expect(document.rows.last?.ending == .endOfInput)
    #expect(document.diagnostics.map(\.kind) == [.missingFinalNewline(rowID: "d")])
    #expect(document.value(ofRow: "d") == .reference(rowID: "8", path: ["metadata"]))
  }

  @Test(
    "cut inside a T row: complete rows stay, the text is partial and flagged",
    FlightFixture.needsRealWorld)
  func cutInTextRow() throws {
    let bytes = try FlightFixture.realWorldBytes(Self.fixture01)
    let c = try #require(try FlightDocument.parse(bytes).row("c"))
    let cut = Array(bytes[..<(c.bodyOffset + 100)])
    let document = try FlightDocument.parse(cut)
    #expect(document.rows.last?.id == "c")
    #expect(document.rows.last?.ending == .truncated(missingBytes: 0x500 - 100))
    #expect(
      document.diagnostics.map(\.kind) == [.truncatedRow(rowID: "c", missingBytes: 0x500 - 100)])
    #expect(document.diagnostics.first?.offset == c.offset)
    #expect(document.value(ofRow: "c")?.stringValue?.utf8.count == 100)
    #expect(
      document.diagnostics.first?.message
        == "truncated row 'c': 1180 bytes cut off at the end of the input")
  }

  @Test("cut inside a JSON row: the row is dropped and named", FlightFixture.needsRealWorld)
  func cutInJSONRow() throws {
    let bytes = try FlightFixture.realWorldBytes(Self.fixture02)
    let full = try FlightDocument.parse(bytes)
    let row3 = try #require(full.row("3"))
    let document = try FlightDocument.parse(Array(bytes[..<(row3.bodyOffset + 5000)]))
    #expect(document.rows.count == full.rows.firstIndex(of: row3)! + 1)
    #expect(document.diagnostics.map(\.kind) == [.truncatedRow(rowID: "3", missingBytes: nil)])
    #expect(document.value(ofRow: "3") == nil)
    #expect(
      document.resolve(.reference(rowID: "3", path: []))
        == .unresolved("row '3' was cut off at the end of the input"))
  }

  @Test("a duplicated model row: the first wins, with a warning")
  func duplicateRow() throws {
    let page = try FlightFixture.sample("tag-gpu.rsc.txt")
    let original = try FlightDocument.parse(page)
    let document = try FlightDocument.parse(page + Array("6:{\"other\":true}\n".utf8))
    let first = try #require(original.row("6"))
    #expect(
      document.diagnostics.map(\.kind) == [.duplicateRow(rowID: "6", firstOffset: first.offset)])
    #expect(document.diagnostics.first?.offset == page.count)
    #expect(document.value(ofRow: "6") == original.value(ofRow: "6"))
  }

  @Test("0xFF inside a JSON string becomes U+FFFD")
  func invalidUTF8() throws {
    let page = try FlightFixture.sample("tag-gpt-4.rsc.txt")
    let mutated = try #require(
      FlightFixture.replacingFirst("utf-8", with: [0x75, 0xFF, 0x38], in: page))
    let document = try FlightDocument.parse(mutated)
    #expect(document.diagnostics.isEmpty)
    let strings = FlightFixture.allValues(document.expand(.lazy(rowID: "a"))).compactMap(
      \.stringValue)
    #expect(strings.contains("u\u{FFFD}8"))
  }

  @Test("0xFF inside a T body becomes U+FFFD", FlightFixture.needsRealWorld)
  func invalidUTF8InTextRow() throws {
    var bytes = try FlightFixture.realWorldBytes(Self.fixture01)
    let c = try #require(try FlightDocument.parse(bytes).row("c"))
    bytes[c.bodyOffset + 10] = 0xFF
    let textDocument = try FlightDocument.parse(bytes)
    #expect(textDocument.rows.count == 30 && textDocument.diagnostics.isEmpty)
    #expect(textDocument.value(ofRow: "c")?.stringValue?.contains("\u{FFFD}") == true)
  }

  @Test("a lone surrogate escape becomes U+FFFD")
  func loneSurrogate() throws {
    let document = try FlightFixture.parse(#"0:{"a":"x\ud800y"}"# + "\n")
    #expect(document.root?.objectValue?["a"] == .string("x\u{FFFD}y"))
  }

  @Test("nesting deeper than 512 levels: a diagnostic for that row, the others import")
  func tooDeep() throws {
    let deep = "0:" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    let document = try FlightFixture.parse(deep + "\n1:2\n")
    #expect(document.diagnostics.map(\.kind) == [.tooDeep(rowID: "0", limit: 512)])
    #expect(document.diagnostics.first?.line == 1)
    #expect(document.diagnostics.first?.column == 515)
    #expect(document.root == nil)
    #expect(document.value(ofRow: "1") == .number(2))
    #expect(document.problem(ofRow: "0") == "row '0' nests deeper than 512 levels")
  }

  @Test("rows of 500 KB, as text and as JSON")
  func hugeRows() throws {
    let text = String(repeating: "line of text\n", count: 40_000)  // 520,000 bytes
    let json = "\"" + String(repeating: "abcdefghij", count: 50_000) + "\""
    let payload =
      "1:T" + String(text.utf8.count, radix: 16) + "," + text + "2:" + json
      + "\n0:[\"$1\",\"$2\"]\n"
    let bytes = Array(payload.utf8)
    let document = try FlightDocument.parse(bytes)
    #expect(document.rows.count == 3)
    #expect(document.value(ofRow: "1")?.stringValue?.utf8.count == 520_000)
    #expect(document.value(ofRow: "2")?.stringValue?.utf8.count == 500_000)
    let chunks = Array(stride(from: 4096, to: bytes.count, by: 4096))
    #expect(try FlightFixture.frame(bytes, cuttingAt: chunks) == document.rows)
  }

  @Test("a pretty-printed dump is reported at the first line without a row header")
  func prettyPrinted() throws {
    let dump = "1:\"$Sreact.fragment\"\n0:{\n  \"P\": null,\n  \"b\": \"x\"\n}\n"
    #expect(throws: FlightError(.reformatted, offset: 25, line: 3, column: 1)) {
      try FlightFixture.parse(dump)
    }
    do {
      _ = try FlightFixture.parse(dump)
    } catch {
      #expect(
        error.description
          == "3:1: error: file was reformatted (pretty-printed?): "
          + "a line does not start with a row header"
      )
    }
  }

  @Test("pages-router HTML, plain HTML, legacy format, empty input and non-flight text")
  func rejectedInputs() throws {
    let pagesRouter =
      "<html><body><script id=\"__NEXT_DATA__\" type=\"application/json\">{}</script>"
    #expect(throws: FlightError(.pagesRouterPage, offset: 24, line: 1, column: 25)) {
      try FlightFixture.parse(pagesRouter)
    }
    #expect(
      FlightError(.pagesRouterPage, offset: 0, line: 1, column: 1).message
        == "not an App Router page (found __NEXT_DATA__: a pages-router page)")
    #expect(throws: FlightError(.htmlWithoutFlight, offset: 0, line: 1, column: 1)) {
      try FlightFixture.parse("<!doctype html><p>hi</p>")
    }
    #expect(throws: FlightError(.legacyFormat, offset: 0, line: 1, column: 1)) {
      try FlightFixture.parse("M1:{\"id\":\"./src/X.client.js\"}\nJ0:[\"$\",\"@1\",null,{}]\n")
    }
    #expect(throws: FlightError(.emptyInput, offset: 0, line: 1, column: 1)) {
      try FlightDocument.parse([])
    }
    #expect(throws: FlightError(.emptyInput, offset: 0, line: 1, column: 1)) {
      try FlightFixture.parse(" \n\n")
    }
    #expect(throws: FlightError(.notFlight, offset: 1, line: 2, column: 1)) {
      try FlightFixture.parse("\n{\"a\":1}")
    }
  }

  @Test("a row deleted from tag-gpt-4 leaves its references unresolved")
  func missingRow() throws {
    let page = String(decoding: try FlightFixture.sample("tag-gpt-4.rsc.txt"), as: UTF8.self)
    let kept = page.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("4:") }.joined(separator: "\n")
    let document = try FlightFixture.parse(kept)
    #expect(document.resolve(.lazy(rowID: "4")) == .unresolved("row '4' is missing"))
    #expect(document.diagnostics.isEmpty)
  }
}
