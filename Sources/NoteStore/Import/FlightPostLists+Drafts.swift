import ByteJSON
import Diagnostics
import FlightFormat

extension FlightPostLists {
  /// What the posts' links are resolved against: `baseURL` (`import --base-url`) as a folder,
  /// else the root of the site whose address the page states (content layers write a post's
  /// path from the site root, `blog/a-post`, whatever page lists it); nil when neither is known.
  func base(given baseURL: String?) -> String? {
    if let baseURL { return baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }
    return pageAddress.map { Self.origin(of: $0) + "/" }
  }

  /// `link` resolved against an absolute `base`: an absolute link as it is, `//host/…` with
  /// the base's scheme, `/path` on the base's site, anything else in the base's folder.
  static func resolve(_ link: String, against base: String) -> String {
    if isAbsolute(link) { return link }
    guard let schemeEnd = schemeEnd(of: base) else { return link }
    if link.hasPrefix("//") { return String(base[..<schemeEnd]) + ":" + link }
    let origin = origin(of: base)
    if link.hasPrefix("/") { return origin + link }
    let path = base.dropFirst(origin.count).prefix { $0 != "?" && $0 != "#" }
    let folder: Substring = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
    return origin + String(folder) + link
  }

  /// `scheme://host[:port]` of an absolute address.
  static func origin(of address: String) -> String {
    guard let schemeEnd = schemeEnd(of: address) else { return address }
    let rest = address[schemeEnd...].dropFirst(3)
    let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    return String(address[..<hostEnd])
  }

  /// Where `://` begins in an address; nil when it has none.
  static func schemeEnd(of address: String) -> String.Index? {
    var index = address.startIndex
    while index < address.endIndex {
      if address[index...].hasPrefix("://") { return index }
      guard address[index].isLetter || "+-.".contains(address[index]) else { return nil }
      index = address.index(after: index)
    }
    return nil
  }
}

extension FlightDumpReader {
  /// Notes from the posts a page holds as data (`FlightPostLists`), for a page without
  /// rendered previews, with a note naming the base their links were resolved against (a
  /// guess when the page's own address is used: slugs may live in a folder of the site); nil
  /// when it holds none. Throws, naming `--base-url`, when the page states no address to
  /// resolve the posts' links against and none was given.
  func postListDrafts(_ document: FlightDocument) throws(Diagnostic)
    -> (drafts: [PendingNotes.Prepared], note: Diagnostic)?
  {
    let lists = FlightPostLists(document: document)
    guard !lists.posts.isEmpty else { return nil }
    let count = lists.posts.count
    guard let base = lists.base(given: baseURL) else {
      throw Diagnostic(
        "no note previews found, but the page holds \(count) post\(count == 1 ? "" : "s") "
          + "with tags as data and states no address (canonical link, og:url or metadataBase) "
          + "to resolve their links against; import it again with --base-url URL (the site "
          + "address its post paths start from), nothing was imported",
        at: lists.firstRowID.flatMap { position(ofRow: $0, in: document) } ?? .start)
    }
    let source =
      baseURL != nil
      ? "given by --base-url"
      : "the site of the page's \(lists.pageAddressSource) \(lists.pageAddress ?? ""); if they "
        + "live in a folder of it, import again with --base-url URL"
    let note = Diagnostic(
      "\(count) post\(count == 1 ? "" : "s") held as data: links resolved against \(base) "
        + "(\(source))",
      at: lists.firstRowID.flatMap { position(ofRow: $0, in: document) }
        ?? .start, severity: .note)
    let drafts = lists.posts.map { post in
      PendingNotes.Prepared(
        NoteDraft(
          url: FlightPostLists.resolve(post.link, against: base), title: post.title,
          tags: post.tags, summary: ServiceFields.summary(post.text), created: post.created))
    }
    return (drafts, note)
  }
}
