import FlightFormat
import Testing

@Suite("The $ forms and synthetic rows")
struct ValueFormTests {
  @Test("every $ form of spec §2.2 decodes")
  func dollarForms() throws {
    let document = try FlightFixture.parse(
      #"0:["$$x","$Lf","$@a","$@","$Sreact.fragment","$h1","$F1:x","$Q2","$W3","$K4","$B5","$i6","#
        + #""$Z","$Z7","$D2024-01-02T03:04:05.000Z","$n123456789012345678901","$undefined","#
        + #""$Infinity","$-Infinity","$NaN","$-0","$T12","$Efunction(){}","$Y","$P9","#
        + #""$8","$8:a:0","#
        + #""$","$zz","plain"]"# + "\n")
    let items = try #require(document.root?.arrayValue)
    let target = { (id: String, path: [String]) in FlightReferenceTarget(rowID: id, path: path) }
    #expect(items[0] == .string("$x"))
    #expect(items[1] == .lazy(rowID: "f"))
    #expect(items[2] == .promise(rowID: "a"))
    #expect(items[3] == .promise(rowID: nil))
    #expect(items[4] == .symbol("react.fragment"))
    #expect(items[5] == .serverReference(target("1", [])))
    #expect(items[6] == .serverReference(target("1", ["x"])))
    #expect(items[7] == .map(target("2", [])))
    #expect(items[8] == .set(target("3", [])))
    #expect(items[9] == .formData(target("4", [])))
    #expect(items[10] == .blob(target("5", [])))
    #expect(items[11] == .iterator(target("6", [])))
    #expect(items[12] == .errorValue(FlightErrorValue()))
    #expect(items[13] == .errorValue(FlightErrorValue(target: target("7", []))))
    #expect(items[14] == .date("2024-01-02T03:04:05.000Z"))
    #expect(items[15] == .bigInt("123456789012345678901"))
    #expect(items[16] == .undefined)
    #expect(items[17] == .number(.infinity))
    #expect(items[18] == .number(-.infinity))
    guard case .number(let nan) = items[19], case .number(let negativeZero) = items[20] else {
      Issue.record("not numbers")
      return
    }
    #expect(nan.isNaN)
    #expect(negativeZero == 0 && negativeZero.sign == .minus)
    #expect(items[21] == .temporaryReference("12"))
    #expect(items[22] == .debugOnly("$Efunction(){}"))
    #expect(items[23] == .debugOnly("$Y"))
    #expect(items[24] == .debugOnly("$P9"))
    #expect(items[25] == .reference(rowID: "8", path: []))
    #expect(items[26] == .reference(rowID: "8", path: ["a", "0"]))
    #expect(items[27] == .symbol("react.element"))
    #expect(items[28] == .unresolved("unrecognised value form \"$zz\""))
    #expect(items[29] == .string("plain"))
  }

  @Test("objects drop $undefined members and __proto__; $$ arrays are not elements")
  func objectRules() throws {
    let document = try FlightFixture.parse(
      #"0:{"a":"$undefined","__proto__":{"x":1},"b":1,"c":["$$","div",null,{}]}"# + "\n")
    let root = try #require(document.root?.objectValue)
    #expect(root.keys == ["b", "c"])
    #expect(root["c"] == .array([.string("$"), .string("div"), .null, .object(FlightObject())]))
  }

  @Test("element tuples with 4, 5 and 7 slots")
  func elementShapes() throws {
    let document = try FlightFixture.parse(
      #"0:[["$","a","k",{"href":"/x","children":"x"}],["$","p",null,{},"$3"],"#
        + #"["$","$L2",null,{"children":["$","b",null,{}]},null,[["f","file",1,2]],1]]"# + "\n")
    let items = try #require(document.root?.arrayValue)
    let anchor = try #require(items[0].elementValue)
    #expect(anchor.hostTag == "a" && anchor.key == "k" && anchor.props["href"] == .string("/x"))
    #expect(items[1].elementValue?.owner == .reference(rowID: "3", path: []))
    let component = try #require(items[2].elementValue)
    #expect(component.type == .lazy(rowID: "2") && component.hostTag == nil)
    #expect(component.owner == nil)
    #expect(component.children?.elementValue?.hostTag == "b")
  }

  @Test("an E row rejects its row; a lazy to it resolves to the error")
  func errorRow() throws {
    let document = try FlightFixture.parse("0:\"$L1\"\n1:E{\"digest\":\"3214\"}\n")
    let error = FlightValue.errorValue(FlightErrorValue(digest: "3214"))
    #expect(document.value(ofRow: "1") == error)
    #expect(document.resolve(document.root!) == error)
    #expect(document.rows[1].tag == .error)
  }

  @Test("$Q, $W and $K targets resolve to their pair arrays; $n keeps big digits")
  func collectionTargets() throws {
    let document = try FlightFixture.parse(
      "1:[[\"a\",1],[\"b\",\"$n99999999999999999999\"]]\n2:[\"x\",\"y\"]\n3:[[\"f\",\"v\"]]\n"
        + "0:{\"m\":\"$Q1\",\"s\":\"$W2\",\"f\":\"$K3\"}\n")
    let root = try #require(document.root?.objectValue)
    guard case .map(let map)? = root["m"], case .set(let set)? = root["s"],
      case .formData(let form)? = root["f"]
    else {
      Issue.record("wrong forms")
      return
    }
    let pairs = try #require(document.resolve(map.reference).arrayValue)
    #expect(pairs[1] == .array([.string("b"), .bigInt("99999999999999999999")]))
    #expect(document.resolve(set.reference) == .array([.string("x"), .string("y")]))
    #expect(document.resolve(form.reference) == .array([.array([.string("f"), .string("v")])]))
  }

  @Test("binary rows frame by length and keep their bytes")
  func binaryRows() throws {
    var bytes = Array("1:A4,".utf8) + [0x00, 0x0A, 0xFF, 0x3A]
    bytes += Array("2:o3,abc3:g8,".utf8) + [UInt8](repeating: 0x0A, count: 8)
    bytes += Array("0:[\"$1\",\"$2\",\"$3\"]\n".utf8)
    let document = try FlightDocument.parse(bytes)
    #expect(document.rows.map(\.tag.name) == ["A", "o", "g", "model"])
    #expect(
      document.value(ofRow: "1") == .binary(tag: UInt8(ascii: "A"), bytes: [0, 0x0A, 0xFF, 0x3A]))
    #expect(
      document.resolve(.reference(rowID: "2", path: []))
        == .binary(tag: UInt8(ascii: "o"), bytes: Array("abc".utf8)))
    #expect(
      document.value(ofRow: "3")
        == .binary(tag: UInt8(ascii: "g"), bytes: Array(repeating: 0x0A, count: 8)))
  }

  @Test("R … C and x … C streams collect their items; they are not duplicates")
  func streams() throws {
    let document = try FlightFixture.parse(
      "0:{\"s\":\"$1\",\"i\":\"$2\"}\n1:R\n1:{\"n\":1}\n1:T3,abc1:\"two\"\n1:C\n"
        + "2:x\n2:1\n2:C{\"done\":true}\n")
    #expect(document.diagnostics.isEmpty)
    guard case .stream(let values)? = document.value(ofRow: "1"),
      case .stream(let iterator)? = document.value(ofRow: "2")
    else {
      Issue.record("not streams")
      return
    }
    #expect(values.kind == UInt8(ascii: "R") && values.isClosed)
    #expect(
      values.items == [.object(FlightObject([("n", .number(1))])), .string("abc"), .string("two")])
    #expect(iterator.items == [.number(1)])
    #expect(iterator.finalValue == .object(FlightObject([("done", .bool(true))])))
  }

  @Test("empty-id rows: hints, time origin and console rows")
  func emptyIDs() throws {
    let document = try FlightFixture.parse(
      ":HL[\"/a.css\",\"style\"]\n:N1729000000000.5\n:W[\"log\",[],null,\"Server\",\"hi\"]\n0:1\n")
    #expect(document.rows.map(\.id) == ["", "", "", "0"])
    #expect(
      document.rows.map(\.tag) == [.hint(code: UInt8(ascii: "L")), .timeOrigin, .console, .model])
    #expect(document.rows[0].bodyText == "[\"/a.css\",\"style\"]")
    #expect(document.root == .number(1))
    #expect(document.value(ofRow: "") == nil)
  }

  @Test("a reference cycle stays unresolved after the guard")
  func cycles() throws {
    let pair = try FlightFixture.parse("0:{\"a\":\"$1\"}\n1:{\"b\":\"$0\"}\n")
    let expanded = pair.expand(.reference(rowID: "0", path: []))
    let inner = expanded.objectValue?["a"]?.objectValue?["b"]
    #expect(inner == .unresolved("reference cycle back to '0'"))
    let chain = try FlightFixture.parse("0:\"$1\"\n1:\"$0\"\n")
    #expect(
      chain.resolve(.reference(rowID: "0", path: []))
        == .unresolved("reference cycle through row '0'"))
    let missing = try FlightFixture.parse("0:\"$L4\"\n")
    #expect(missing.resolve(missing.root!) == .unresolved("row '4' is missing"))
    #expect(
      missing.resolve(.reference(rowID: "0", path: ["x"])) == .unresolved("row '4' is missing"))
  }
}
