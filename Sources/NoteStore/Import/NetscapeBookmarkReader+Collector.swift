extension NetscapeBookmarkReader {
  /// Turns tokens into drafts, tracking the folder path and which text is being collected.
  ///
  /// Text belongs to the open anchor, folder name or description; any block tag (`<DT>`,
  /// `<DD>`, `<DL>`, `<H3>`, `<A>`) ends it, which is what makes unclosed tags harmless.
  struct Collector {
    enum Mode {
      case none
      case anchor(href: String, tags: [String])
      case folderName(isRoot: Bool)
      case description(draft: Int)
    }

    let folderTags: Bool
    var drafts: [NoteDraft] = []
    /// One entry per open `<DL>`: its folder's name, nil for a root or unnamed folder.
    var folders: [String?] = []
    /// The folder named by the last `<H3>`, waiting for its `<DL>`; `.some(nil)` for a root.
    var pendingFolder: String??
    var mode = Mode.none
    var buffer = ""
    /// The draft a `<DD>` would describe: the anchor just closed, with no `<DT>` since.
    var describable: Int?

    init(folderTags: Bool) { self.folderTags = folderTags }

    mutating func consume(_ token: Token) {
      switch token {
      case .text(let text):
        if case .none = mode { return }
        buffer += text
      case .start(let name, let attributes):
        start(name, attributes)
      case .end(let name):
        end(name)
      }
    }

    mutating func finish() -> [NoteDraft] {
      closeText()
      return drafts
    }

    private mutating func start(_ name: String, _ attributes: [String: String]) {
      switch name {
      case "a":
        closeText()
        let href = InlineMarkup.collapseWhitespace(attributes["href"] ?? "")
        guard !href.isEmpty, !href.lowercased().hasPrefix("place:") else { return }
        mode = .anchor(href: href, tags: NetscapeBookmarkReader.splitTags(attributes["tags"] ?? ""))
      case "h3":
        closeText()
        describable = nil
        let isRoot =
          attributes["personal_toolbar_folder"] == "true"
          || attributes["unfiled_bookmarks_folder"] == "true"
        mode = .folderName(isRoot: isRoot)
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
      case .anchor(let href, var tags):
        let title = InlineMarkup.collapseWhitespace(buffer)
        if folderTags {
          var seen = Set(tags.map(TagKey.init))
          for case let folder? in folders where seen.insert(TagKey(folder)).inserted {
            tags.append(folder)
          }
        }
        drafts.append(NoteDraft(url: href, title: title.isEmpty ? href : title, tags: tags))
        describable = drafts.count - 1
      case .folderName(let isRoot):
        let name = InlineMarkup.collapseWhitespace(buffer)
        pendingFolder = .some(isRoot || name.isEmpty ? nil : name)
      case .description(let draft):
        drafts[draft].summary = buffer.split(separator: "\n").compactMap { line in
          let text = InlineMarkup.collapseWhitespace(String(line))
          return text.isEmpty ? nil : SummaryNode(spans: [InlineSpan(text)])
        }
        describable = nil
      }
      mode = .none
      buffer = ""
    }
  }
}
