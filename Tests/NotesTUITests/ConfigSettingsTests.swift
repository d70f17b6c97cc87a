import NoteStore
import TerminalCore
import Testing

@testable import NotesTUI

/// The `set` lines for the order of previews and the date format: parsing, exact errors, and
/// what the screens show.
@Suite struct ConfigSettingsTests {
  @Test func previewSortAndDateFormatParse() throws {
    let config = Config.parse(
      "set preview-sort = title\nset date-format = \"%a %e %b %Y, 100%%\"\n", path: "c")
    #expect(config.problems == [])
    #expect(config.previewOrder == .title)
    let time = try #require(Timestamp(iso8601: "2026-01-03T09:05:07Z"))
    #expect(config.dateFormat.string(time) == "Sat  3 Jan 2026, 100%")
    #expect(Config().previewOrder == nil && Config().dateFormat == .standard)
    #expect(DateFormat.standard.string(time) == "2026-01-03")
    let every = try DateFormat("%Y|%y|%m|%d|%e|%b|%B|%a|%A|%H|%M|%S")
    #expect(every.string(time) == "2026|26|01|03| 3|Jan|January|Sat|Saturday|09|05|07")
    let epoch = Timestamp(secondsSince1970: -1)
    #expect(every.string(epoch) == "1969|69|12|31|31|Dec|December|Wed|Wednesday|23|59|59")
  }

  @Test func badValuesNameTheirColumn() {
    let config = Config.parse(
      """
      set preview-sort = newest
      set date-format = %Y-%q
      set date-format = "%d %b %"
      set date-format = %d %b
      set date-format = ""
      set preview-sort = site
      """, path: "config")
    #expect(
      config.problems.map(\.description) == [
        "config:1:20: error: expected relevance, updated, created, title, site for 'preview-sort', found 'newest'",
        "config:2:22: error: unknown conversion '%q' (conversions: %Y %y %m %d %e %b %B %a %A %H %M %S %%)",
        "config:3:26: error: expected a conversion after '%' (%Y %y %m %d %e %b %B %a %A %H %M %S %%)",
        "config:4:22: error: unexpected '%b' after set date-format = VALUE",
        "config:5:20: error: expected a date format such as %Y-%m-%d",
      ])
    #expect(config.previewOrder == .site)
    #expect(config.dateFormat == .standard)
  }

  @Test func previewsStartInTheConfiguredOrderWithTheirDateFormat() throws {
    let config = Config.parse(
      "set preview-sort = title\nset date-format = \"%e %B %Y\"\n", path: "c")
    var app = try BrowserFixture().app(config: config)
    app.press(.character("v"))  // all notes
    #expect(app.screen[1] == BrowserFixture.titleRow("▌ GPT-4 on a laptop", "2 January 2026"))
    #expect(app.screen[6] == BrowserFixture.titleRow("  GPU prices fall", "3 January 2026"))
    #expect(app.screen[11] == BrowserFixture.titleRow("  日本語のメモ 🍣", "1 January 2026"))
    #expect(app.screen.last?.hasPrefix(" 1/3 notes · by title") == true)
    app.press(.character("S"))  // cycles on from the configured order
    #expect(app.screen.last?.hasPrefix(" Notes by site") == true)
    app.press(.enter)  // the cursor stayed on its note
    #expect(app.screen[3] == " Created  2 January 2026 00:00 · updated  2 January 2026 00:00 UTC")
  }
}
