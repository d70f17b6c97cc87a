import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The Netscape files of `../shared/samples/real-world-2/bookmarks` (seven exporters), read in
/// place, against the facts in that folder's README. Skipped, with the reason printed, when
/// the folder is absent. (b09, Pocket's `ril_export.html`, is the Pocket reader's.)
@Suite struct RealWorldBookmarkTests {
  func read(_ name: String, folderTags: Bool = false) throws -> DumpReading? {
    guard let folder = RealWorld2.folder else { return nil }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/bookmarks/" + name)))
    let reader = NetscapeBookmarkReader(folderTags: folderTags)
    #expect(reader.recognizes(bytes, path: name))
    return try reader.readWithWarnings(bytes, path: name)
  }

  func draft(_ reading: DumpReading, _ url: String) throws -> NoteDraft {
    try #require(reading.drafts.first { $0.url == url })
  }

  func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

  @Test func firefoxSkipsPlaceQueriesWithWarningsAndKeepsTagsDatesAndDescriptions() throws {
    guard let reading = try read("b01-firefox-nested.htm") else { return }
    #expect(reading.drafts.count == 21)
    #expect(
      reading.warnings.map { "\($0.position!): \($0.message)" } == [
        "10:9: skipped \"place:folder=BOOKMARKS_MENU&folder=UNFILED_BOOKMARKS&folder…\" "
          + "(\"Recently saved\"): a Firefox place: query, not a web page",
        "11:9: skipped \"place:type=6&sort=14&maxResults=10\" (\"Recent tags\"): a Firefox "
          + "place: query, not a web page",
        "72:13: skipped \"place:sort=8&maxResults=10\" (\"Most visited\"): a Firefox place: "
          + "query, not a web page",
      ])
    #expect(Set(reading.drafts.flatMap(\.tags).map(TagKey.init)).count == 90)
    #expect(
      reading.drafts.filter(\.tags.isEmpty).map(\.url)
        == ["https://www.mozilla.org/en-US/firefox/central/"])
    let xkcd = try draft(reading, "http://xkcd.com/1332/")
    #expect(xkcd.tags == ["xkcd", "webcomic", "slope", "respect"])
    #expect(xkcd.created == time("2016-05-19T19:43:55Z"))
    #expect(xkcd.updated == time("2016-05-19T19:43:55Z"))
    #expect(
      try draft(reading, "http://hginit.com/").tags == [
        "hg", "mercurial", "version", "control", "scm", "python", "tutorial",
      ])
    #expect(reading.drafts.filter { !$0.summary.isEmpty }.count == 8)
    let nautilus = try draft(
      reading,
      "http://nautil.us/blog/the-most-important-object-in-computer-graphics-history-is-this-teapot")
    #expect(nautilus.summary.map(\.plainText).last?.hasSuffix("figure out&#8230;") == true)
  }

  @Test func firefoxFolderTagsLeaveTheToolbarOut() throws {
    guard let reading = try read("b01-firefox-nested.htm", folderTags: true) else { return }
    #expect(try draft(reading, "http://xkcd.com/1332/").tags.last == "Comics")
    #expect(
      try draft(reading, "http://phpsecurity.readthedocs.io/en/latest/index.html").tags
        == ["security", "best-practices", "web", "Dev", "PHP"])
    #expect(try draft(reading, "https://www.mozilla.org/en-US/firefox/central/").tags == [])
    let folders = Set(reading.drafts.flatMap(\.tags)).intersection([
      "Comics", "Dev", "PHP", "FLOSS", "Games", "Personal toolbar",
    ])
    #expect(folders == ["Comics", "Dev", "PHP", "FLOSS", "Games"])
  }

  @Test func chromiumHasFoldersButNoTagsOrDescriptions() throws {
    guard let plain = try read("b02-chromium-nested.htm"),
      let foldered = try read("b02-chromium-nested.htm", folderTags: true)
    else { return }
    #expect(plain.drafts.count == 18)
    #expect(plain.warnings == [])
    #expect(plain.drafts.allSatisfy { $0.tags.isEmpty && $0.summary.isEmpty })
    #expect(try draft(plain, "https://owncloud.org/").created == time("2016-06-15T17:57:28Z"))
    #expect(
      Set(foldered.drafts.flatMap(\.tags)) == [
        "Self-hosting", "Dev", "PHP", "Python", "MOOC", "Linux, Unix OS,Other stuff",
      ])
    #expect(try draft(foldered, "https://www.kernel.org/").tags == ["Linux, Unix OS,Other stuff"])
    #expect(try draft(foldered, "https://regexcrossword.com/").tags == [])
  }

  @Test func internetExplorerWithItsByteOrderMark() throws {
    guard let reading = try read("b03-ie11-nested-bom.htm", folderTags: true) else { return }
    #expect(reading.drafts.count == 27)
    #expect(reading.drafts.allSatisfy { $0.summary.isEmpty })
    let git = try draft(reading, "https://coderwall.com/p/euwpig/a-better-git-log")
    #expect(git.title == "A better git log (Example) Coderwall")
    #expect(git.tags == ["Dev", "SCM"])
    #expect(git.created == time("2016-06-18T16:30:53Z"))
    #expect(
      reading.drafts.contains { $0.url == "https://www.clicktorelease.com/code/css3dclouds/#" })
    #expect(
      Set(reading.drafts.flatMap(\.tags)) == [
        "Comics", "Dev", "PHP", "Python", "SCM", "Microsoft Websites", "Music", "Windows Live",
      ])
  }

  @Test func deliciousTagsDescriptionsAndAnUnescapedAmpersand() throws {
    guard let reading = try read("b04-delicious.htm") else { return }
    #expect(reading.drafts.count == 5)
    #expect(Set(reading.drafts.flatMap(\.tags)).count == 17)
    #expect(try draft(reading, "http://fontfamily.io/").tags == ["@font-face", "os", "typography"])
    #expect(reading.drafts.filter { !$0.summary.isEmpty }.count == 4)
    let turtle = try #require(reading.drafts.first { $0.title == "Paper craft Mine Turtle" })
    #expect(turtle.summary.map(\.plainText) == ["\"Hello!\""])
    #expect(turtle.url?.contains("&qo=1") == true)
    #expect(turtle.created == time("2015-04-12T22:00:00Z"))
  }

  @Test func shaarliSkipsItsRelativeNoteLinkAndKeepsTheRest() throws {
    guard let reading = try read("b05-shaarli-export.htm") else { return }
    #expect(
      reading.warnings.map { "\($0.position!): \($0.message)" } == [
        "9:5: skipped \"?lY47tw\" (\"Kouign'amann recipes\"): not an absolute URL (expected one "
          + "such as https://example.com/page)"
      ])
    #expect(reading.drafts.count == 5)
    #expect(reading.drafts.allSatisfy { $0.url!.hasPrefix("http") && !$0.tags.isEmpty })
    let wiki = try draft(reading, "https://github.com/shaarli/Shaarli/wiki")
    #expect(wiki.tags == ["opensource", "software"])
    #expect(wiki.summary.count == 3)
    #expect(wiki.created == time("2016-03-30T20:49:33Z"))
    #expect(reading.drafts.allSatisfy { !$0.title.hasPrefix(" ") })
  }

  @Test func scuttleKeepsItsDoubleEncodedText() throws {
    guard let reading = try read("b06-scuttle-mojibake.htm") else { return }
    #expect(reading.drafts.count == 4)
    #expect(reading.drafts.allSatisfy { $0.tags == ["dictionary"] })
    let linguee = try draft(reading, "http://www.linguee.de/deutsch-englisch/search")
    #expect(linguee.title.hasPrefix("Linguee - Das Web als WÃ¶rterbuch"))
  }

  @Test func safariWithoutDatesAndFoldedFolders() throws {
    guard let reading = try read("b07-safari-folded.htm", folderTags: true) else { return }
    #expect(
      reading.drafts.map(\.url) == [
        "https://github.com/", "https://github.com/shaarli/Shaarli",
        "https://en.wikipedia.org/wiki/Main_Page",
      ])
    #expect(reading.drafts.allSatisfy { $0.created == nil && $0.updated == nil })
    #expect(
      reading.drafts.map(\.tags) == [[], ["Github - Shaarli"], ["Autre Divers", "doc"]])
  }

  @Test func linkdingDatesInSecondsMillisecondsAndMicrosecondsAreOneInstant() throws {
    guard let reading = try read("b08-linkding-add-date-units.html") else { return }
    #expect(reading.drafts.map(\.tags) == [["tag1"], ["tag2"], ["tag3"]])
    #expect(reading.drafts.allSatisfy { $0.created == time("2021-03-21T14:39:19Z") })
    #expect(
      reading.drafts.map { $0.summary.map(\.plainText) } == [
        ["test description 1"], ["test description 2"], ["test description 3"],
      ])
  }

  @Test func reimportingEveryBookmarkFileChangesNothing() throws {
    guard let folder = RealWorld2.folder else { return }
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let files = (1...8).map { index in
      try! FileManager.default.contentsOfDirectory(atPath: folder + "/bookmarks")
        .sorted()[index - 1]
    }.map { folder + "/bookmarks/" + $0 }
    let first = try NoteImporter().importPaths(files, into: store)
    #expect(first.failed == 0)
    let before = store.notes(matching: NoteFilter())
    let again = try NoteImporter().importPaths(files, into: store)
    #expect(again.added == 0)
    #expect(again.merged == 0)
    #expect(store.notes(matching: NoteFilter()) == before)
  }
}
