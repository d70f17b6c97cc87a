extension NetscapeBookmarkReader {
  /// Turns tokens into drafts, tracking the folder path and which text is being collected.
  ///
  /// Text belongs to the open anchor, folder name or description; any block tag (`<DT>`,
  /// `<DD>`, `<DL>`, `<H3>`, `<A>`) ends it, which is what makes unclosed tags harmless.
  struct Collector {
    enum Mode {
      case none
      case anchor(Anchor)
      /// `marked`: the exporter flags it as a root; `topLevel`: not inside another folder.
      case folderName(marked: Bool, topLevel: Bool)
      case description(draft: Int)
    }

    /// An open `<A>`: what its attributes say, and why it is skipped when it names no page.
    struct Anchor {
      var href: String
      var tags: [String]
      var created: Timestamp?
      var updated: Timestamp?
      /// Byte offset of the `<A` in the text, for the warning that names its line.
      var offset: Int
      var skipped: String?
    }

    let folderTags: Bool
    var drafts: [NoteDraft] = []
    /// Anchors left out (`place:`, `javascript:`, relative links): a reason and an offset.
    var skipped: [(message: String, offset: Int)] = []
    /// One entry per open `<DL>`: its folder's name, nil for a root or unnamed folder.
    var folders: [String?] = []
    /// The folder named by the last `<H3>`, waiting for its `<DL>`; `.some(nil)` for a root.
    var pendingFolder: String??
    var mode = Mode.none
    var buffer = ""
    /// Folded folders met outside every list: Safari's first two are its collections.
    var safariCollectionsSeen = 0
    /// The draft a `<DD>` would describe: the anchor just closed, with no `<DT>` since.
    var describable: Int?

    init(folderTags: Bool) { self.folderTags = folderTags }

    /// Takes the next token; `offset` is where it starts in the text.
    mutating func consume(_ token: Token, at offset: Int) {
      switch token {
      case .text(let text):
        if case .none = mode { return }
        buffer += text
      case .start(let name, let attributes):
        start(name, attributes, at: offset)
      case .end(let name):
        end(name)
      }
    }

    mutating func finish() -> [NoteDraft] {
      closeText()
      return drafts
    }

    private mutating func start(_ name: String, _ attributes: [String: String], at offset: Int) {
      switch name {
      case "a":
        closeText()
        let href = InlineMarkup.collapseWhitespace(attributes["href"] ?? "")
        guard !href.isEmpty else { return }
        mode = .anchor(
          Anchor(
            href: href, tags: NetscapeBookmarkReader.splitTags(attributes["tags"] ?? ""),
            created: NetscapeBookmarkReader.timestamp(attributes["add_date"]),
            updated: NetscapeBookmarkReader.timestamp(attributes["last_modified"]),
            offset: offset, skipped: NetscapeBookmarkReader.skipReason(href)))
      case "h3":
        closeText()
        describable = nil
        mode = .folderName(marked: isMarkedRoot(attributes), topLevel: folders.count <= 1)
      case "dd":
        closeText()
        if let describable { mode = .description(draft: describable) }
      case "dt":
        closeText()
        describable = nil
        pendingFolder = nil
      case "dl":
        closeText()
        folders.append(pendingFolder ?? nil)
        pendingFolder = nil
        describable = nil
      case "br", "p":
        if case .description = mode { buffer += "\n" }
      default:
        break
      }
    }

    private mutating func end(_ name: String) {
      switch (name, mode) {
      case ("a", .anchor), ("h3", .folderName), ("dd", .description):
        closeText()
      case ("dl", _):
        closeText()
        if !folders.isEmpty { folders.removeLast() }
        describable = nil
      default:
        break
      }
    }

    /// Ends the text being collected and stores what it names.
    private mutating func closeText() {
      switch mode {
      case .none:
        break
      case .anchor(var anchor):
        let title = InlineMarkup.collapseWhitespace(buffer)
        if let reason = anchor.skipped {
          let shown = title.isEmpty ? "" : " (\"\(title)\")"
          skipped.append(
            ("skipped \"\(Self.shortened(anchor.href))\"\(shown): \(reason)", anchor.offset))
          describable = nil
          break
        }
        if folderTags {
          var seen = Set(anchor.tags.map(TagKey.init))
          for case let folder? in folders where seen.insert(TagKey(folder)).inserted {
            anchor.tags.append(folder)
          }
        }
        drafts.append(
          NoteDraft(
            url: anchor.href, title: title.isEmpty ? anchor.href : title, tags: anchor.tags,
            created: anchor.created, updated: anchor.updated))
        describable = drafts.count - 1
      case .folderName(let marked, let topLevel):
        let name = InlineMarkup.collapseWhitespace(buffer)
        // A browser's root is flagged, or is a top-level folder with a root's name; a user's
        // folder deeper down may well be called "Favorites".
        let isRoot =
          marked || (topLevel && NetscapeBookmarkReader.rootFolderNames.contains(TagKey(name)))
        pendingFolder = .some(isRoot || name.isEmpty ? nil : name)
      case .description(let draft):
        drafts[draft].summary = ServiceFields.summary(buffer)
        describable = nil
      }
      mode = .none
      buffer = ""
    }

    /// Whether the exporter marks this folder as one of the browser's own, by structure rather
    /// than by name (names are localised: Safari's Favorites bar is "Favoris" in French, Chrome's
    /// bar "Lesezeichenleiste" in German). Firefox and Chrome flag their toolbar and unfiled
    /// folders (`PERSONAL_TOOLBAR_FOLDER`, `UNFILED_BOOKMARKS_FOLDER`; Chrome writes the other
    /// and mobile bookmarks at the top level, in no folder). Safari writes no list around its
    /// folders and always begins with its two collections, the Favorites bar and the Bookmarks
    /// Menu, as `<H3 FOLDED>` (empty or not); its Reading List has `id="com.apple.ReadingList"`.
    private mutating func isMarkedRoot(_ attributes: [String: String]) -> Bool {
      if attributes["personal_toolbar_folder"]?.lowercased() == "true"
        || attributes["unfiled_bookmarks_folder"]?.lowercased() == "true"
        || attributes["id"] == "com.apple.ReadingList"
      {
        return true
      }
      guard folders.isEmpty, attributes["folded"] != nil else { return false }
      safariCollectionsSeen += 1
      return safariCollectionsSeen <= 2
    }

    /// An address cut to 60 characters for a warning (a bookmarklet can be kilobytes long).
    static func shortened(_ href: String) -> String {
      href.count <= 60 ? href : String(href.prefix(59)) + "…"
    }
  }
}
