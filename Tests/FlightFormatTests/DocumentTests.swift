import FlightFormat
import TestSupport
import Testing

@Suite("Decoding and resolving documents")
struct DocumentTests {
  @Test("tag-gpt-4: root, lazy page body, metadata path reference, symbol rows, modules")
  func urlNotesPage() throws {
    let document = try FlightDocument.parse(try FlightFixture.sample("tag-gpt-4.rsc.txt"))
    #expect(document.diagnostics.isEmpty)
    let root = try #require(document.root?.objectValue)
    #expect(root["p"] == .string("/url-notes"))
    #expect(root["c"] == .array([.string(""), .string("tag"), .string("gpt-4")]))
    #expect(document.value(ofRow: "1") == .symbol("react.fragment"))
    #expect(document.value(ofRow: "c") == .symbol("react.suspense"))

    let page = try #require(document.resolve(.lazy(rowID: "4")).elementValue)
    #expect(page.hostTag == "div")
    #expect(page.props["className"] == .string("page_page___hQFP"))

    #expect(document.value(ofRow: "d") == .reference(rowID: "8", path: ["metadata"]))
    let metadata = try #require(document.resolve(.lazy(rowID: "d")).arrayValue)
    let title = try #require(metadata.first?.elementValue)
    #expect(title.hostTag == "title" && title.key == "0")
    #expect(title.children == .string("url-notes | tag | gpt-4"))
    #expect(document.value(ofRow: "8")?.objectValue?["digest"] == nil)  // "$undefined" dropped

    guard case .module(let link)? = document.value(ofRow: "f") else {
      Issue.record("row f is not a module")
      return
    }
    #expect(link.moduleID == "6874" && link.exportName == "" && link.chunks.count == 4)
  }

  @Test(
    "the element tree from $L4 expands with every reference replaced",
    arguments: FlightFixture.samplePages)
  func expandedPage(file: String) throws {
    let document = try FlightDocument.parse(try FlightFixture.sample(file))
    let tree = document.expand(.lazy(rowID: "4"))
    let values = FlightFixture.allValues(tree)
    #expect(values.contains { $0.elementValue?.hostTag == "li" })
    #expect(!values.contains { $0.isReference })
    #expect(!values.contains { if case .unresolved = $0 { true } else { false } })
    let components = values.compactMap { $0.elementValue?.type }
    #expect(components.contains { if case .module = $0 { true } else { false } })
    let expandedRoot = document.expand(try #require(document.root))
    #expect(!FlightFixture.allValues(expandedRoot).contains { $0.isReference })
  }

  @Test("fixture 02: \"$${\" decodes to the literal \"${\"", FlightFixture.needsRealWorld)
  func dollarEscape() throws {
    let document = try FlightDocument.parse(
      try FlightFixture.realWorldBytes("02-2023-next13-nextjs-org-docs-typescript.rsc"))
    let strings = FlightFixture.allValues(document).compactMap(\.stringValue)
    #expect(strings.contains("${"))
    #expect(!strings.contains("$${"))
  }

  @Test("fixture 05: the Server Action reply's promise chain", FlightFixture.needsRealWorld)
  func promiseChain() throws {
    let document = try FlightDocument.parse(
      try FlightFixture.realWorldBytes("05-2024-gh-fredkiss-server-action.rsc"))
    let root = try #require(document.root?.arrayValue)
    #expect(root.first == .promise(rowID: "1"))
    #expect(document.value(ofRow: "1")?.objectValue?["promise"] == .promise(rowID: "2"))
  }

  @Test("fixture 06: $D dates, the $W set and the AppRouter element", FlightFixture.needsRealWorld)
  func fixture06() throws {
    let document = try FlightDocument.parse(
      try FlightFixture.realWorldBytes("06-2024-next14-club-fans-page.html"))
    let values = FlightFixture.allValues(document)
    #expect(values.contains(.date("2024-12-07T14:46:45.389Z")))
    #expect(values.contains(.set(FlightReferenceTarget(rowID: "12"))))
    let router = try #require(document.root?.arrayValue?.last?.elementValue)
    #expect(router.type == .lazy(rowID: "5"))
    #expect(router.props["missingSlots"] == .set(FlightReferenceTarget(rowID: "12")))
  }

  @Test(
    "fixture 07: a path reference into row 0 itself resolves inside row 0",
    FlightFixture.needsRealWorld)
  func selfPathReference() throws {
    let document = try FlightDocument.parse(
      try FlightFixture.realWorldBytes("07-2025-next15-mintstars-page.html"))
    let path = ["f", "0", "1", "2", "children", "2", "children", "0"]
    let reference = FlightValue.reference(rowID: "0", path: path)
    #expect(FlightFixture.allValues(try #require(document.root)).contains(reference))
    #expect(
      document.resolve(reference)
        == .array([.string("username"), .string("allieeveknox"), .string("d")]))
    let expanded = FlightFixture.allValues(document.expand(.reference(rowID: "0", path: [])))
    #expect(!expanded.contains(reference))
  }

  @Test(
    "fixture 08: D rows are not duplicates, 5-slot elements keep their owner, root last",
    FlightFixture.needsRealWorld)
  func devPayload() throws {
    let document = try FlightDocument.parse(
      try FlightFixture.realWorldBytes("08-react19-dev-cinescore.rsc"))
    #expect(document.diagnostics.isEmpty)
    #expect(document.rows.last?.id == "0")
    #expect(document.debugInfo(ofRow: "4") == [.reference(rowID: "5", path: [])])
    let inputs = FlightFixture.allValues(document).compactMap(\.elementValue)
      .filter { $0.hostTag == "input" }
    #expect(inputs.count == 8)
    let owners = inputs.compactMap(\.owner)
    #expect(owners.filter { $0 == .reference(rowID: "5", path: []) }.count == 4)
    #expect(owners.filter { $0 == .reference(rowID: "7", path: []) }.count == 4)
    let owner = document.resolve(try #require(inputs.first?.owner)).objectValue
    #expect(owner?["name"] == .string("Vote"))
    #expect(owner?["props"]?.objectValue?["action"] == nil)
  }
}
