import ByteKernels

/// URL normalisation for matching notes: two spellings of one page are one note.
///
/// Lowercases the scheme and host, drops default ports (80 for http, 443 for https), the
/// fragment, and a trailing slash on the path (the root path "/" becomes empty); keeps the
/// query as written, since it often names the page (`item?id=44840728`).
public enum NormalizedURL {
  /// The normalised form of `text`, or nil when it is not an absolute URL with a scheme and host.
  public static func normalize(_ text: String) -> String? {
    var text = text
    if let printable = text.withUTF8({ normalizePrintableASCII($0) }) { return printable }
    return normalizeBySplitting(text)
  }

  /// `normalizeBySplitting(text)`, the general path, which splits on Characters.
  static func normalizeBySplitting(_ text: String) -> String? {
    guard let parts = split(text) else { return nil }
    var result = parts.scheme + "://" + parts.authority
    var path = parts.path
    while path.hasSuffix("/") { path.removeLast() }
    result += path
    if let query = parts.query, !query.isEmpty { result += "?" + query }
    return result
  }

  /// The host of an absolute URL, lowercased, without port or user info.
  public static func host(of text: String) -> String? {
    var text = text
    if let printable = text.withUTF8({ hostOfPrintableASCII($0) }) { return printable }
    return hostBySplitting(text)
  }

  /// `host(of:)` by the general path, which splits on Characters.
  static func hostBySplitting(_ text: String) -> String? {
    guard let parts = split(text) else { return nil }
    var host = parts.authority
    if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
      return String(host[...close])
    }
    if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
    return host
  }

  /// Why `text` is not a URL a note can carry, or nil when it is one.
  public static func problem(with text: String) -> String? {
    if text.isEmpty { return "the URL is empty" }
    if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
      return "a URL cannot contain spaces or control characters"
    }
    guard let parts = split(text) else {
      return "expected an absolute URL such as https://example.com/page"
    }
    if parts.authority.isEmpty { return "the URL has no host" }
    return nil
  }

  /// `normalizeBySplitting` of a URL written in printable ASCII only (0x21...0x7E), done on
  /// bytes: there every Character is one byte, whitespace collapsing changes nothing and
  /// lowercasing is ASCII's. `.none` when the text has any other byte (take the general path);
  /// `.some(nil)` when it is no absolute URL.
  static func normalizePrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
    guard let bounds = printableASCIIBounds(bytes) else { return .none }
    guard let (colon, restStart, authorityEnd, restEnd) = bounds else { return .some(nil) }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    for byte in bytes[..<colon] { result.append(ASCII.lowercased(byte)) }
    let scheme = result
    result.append(contentsOf: "://".utf8)
    let authorityStart = result.count
    for byte in bytes[restStart..<authorityEnd] { result.append(ASCII.lowercased(byte)) }
    func authorityEnds(with port: String) -> Bool {
      result.count - authorityStart >= port.utf8.count
        && result.suffix(port.utf8.count).elementsEqual(port.utf8)
    }
    if (scheme.elementsEqual("http".utf8) && authorityEnds(with: ":80"))
      || (scheme.elementsEqual("https".utf8) && authorityEnds(with: ":443"))
    {
      result.removeSubrange(result.lastIndex(of: UInt8(ascii: ":"))!...)
    }
    let question = bytes[authorityEnd..<restEnd].firstIndex(of: UInt8(ascii: "?")) ?? restEnd
    var pathEnd = question
    while pathEnd > authorityEnd && bytes[pathEnd - 1] == 0x2F { pathEnd -= 1 }
    result.append(contentsOf: bytes[authorityEnd..<pathEnd])
    if question + 1 < restEnd { result.append(contentsOf: bytes[question..<restEnd]) }
    return .some(String(decoding: result, as: UTF8.self))
  }

  /// `hostBySplitting` of a URL in printable ASCII only, on bytes (as
  /// `normalizePrintableASCII`): `.none` for other text, `.some(nil)` for no absolute URL. A
  /// list prints every note's host; splitting on Characters took a tenth of a `list --query`
  /// that printed 8,889 notes.
  static func hostOfPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
    guard let bounds = printableASCIIBounds(bytes) else { return .none }
    guard let found = bounds else { return .some(nil) }
    let colon = found.colon
    var start = found.restStart
    var end = found.authorityEnd
    // As `hostBySplitting`: without the scheme's default port (`split`), after the user
    // info, then a bracketed IPv6 address whole, or the part before a port.
    func endsWith(_ suffix: String) -> Bool {
      end - start >= suffix.utf8.count
        && bytes[(end - suffix.utf8.count)..<end].map(ASCII.lowercased).elementsEqual(suffix.utf8)
    }
    let scheme = bytes[..<colon].map(ASCII.lowercased)
    if scheme.elementsEqual("http".utf8) && endsWith(":80") {
      end -= 3
    } else if scheme.elementsEqual("https".utf8) && endsWith(":443") {
      end -= 4
    }
    if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
    if start < end, bytes[start] == UInt8(ascii: "["),
      let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]"))
    {
      end = close + 1
    } else if let colon = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")) {
      end = colon
    }
    return .some(String(decoding: bytes[start..<end].map(ASCII.lowercased), as: UTF8.self))
  }

  /// Where the parts of a URL in printable ASCII (0x21...0x7E) lie: the scheme's colon, the
  /// authority (`restStart..<authorityEnd`) and the end before any fragment. `.none` when the
  /// text has any other byte; `.some(nil)` when it is no absolute URL with a host.
  static func printableASCIIBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    colon: Int, restStart: Int, authorityEnd: Int, restEnd: Int
  )?? {
    guard bytes.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else { return .none }
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return .some(nil) }
    func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    guard isLetter(bytes[0]),
      bytes[..<colon].allSatisfy({
        isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
      })
    else { return .some(nil) }
    var restStart = colon + 1
    guard bytes.count - restStart >= 2, bytes[restStart] == 0x2F, bytes[restStart + 1] == 0x2F
    else { return .some(nil) }
    restStart += 2
    let restEnd = bytes[restStart...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
    let authorityEnd =
      bytes[restStart..<restEnd].firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) ?? restEnd
    guard authorityEnd > restStart else { return .some(nil) }
    return .some((colon, restStart, authorityEnd, restEnd))
  }

  struct Parts {
    var scheme: String
    var authority: String
    var path: String
    var query: String?
  }

  static func split(_ text: String) -> Parts? {
    let trimmed = InlineMarkup.collapseWhitespace(text)
    guard let colon = trimmed.firstIndex(of: ":") else { return nil }
    let scheme = trimmed[..<colon].lowercased()
    guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic,
      scheme.unicodeScalars.allSatisfy({
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
      })
    else { return nil }
    var rest = trimmed[trimmed.index(after: colon)...]
    guard rest.hasPrefix("//") else { return nil }
    rest = rest.dropFirst(2)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    var authority = rest[..<authorityEnd].lowercased()
    guard !authority.isEmpty else { return nil }
    if (scheme == "http" && authority.hasSuffix(":80"))
      || (scheme == "https" && authority.hasSuffix(":443"))
    {
      authority = String(authority[..<authority.lastIndex(of: ":")!])
    }
    let pathAndQuery = rest[authorityEnd...]
    var path = String(pathAndQuery)
    var query: String?
    if let question = pathAndQuery.firstIndex(of: "?") {
      path = String(pathAndQuery[..<question])
      query = String(pathAndQuery[pathAndQuery.index(after: question)...])
    }
    return Parts(scheme: scheme, authority: authority, path: path, query: query)
  }
}
