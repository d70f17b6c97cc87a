import ByteJSON
import ByteKernels
import Diagnostics
import FlightFormat

/// Reads note previews from a flight payload: raw `text/x-component` text, or a saved Next.js
/// page whose `self.__next_f.push(…)` scripts carry it.
///
/// Three layers: FlightFormat frames the bytes into rows (values decoded on demand);
/// `FlightPageBuilder` turns the element tree into a `PageTree` DOM (dropping class names,
/// keys, row and module ids); `PreviewFinder` finds previews by structure. Strict below, tolerant above: a framing
/// error fails the file with its position, a page without previews says so.
public struct FlightDumpReader: DumpReader {
  /// Deepest element nesting the page builder follows (values, elements and referenced rows
  /// each add a level). Real pages nest about 60 levels; deeper input fails with an error at
  /// the row where the limit was reached, and the bound keeps recursion off the stack's end.
  public static let maxElementDepth = 400
  /// Most page nodes built from one payload, counting a shared row again at each use (so a
  /// payload whose rows reference each other twice over cannot expand exponentially). A
  /// 100 MB page of previews has fewer; past it the file fails with an error.
  public static let maxPageNodes = 4_000_000

  /// What the links of posts held as data are resolved against (`import --base-url`); nil
  /// to use the address the page states (`FlightPostLists`).
  public var baseURL: String?

  public init(baseURL: String? = nil) { self.baseURL = baseURL }

  public var format: String { "flight" }

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    // The cheap row-header test first, then byte searches of the head (`String.contains`
    // over 64 KB cost more than parsing a small page).
    var start = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
    // A row header: lowercase hex digits (possibly none) and a colon.
    var index = start
    while index < bytes.count, index - start < 9,
      (0x30...0x39).contains(bytes[index]) || (0x61...0x66).contains(bytes[index])
    {
      index += 1
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ":") { return true }
    let head = bytes.prefix(1 << 16)
    // Only an HTML document is a saved page: Markdown that mentions `self.__next_f` is not.
    let isHTMLFile = path.hasSuffix(".html") || path.hasSuffix(".htm")
    if (isHTMLFile || DumpSniffer.startsLikeHTML(head)) && Self.containsNextMarker(head) {
      return true
    }
    // A legacy or reformatted payload still goes to the flight parser for a precise error.
    if path.hasSuffix(".rsc") { return true }
    let doctype = Array("<!doctype html".utf8)
    return head.count >= doctype.count
      && zip(head, doctype).allSatisfy { ASCII.lowercased($0) == $1 }
      && NetscapeBookmarkReader.containsLoosely("_next/", in: head, skippingSpaces: false)
  }

  /// Whether `__next_f` or `__NEXT_DATA__` occurs in `head`. Page heads are searched for
  /// every file imported, so this looks at every second byte: when `head[i + 1]` is not `_`,
  /// no `__` starts at `i` or `i + 1`.
  static func containsNextMarker(_ head: ArraySlice<UInt8>) -> Bool {
    let underscore = UInt8(ascii: "_")
    return head.withUnsafeBufferPointer { buffer in
      func markerStarts(at start: Int) -> Bool {
        guard start + 1 < buffer.count, buffer[start] == underscore,
          buffer[start + 1] == underscore
        else { return false }
        let rest = UnsafeBufferPointer(rebasing: buffer[(start + 2)...])
        return rest.starts(with: "next_f".utf8) || rest.starts(with: "NEXT_DATA__".utf8)
      }
      var index = 0
      while index + 1 < buffer.count {
        if buffer[index + 1] != underscore {
          index += 2
          continue
        }
        if markerStarts(at: index) || markerStarts(at: index + 1) { return true }
        index += 1
      }
      return false
    }
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    try readPrepared(bytes).drafts.map(\.draft)
  }

  public func readWithWarnings(_ bytes: [UInt8], path: String) throws(Diagnostic)
    -> DumpReading
  {
    let read = try readPrepared(bytes)
    return DumpReading(drafts: read.drafts.map(\.draft), warnings: read.warnings)
  }

  /// The drafts of `read`, prepared for the merge with the normalised URL their de-duplication
  /// already computed (normalising twice cost as much as finding the previews' tags), and the
  /// notes worth showing (the base the links of posts held as data were resolved against).
  func readPrepared(_ bytes: [UInt8]) throws(Diagnostic)
    -> (drafts: [PendingNotes.Prepared], warnings: [Diagnostic])
  {
    let document: FlightDocument
    do {
      // Model rows stay undecoded: the page builder reads what it needs from their bytes.
      document = try FlightDocument.parse(bytes, decodingModelRows: false)
    } catch {
      throw error.diagnostic
    }
    var builder = FlightPageBuilder(document: document)
    let page = builder.build()
    if let limit = builder.limitHit {
      throw Diagnostic(
        limit.message + " (while expanding row '\(limit.rowID)')",
        at: position(ofRow: limit.rowID, in: document) ?? .start)
    }
    var drafts: [NoteDraft] = []
    var normalizedURLs: [String?] = []
    var positionByURL: [String: Int] = [:]
    var converter = SummaryListConverter(tree: builder.tree)
    for preview in PreviewFinder.previews(in: builder.tree, root: page) {
      let normalized = NormalizedURL.normalize(preview.url)
      let key = normalized ?? preview.url
      if let position = positionByURL[key] {
        for tag in preview.tags
        where !drafts[position].tags.contains(where: { TagKey($0) == TagKey(tag) }) {
          drafts[position].tags.append(tag)
        }
        continue
      }
      positionByURL[key] = drafts.count
      normalizedURLs.append(normalized)
      drafts.append(
        NoteDraft(
          url: preview.url, title: preview.title, tags: preview.tags,
          summary: converter.nodes(from: preview.list)))
    }
    if drafts.isEmpty {
      // Only a full decode finds every row's problems and values; it frames the same rows,
      // so it cannot fail here.
      let decoded = (try? FlightDocument.parse(bytes)) ?? document
      // A page without rendered previews may still hold its posts as data.
      if let posts = try postListDrafts(decoded) { return (posts.drafts, [posts.note]) }
      let message =
        "no note previews found (the payload has \(document.rows.count) rows but no link "
        + "with a title beside a nested list)"
      // A row that could not be decoded is the likely reason: name the first one, with its
      // position (a page nested too deep, a string over the limit, broken JSON).
      if let problem = decoded.diagnostics.first(where: {
        $0.rowID != nil && $0.severity == .warning
      }) {
        throw Diagnostic(
          message + "; first problem: " + problem.message,
          at: TextPosition(line: problem.line, column: problem.column))
      }
      // About the payload as a whole: its first row.
      throw Diagnostic(message, at: .start)
    }
    // Tags are unique: a preview's are (`PreviewFinder.collectTags` keeps one per lowercased
    // text, `TagKey`'s identity) and a repeated preview adds only new ones.
    let prepared = zip(drafts, normalizedURLs).map {
      PendingNotes.Prepared($0, normalizedURL: $1, tagsAreUnique: true)
    }
    return (prepared, [])
  }

  /// The line and column in the file of a row's header (in a saved page, where the script
  /// that pushed it is), when the row exists.
  func position(ofRow id: String, in document: FlightDocument) -> TextPosition? {
    document.row(id).map { document.position(ofPayloadOffset: $0.offset) }
  }
}
