import ByteJSON
import ByteKernels
import Diagnostics

/// Reads browser bookmark files in the Netscape interchange format (`<!DOCTYPE
/// NETSCAPE-Bookmark-file-1>`), as Firefox, Chrome, buku, linkding, Karakeep/Hoarder and
/// Pinboard write them: one note per `<A HREF>`.
///
/// Each anchor becomes a draft: url = HREF, title = the link text (the URL when empty), tags =
/// TAGS split on commas, summary = the `<DD>` description that follows, one node per non-empty
/// line. Folder names (`<H3>`) become tags only with `folderTags`: tag-aware exporters (buku,
/// linkding, Pinboard, Karakeep) already write TAGS, and browsers' root folders (the bar, the
/// menu, "Other bookmarks") are places, not topics: known by structure where the exporter
/// marks them (`Collector.isMarkedRoot`), else by name (`rootFolderNames`). Firefox `place:` queries are
/// skipped with a warning naming their line, as are `javascript:` bookmarklets and relative
/// links (Shaarli's `?lY47tw` notes): none names a web page, and the rest of the file lands.
/// ADD_DATE and LAST_MODIFIED become `created` and `updated` (seconds, ms or µs).
///
/// Policy: tolerant, like the browsers that read this format. Tags and attributes in any case,
/// quoted or bare values, entities decoded, unclosed `<A>`/`<DD>`/`<H3>` end at the next block
/// tag, a missing `</DL>` ends at the file's end. Only a file with no anchor is an error.
public struct NetscapeBookmarkReader: DumpReader {
  /// Whether the names of enclosing folders are appended to each bookmark's tags (browser
  /// root folders — toolbar and "other/unfiled" — excluded).
  public let folderTags: Bool

  public init(folderTags: Bool = false) {
    self.folderTags = folderTags
  }

  public var format: String { "netscape" }

  /// Bytes searched for the DOCTYPE marker, as in the format's own files.
  static let doctypeSniffLength = 1024
  /// Bytes searched for `<DL>` + `<DT><A HREF` in files without the DOCTYPE. Firefox writes
  /// a favicon as a long data URL before later anchors, but the first ones come early.
  static let structureSniffLength = 8192

  /// True for the DOCTYPE in the first KB; else for `<DL>` and `<DT><A HREF` (any case and
  /// spacing) with no `<script`, so that a saved web page using a definition list of links
  /// is left to the page readers.
  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    // Every file imported is sniffed here first, so no copies: searches in place, any case,
    // spaces between the needle's bytes skipped (as if the head were lowercased and packed).
    let head = bytes.prefix(Self.structureSniffLength)
    let doctypeHead = head.prefix(Self.doctypeSniffLength)
    if Self.containsLoosely("netscape-bookmark-file", in: doctypeHead, skippingSpaces: false) {
      return true
    }
    return Self.containsLoosely("<dl", in: head)
      && Self.containsLoosely("<dt><ahref", in: head)
      && !Self.containsLoosely("<script", in: head)
  }

  /// Whether the lowercase ASCII `needle` occurs in `haystack` ignoring ASCII case and (with
  /// `skippingSpaces`) with any spaces, tabs, CRs and LFs between its bytes: what searching the
  /// lowercased head with its whitespace removed finds.
  static func containsLoosely(
    _ needle: StaticString, in haystack: ArraySlice<UInt8>, skippingSpaces: Bool = true
  ) -> Bool {
    let count = needle.utf8CodeUnitCount
    let pattern = needle.utf8Start
    // The first byte is looked for on its own: with memchr when it has no capital (a `<`),
    // else as the byte or its capital (`byte | 0x20`, which only those two map to a letter).
    let first = pattern[0]
    let hasCapital = first &- UInt8(ascii: "a") < 26
    return haystack.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var start = 0
      while start < buffer.count {
        if !hasCapital {
          guard let found = Syscalls.firstByte(first, in: base + start, count: buffer.count - start)
          else { return false }
          start = UnsafeRawPointer(base).distance(to: found)
        }
        if buffer[start] | (hasCapital ? 0x20 : 0) == first {
          var matched = 1
          var index = start + 1
          while matched < count && index < buffer.count {
            let byte = buffer[index]
            index += 1
            if skippingSpaces && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
              continue
            }
            if ASCII.lowercased(byte) != pattern[matched] { break }
            matched += 1
          }
          if matched == count { return true }
        }
        start += 1
      }
      return false
    }
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    try readWithWarnings(bytes, path: path).drafts
  }

  public func readWithWarnings(_ bytes: [UInt8], path: String) throws(Diagnostic)
    -> DumpReading
  {
    let text = try MarkdownDumpReader.decodeText(bytes, expected: "a Netscape bookmark file")
    var tokenizer = Tokenizer(text)
    var collector = Collector(folderTags: folderTags)
    while true {
      let offset = tokenizer.offset
      guard let token = tokenizer.next() else { break }
      collector.consume(token, at: offset)
    }
    var drafts = collector.finish()
    if Self.find(Array(NetscapeBookmarkExporter.generator.utf8), in: bytes.prefix(1024)) != nil {
      for index in drafts.indices { drafts[index].fromExport = true }
    }
    // Offsets are into the decoded text (BOM and CRs gone), so lines are the file's lines.
    let warnings = collector.skipped.map { skip in
      Diagnostic(
        skip.message, at: TextPosition.of(offset: skip.offset, in: tokenizer.bytes),
        severity: .warning)
    }
    guard !drafts.isEmpty else {
      // Points at the end: that is where the reader gave up looking for an anchor.
      let found = warnings.isEmpty ? "" : " (\(warnings.count) skipped: not web pages)"
      throw Diagnostic(
        "no bookmarks found\(found), expected links written '<DT><A HREF=\"URL\">title</A>' "
          + "inside a '<DL>' list", at: TextPosition.of(offset: bytes.count, in: bytes))
    }
    return DumpReading(drafts: drafts, warnings: warnings)
  }

  /// The index of the first occurrence of `needle` in `haystack`.
  static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var index = haystack.startIndex
    while index + needle.count <= haystack.endIndex {
      if haystack[index] == first
        && haystack[index..<(index + needle.count)].elementsEqual(needle)
      {
        return index
      }
      index += 1
    }
    return nil
  }
}
