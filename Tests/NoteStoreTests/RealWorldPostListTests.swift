import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// The App Router pages of ../shared/samples/real-world-2 that hold tagged posts as data (f01,
/// f04, f07), against the facts its README lists; and the pages that hold none stay so.
@Suite(SharedSamples.required("real-world-2"))
struct RealWorldPostListTests {
  let directory = TemporaryDirectory()

  func importing(_ name: String, baseURL: String? = nil) throws -> (ImportReport, [Note]) {
    let store = try NoteStore.open(path: directory.file("notes.json"))
    let report = try NoteImporter(readers: NoteImporter.readers(baseURL: baseURL))
      .importPaths([SharedSamples.url("real-world-2/flight/" + name).path], into: store)
    return (report, report.files.flatMap(\.added).compactMap { store.note($0) })
  }

  @Test func f01TagGuideListsFivePostsOnTheCanonicalSite() throws {
    let (report, notes) = try importing("f01-next13.5-eastshine-tags-guide.txt")
    #expect(report.files.map(\.failure) == [nil])
    let path = SharedSamples.url("real-world-2/flight/f01-next13.5-eastshine-tags-guide.txt").path
    #expect(
      report.files.flatMap(\.warnings).map(\.description) == [
        "\(path):15:1: note: 5 posts held as data: links resolved against "
          + "https://tailwind-nextjs-starter-blog.vercel.app/ (the site of the page's canonical "
          + "link https://tailwind-nextjs-starter-blog.vercel.app/tags/guide; if they live in a "
          + "folder of it, import again with --base-url URL)"
      ])
    let site = "https://tailwind-nextjs-starter-blog.vercel.app/"
    #expect(
      notes.map(\.url)
        == [
          "blog/release-of-tailwind-nextjs-starter-blog-v2.0", "blog/new-features-in-v1",
          "blog/introducing-tailwind-nextjs-starter-blog", "blog/guide-to-using-images-in-nextjs",
          "blog/github-markdown-guide",
        ].map { site + $0 })
    #expect(
      notes.map(\.title) == [
        "Release of Tailwind Nextjs Starter Blog v2.0", "New features in v1",
        "Introducing Tailwind Nextjs Starter Blog", "Images in Next.js", "Markdown Guide",
      ])
    #expect(
      notes.map(\.tags) == [
        ["next-js", "tailwind", "guide", "feature"], ["next-js", "tailwind", "guide"],
        ["next-js", "tailwind", "guide"], ["next js", "guide"], ["github", "guide"],
      ])
    #expect(
      notes.map(\.created.iso8601) == [
        "2023-08-05T00:00:00Z", "2021-08-07T15:32:14Z", "2021-01-12T00:00:00Z",
        "2020-11-11T00:00:00Z", "2019-10-11T00:00:00Z",
      ])
    #expect(notes[3].summary.first?.plainText.hasPrefix("In this article we introduce") == true)
  }

  @Test func f04TagAIListsSixtyFivePostsWithNonASCIIPaths() throws {
    let (report, notes) = try importing("f04-next14.2-tzblog-tags-ai.html")
    #expect(report.files.map(\.failure) == [nil])
    #expect(
      report.files.flatMap(\.warnings).map(\.message) == [
        "65 posts held as data: links resolved against "
          + "https://tailwind-nextjs-starter-blog.vercel.app/ (the site of the page's canonical "
          + "link https://tailwind-nextjs-starter-blog.vercel.app/tags/ai; if they live in a "
          + "folder of it, import again with --base-url URL)"
      ])
    #expect(notes.count == 65)
    #expect(notes.allSatisfy { $0.tags == ["AI"] })
    let site = "https://tailwind-nextjs-starter-blog.vercel.app/blog/AI/"
    #expect(notes.allSatisfy { $0.url?.hasPrefix(site) == true })
    #expect(notes.filter { $0.url?.unicodeScalars.contains { !$0.isASCII } == true }.count == 58)
    #expect(notes.first?.url == site + "2023-07-02-马毅-_从人工智能到自主智能_演讲记录")
    #expect(notes.first?.title == "马毅-_从人工智能到自主智能_演讲记录")
    #expect(notes.first?.created.iso8601 == "2023-07-02T00:00:00Z")
    #expect(notes.last?.url == site + "2021-08-13-理解大规模反向翻译")
    #expect(notes.last?.title == "理解大规模反向翻译")
  }

  static let f07 = "f07-next16-til-index.txt"
  /// The README's "site https://til.varunyadav.com, posts live under /blog/<slug>": the page
  /// holds only slugs, so the folder comes from --base-url.
  static let f07Base = "https://til.varunyadav.com/blog/"

  @Test func f07ListsSeventeenSlugsWithEmojiAndSpacedTagsUnderItsBlogFolder() throws {
    let (report, notes) = try importing(Self.f07, baseURL: Self.f07Base)
    #expect(report.files.map(\.failure) == [nil])
    #expect(
      report.files.flatMap(\.warnings).map(\.message) == [
        "17 posts held as data: links resolved against https://til.varunyadav.com/blog/ "
          + "(given by --base-url)"
      ])
    #expect(notes.count == 17)
    #expect(notes.allSatisfy { $0.url?.hasPrefix(Self.f07Base) == true })
    #expect(notes.first?.url == "https://til.varunyadav.com/blog/ghost-mcp")
    var counts: [String: Int] = [:]
    for tag in notes.flatMap(\.tags) { counts[tag, default: 0] += 1 }
    #expect(
      counts == [
        "🌿": 13, "macOS": 4, "🌱": 3, "github": 3, "nextjs": 3, "ghost": 2, "k8s": 2,
        "shortcuts": 1, "misc": 1, "chrome": 1, "docker": 1, "python": 1, "google analytics": 1,
      ])
    func tags(_ slug: String) -> [String]? {
      notes.first { $0.url == "https://til.varunyadav.com/blog/" + slug }?.tags
    }
    #expect(tags("ghost-mcp") == ["ghost", "🌿"])
    #expect(tags("keyboard-shortcut") == ["macOS", "shortcuts", "🌱"])
    #expect(tags("adding-google-analytics-in-nextjs") == ["nextjs", "google analytics", "🌿"])
    #expect(notes.first?.title == "Using Ghost mcp in Cursor")
    #expect(notes.first?.created.iso8601 == "2025-06-10T00:00:00Z")
    #expect(notes.last?.title == "Webmentions in Nextjs")
    let (again, _) = try importing(Self.f07, baseURL: Self.f07Base)
    #expect(again.added == 0 && again.merged == 0 && again.unchanged == 17)
  }

  /// Without --base-url the slugs land on the site the canonical link names, and the report
  /// says so, naming the option that puts them where they live.
  @Test func f07WithoutBaseURLSaysWhichBaseItUsed() throws {
    let (report, notes) = try importing(Self.f07)
    #expect(report.files.map(\.failure) == [nil])
    let path = SharedSamples.url("real-world-2/flight/" + Self.f07).path
    #expect(
      report.files.flatMap(\.warnings).map(\.description) == [
        "\(path):178:1: note: 17 posts held as data: links resolved against "
          + "https://til.varunyadav.com/ (the site of the page's canonical link "
          + "https://til.varunyadav.com; if they live in a folder of it, import again with "
          + "--base-url URL)"
      ])
    #expect(notes.count == 17)
    #expect(notes.first?.url == "https://til.varunyadav.com/ghost-mcp")
  }

  /// Pages without tagged posts as data keep reporting no previews.
  @Test(arguments: [
    "f02-next13.5-engineering101-strategic-patterns.rsc", "f03-next14.1-dw3624-posts-pages-1.txt",
    "f05-next15-nextjs.org.html", "f06-next15.3-perimsx-tags-linux.html",
  ])
  func pagesWithoutPostListsStillHaveNoPreviews(name: String) throws {
    let (report, notes) = try importing(name)
    #expect(notes.isEmpty)
    #expect(
      report.files.first?.failure?.description.contains(": error: no note previews found (") == true
    )
  }
}
