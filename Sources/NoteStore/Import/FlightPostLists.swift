import FlightFormat

/// Finds the posts a page holds as data rather than as rendered links: a component prop such as
/// `"posts":[…]` on a tag page whose cards are drawn on the client.
///
/// A second pass over the decoded values, run only when the page walk found no previews. By
/// structure only: an array of two or more objects, each with a string `title`, a link (`url`,
/// `href`, `link`, `permalink`, `path` or `slug`, the first present) and a `tags` array of
/// strings. No prop name, class name or row id of any one site is looked for; the member names
/// are the ones content layers (Contentlayer, MDX front matter) give every post. The same post
/// in two lists (a page's posts and its first page of them) is kept once, in first-seen order.
struct FlightPostLists {
  /// One post as the page holds it; `link` is as written, often a site path or a bare slug.
  struct Post: Equatable {
    var title: String
    var link: String
    var tags: [String]
    var created: Timestamp?
    var text: String
  }

  /// The posts found, in order, each link once.
  private(set) var posts: [Post] = []
  /// The row holding the first list, for messages.
  private(set) var firstRowID: String?
  /// The page's own address: a canonical link, `og:url` or `metadataBase`; nil when none.
  private(set) var pageAddress: String?
  /// Where `pageAddress` was stated ("canonical link", "og:url", "metadataBase"), for the note
  /// that names the base the posts' links were resolved against.
  private(set) var pageAddressSource = ""
  private var seenLinks: Set<String> = []

  /// Members naming a post's link, most specific first.
  static let linkKeys = ["url", "href", "link", "permalink", "path", "slug"]
  /// Members holding a post's date, and its text.
  static let dateKeys = ["date", "created", "createdAt", "published", "publishedAt"]
  static let textKeys = ["summary", "description", "desc", "excerpt"]
  /// Values visited per row at most: tag pages hold a few thousand; a hostile page cannot make
  /// the pass walk for ever.
  static let maxValuesPerRow = 1 << 20

  /// Walks every decoded row of `document` (references are not followed: each row is walked
  /// once, as itself).
  init(document: FlightDocument) {
    var seenRows: Set<String> = []
    for row in document.rows where seenRows.insert(row.id).inserted {
      guard let value = document.value(ofRow: row.id) else { continue }
      walk(value, rowID: row.id)
    }
  }

  private mutating func walk(_ root: FlightValue, rowID: String) {
    var stack = [root]
    var visited = 0
    while let value = stack.popLast(), visited < Self.maxValuesPerRow {
      visited += 1
      switch value {
      case .array(let items):
        if items.count >= 2, let list = Self.postList(items) {
          if firstRowID == nil { firstRowID = rowID }
          for post in list where seenLinks.insert(post.link).inserted { posts.append(post) }
          continue
        }
        stack += items.reversed()
      case .object(let object):
        if pageAddress == nil, let base = object["metadataBase"]?.stringValue,
          Self.isAbsolute(base)
        {
          pageAddress = base
          pageAddressSource = "metadataBase"
        }
        stack += object.members.map(\.value).reversed()
      case .element(let element):
        notePageAddress(element)
        stack.append(.object(element.props))
      default:
        break
      }
    }
  }

  /// `<link rel="canonical" href>` or `<meta property="og:url" content>` in the head.
  private mutating func notePageAddress(_ element: FlightElement) {
    guard pageAddress == nil, let tag = element.hostTag else { return }
    let props = element.props
    var address: String?
    var source = ""
    if tag == "link", props["rel"]?.stringValue?.lowercased() == "canonical" {
      address = props["href"]?.stringValue
      source = "canonical link"
    } else if tag == "meta", props["property"]?.stringValue == "og:url" {
      address = props["content"]?.stringValue
      source = "og:url"
    }
    if let address, Self.isAbsolute(address) {
      pageAddress = address
      pageAddressSource = source
    }
  }

  /// The posts of `items` when every item is a post; nil otherwise.
  static func postList(_ items: [FlightValue]) -> [Post]? {
    var posts: [Post] = []
    for item in items {
      guard case .object(let object) = item, let post = post(object) else { return nil }
      posts.append(post)
    }
    return posts
  }

  static func post(_ object: FlightObject) -> Post? {
    guard let title = object["title"]?.stringValue.map(InlineMarkup.collapseWhitespace),
      !title.isEmpty,
      let link = linkKeys.lazy.compactMap({ object[$0]?.stringValue }).first(where: {
        !$0.isEmpty
      }),
      case .array(let tagValues) = object["tags"]
    else { return nil }
    var names: [String] = []
    for value in tagValues {
      guard let name = value.stringValue else { return nil }
      names.append(name)
    }
    let tags = ServiceFields.tags(names)
    let created = dateKeys.lazy.compactMap { key -> Timestamp? in
      switch object[key] {
      case .string(let text), .date(let text): return Timestamp(lenientISO8601: text)
      default: return nil
      }
    }.first
    let text = textKeys.lazy.compactMap { object[$0]?.stringValue }.first ?? ""
    return Post(title: title, link: link, tags: tags, created: created, text: text)
  }

  static func isAbsolute(_ address: String) -> Bool {
    let lowered = address.lowercased()
    return (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) && address.count > 8
  }
}
