import ByteJSON
import ByteKernels

/// Decides which reader a file is for, and rejects what no reader can use with a clear reason.
enum DumpSniffer {
  /// Extensions looked at when a directory is imported.
  static let dumpExtensions: Set<String> = [
    "rsc", "txt", "html", "htm", "md", "markdown", "flight", "x-component", "csv", "json",
  ]

  /// The reason `bytes` cannot be a page dump, or nil when a reader should try them.
  static func rejection(_ bytes: [UInt8]) -> String? {
    if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return "file is empty"
    }
    if looksBinary(bytes) {
      return "binary file, expected a saved page (flight payload, HTML, Markdown or text)"
    }
    if isStore(bytes) {
      return "this is a url-notes store, not a page dump (use --store to open it)"
    }
    return nil
  }

  /// NUL bytes, or mostly bytes that are neither text nor UTF-8, in the first 4 KB.
  /// UTF-16 text has NULs too, but begins with a byte-order mark.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
    let sample = bytes.prefix(4096)
    // One pass counts the controls and finds NULs. Every file imported is sniffed, and the
    // decoding below is needed only when the sample is not ASCII: ASCII decodes to no U+FFFD.
    var controls = 0
    var isASCII = true
    for byte in sample {
      if byte < 0x20 {
        if byte == 0 { return true }
        if byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C && byte != 0x1B {
          controls += 1
        }
      } else if byte >= 0x80 {
        isASCII = false
      }
    }
    if controls * 20 > sample.count { return true }
    if isASCII { return false }
    let decoded = String(decoding: sample, as: UTF8.self)
    let replacements = decoded.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
    return replacements * 10 > sample.count
  }

  /// A url-notes store: a JSON object whose first member is "format": "url-notes".
  static func isStore(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(buffer)
      guard reader.peek() == UInt8(ascii: "{") else { return false }
      guard (try? reader.beginObject()) != nil, let key = try? reader.nextKey(), key == "format",
        let value = try? reader.readString()
      else { return false }
      return value == "url-notes"
    }
  }

  /// A JSON document (object or array) that is not a store: no reader takes those.
  static func isPlainJSON(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    else { return false }
    return (try? JSONParser.parse(bytes)) != nil
  }

  /// Tags an HTML document may open with (after a doctype, comments and whitespace).
  static let htmlOpenings = [
    "<!doctype html", "<html", "<head", "<body", "<meta", "<script", "<link", "<title",
  ].map { Array($0.utf8) }

  /// True when `head` opens like an HTML document: past a BOM, whitespace and `<!-- … -->`
  /// comments, a doctype or one of the tags a page starts with (any case). A Markdown page
  /// with inline HTML or comments further down, or code that mentions `__next_f`, is not.
  static func startsLikeHTML(_ head: ArraySlice<UInt8>) -> Bool {
    var rest = head
    if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
    while true {
      rest = rest.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0C }
      guard rest.starts(with: Array("<!--".utf8)) else { break }
      guard let close = NetscapeBookmarkReader.find(Array("-->".utf8), in: rest) else {
        return false
      }
      rest = rest[(close + 3)...]
    }
    return htmlOpenings.contains { opening in
      rest.count >= opening.count
        && zip(rest, opening).allSatisfy { ASCII.lowercased($0) == $1 }
    }
  }
}
