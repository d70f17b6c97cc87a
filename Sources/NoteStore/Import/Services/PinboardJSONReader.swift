import ByteJSON
import Diagnostics

/// Reads Pinboard's JSON export (`/export/format:json/`, also what `posts/all` returns): an
/// array of bookmarks `{"href","description","extended","meta","hash","time","shared",
/// "toread","tags"}`.
///
/// url = `href`, title = `description` (the URL when empty), the note's text = `extended`,
/// tags = `tags` split on spaces, created = `time` (ISO 8601). Recognised by structure: a JSON
/// array whose first element is an object with `href` and `description` members.
public struct PinboardJSONReader: DumpReader {
  public init() {}

  public var format: String { "pinboard-json" }

  /// Members of the first object looked at when sniffing: Pinboard writes nine.
  static let sniffMembers = 16

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer, offset: Self.bomLength(bytes))
      guard reader.peek() == UInt8(ascii: "["), (try? reader.beginArray()) != nil,
        (try? reader.nextElement()) == true, reader.peek() == UInt8(ascii: "{"),
        (try? reader.beginObject()) != nil
      else { return false }
      var keys: Set<String> = []
      for _ in 0..<Self.sniffMembers {
        guard let key = try? reader.nextKey() else { break }
        keys.insert(key)
        guard (try? reader.skipValue()) != nil else { break }
      }
      return keys.contains("href") && keys.contains("description")
    }
  }

  static func bomLength(_ bytes: [UInt8]) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    var drafts: [NoteDraft] = []
    let problem: (message: String, offset: Int)? = bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer, offset: Self.bomLength(bytes))
      do throws(JSONError) {
        try reader.beginArray()
        while try reader.nextElement() {
          reader.skipWhitespace()
          let start = reader.offset
          guard case .object(let bookmark) = try reader.readValue() else {
            return ("expected a bookmark object in the array", start)
          }
          guard let draft = Self.draft(bookmark) else {
            return ("expected a bookmark with an \"href\" and a \"time\" in ISO 8601", start)
          }
          drafts.append(draft)
        }
        try reader.expectEnd()
      } catch {
        return (error.message, error.offset)
      }
      return nil
    }
    if let problem {
      throw Diagnostic(problem.message, at: TextPosition.of(offset: problem.offset, in: bytes))
    }
    guard !drafts.isEmpty else {
      throw Diagnostic(
        "a Pinboard export with no bookmarks: expected objects in the array",
        at: TextPosition.of(offset: bytes.count, in: bytes))
    }
    return drafts
  }

  /// The note of one bookmark; nil without a URL, or with a time that is not a date.
  static func draft(_ bookmark: JSONObject) -> NoteDraft? {
    let url = InlineMarkup.collapseWhitespace(bookmark["href"]?.stringValue ?? "")
    guard !url.isEmpty else { return nil }
    var created: Timestamp?
    if let time = bookmark["time"]?.stringValue, !time.isEmpty {
      guard let date = Timestamp(lenientISO8601: time) else { return nil }
      created = date
    }
    let title = InlineMarkup.collapseWhitespace(bookmark["description"]?.stringValue ?? "")
    return NoteDraft(
      url: url, title: ServiceFields.title(title, url: url),
      tags: ServiceFields.tags(bookmark["tags"]?.stringValue ?? "", separatedBy: " "),
      summary: ServiceFields.summary(bookmark["extended"]?.stringValue ?? ""), created: created)
  }
}
