import Testing

@testable import NoteStore

/// Strings with escapes, which the row reader decodes (a lone short escape such as `"\n"` on
/// the spot), must give the page the decoded values give, in every place a string can stand.
@Suite struct FlightPageEscapeTests {
  /// A string literal (JSON, quotes included) in each place the walk reads strings.
  static func payloads(_ literal: String) -> [String] {
    [
      // An array's first element, a later one, a host's children, a member of a plain object.
      #"0:["$","p",null,{"children":["# + literal + #","x",["$","b",null,{"children":"#
        + literal + "}]]}]",
      "0:[" + literal + "," + literal + "]",
      #"0:{"a":"# + literal + #","b":["y","# + literal + "]}",
      // A link's children, and its other props (dropped).
      #"0:["$","$L1",null,{"title":"# + literal + #","href":"https://a.example/","children":"#
        + literal + "}]",
      #"0:["$","$L1",null,{"children":["# + literal + #"],"href":"/t/"# + "\"}]",
    ]
  }

  static let literals = [
    #""\n""#, #""\t""#, #""\/""#, #""\"""#, #""\\""#, #""\r""#, #""\b""#, #""\f""#,
    #""\u000a""#, #""\n\n""#, #""a\nb""#, #""\u0024L1""#, #""\u0024undefined""#,
    #""\$""#, #""\q""#, #""\""#, #""\u00""#, #""é\n""#,
  ]

  @Test(arguments: literals)
  func escapedStringsBuildTheSamePageBothWays(literal: String) {
    for payload in Self.payloads(literal) {
      FlightPageEquivalenceTests.expectSamePage(Array((payload + "\n").utf8), "\(payload)")
    }
  }

  @Test func aLoneEscapeIsTheTextItStandsFor() throws {
    let payload = Array(#"0:["$","p",null,{"children":["\n","a","\t","\"","\/"]}]"#.utf8) + [0x0A]
    let built = try #require(FlightPageEquivalenceTests.build(payload, fast: true))
    #expect(
      built.lines == [
        "body", "  p", "    \"\n\"", "    \"a\"", "    \"\t\"", "    \"\"\"", "    \"/\"",
      ])
  }
}
