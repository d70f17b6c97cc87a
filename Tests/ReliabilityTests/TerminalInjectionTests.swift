import Foundation
import TestSupport
import Testing

/// Pages whose titles, tags, summaries and URLs carry ESC, CSI/OSC sequences, other C0/C1
/// controls, bidi overrides and zero-width characters (`Tests/Fixtures/hostile/`), imported
/// by the built CLI: plain output shows visible stand-ins, JSON output escapes them, and no
/// byte that could drive a terminal reaches stdout.
@Suite struct TerminalInjectionTests {
  let directory = TemporaryDirectory()
  var store: String { directory.file("notes.json") }

  init() throws {
    let result = try ProcessResult.run([
      try BuiltProducts.executable("url-notes"), "import", "--store", directory.file("notes.json"),
      Fixtures.url("hostile/hostile-page.rsc.txt").path,
      Fixtures.url("hostile/hostile-notes.md").path,
    ])
    #expect(result.status == 0, "\(result.stderrText)")
  }

  func run(_ arguments: String...) throws -> String {
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes")] + arguments + ["--store", store])
    #expect(result.status == 0, "\(arguments): \(result.stderrText)")
    #expect(
      Self.hazards(in: result.stdout).isEmpty, "\(arguments): \(Self.hazards(in: result.stdout))")
    return result.stdoutText
  }

  /// Byte offsets of anything a terminal could act on: C0 controls but tab and newline, DEL,
  /// C1 controls (UTF-8 C2 80–9F), and the bidi and zero-width format characters.
  static func hazards(in bytes: [UInt8]) -> [Int] {
    let text = String(decoding: bytes, as: UTF8.self)
    var offsets: [Int] = []
    var offset = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let control =
        (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
      let invisible = [
        0x061C...0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF...0xFEFF,
      ]
      .contains { $0.contains(value) }
      if control || invisible { offsets.append(offset) }
      offset += String(scalar).utf8.count
    }
    return offsets
  }

  @Test func listShowsStandIns() throws {
    let lines = try run("list").split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasSuffix("  Hostile ␛[2J␛]0;owned␇ title �evil�") })
    #expect(
      lines.contains { $0.hasSuffix("  Beast ␛[2J␛]0;pwned␇ �evil� zero�width �31m C1 ␈back") })
    #expect(
      lines.contains { $0.hasSuffix("(no URL) · plain, ␛[31mred␛[0m, rtl�ltr, zero�width, c1�x") })
  }

  @Test func showShowsStandInsInTitleURLTagsSummaryAndBody() throws {
    let beast = try run(
      "show",
      "https://world.hey.com/dhh/the-framework-desktop-is-a-beast-636fb4ff?\u{1B}]8;;x\u{1B}\\")
    let lines = beast.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Beast ␛[2J␛]0;pwned␇ �evil� zero�width �31m C1 ␈back")
    #expect(
      lines[1] == "https://world.hey.com/dhh/the-framework-desktop-is-a-beast-636fb4ff?␛]8;;x␛\\")
    #expect(
      lines.contains(
        "├─ CPU: AMD ␛[5mRyzen� AI� Max␇ 395+ (16 Zen5 cores @ 5.1GHz), a laptop-class processor."
      ))

    let listed = try run("list", "--tag", "plain")
    let id = String(listed.prefix { $0 != " " })
    let hostile = try run("show", id)
    #expect(
      hostile.hasPrefix(
        "Hostile ␛[2J␛]0;owned␇ title �evil�\nTags: plain, ␛[31mred␛[0m, rtl�ltr, zero�width, c1�x\n"
      ))
    #expect(hostile.contains("- First point ␛]52;c;SGVsbG8=␇ sets the clipboard\n"))
    #expect(hostile.contains("- Second point with a bell␇ and backspace␈ and DEL␡\n"))
  }

  @Test func tagsShowStandIns() throws {
    let lines = try run("tags", "--sort", "name").split(separator: "\n").map(String.init)
    #expect(lines.contains("1  ␛[31mred␛[0m"))
    #expect(lines.contains("1  rtl�ltr"))
    #expect(lines.contains("1  zero�width"))
    #expect(lines.contains("1  c1�x"))
  }

  @Test func jsonEscapesEveryHazard() throws {
    let json = try run("list", "--json", "--tag", "plain")
    #expect(
      json.contains(#""title":"Hostile \u001b[2J\u001b]0;owned\u0007 title \u202eevil\u202c""#))
    #expect(json.contains(#"zero\u200bwidth"#))
    #expect(json.contains(#"c1\u009bx"#))
    #expect(json.contains(#"DEL\u007f"#))
    let tags = try run("tags", "--json")
    #expect(tags.contains(#"{"count":1,"tag":"\u001b[31mred\u001b[0m"}"#))
  }

  /// One table for all three outputs (`TerminalHazard`): line and paragraph separators, the
  /// word joiner and invisible operators, and the Arabic letter mark are stand-ins in plain
  /// output (which used to let them through) and escapes in JSON.
  @Test func separatorsJoinersAndLetterMarksAreHazardsEverywhere() throws {
    let added = try ProcessResult.run([
      try BuiltProducts.executable("url-notes"), "add", "--store", store, "--title",
      "sep\u{2028}par\u{2029}wj\u{2060}op\u{2064}alm\u{061C}end",
    ])
    #expect(added.status == 0, "\(added.stderrText)")
    let lines = try run("list").split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasSuffix("  sep�par�wj�op�alm�end") }, "\(lines)")
    let json = try run("list", "--json", "--search", "alm")
    #expect(json.contains(#""title":"sep\u2028par\u2029wj\u2060op\u2064alm\u061cend""#), "\(json)")
  }
}
