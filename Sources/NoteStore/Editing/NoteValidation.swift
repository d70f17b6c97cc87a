/// What is wrong with a draft before it may be saved. `message` is the one text the TUI's
/// status line and the CLI both show.
public enum NoteProblem: Error, Equatable, Sendable, CustomStringConvertible {
  /// The title is empty (or only whitespace).
  case emptyTitle
  /// The URL is not an absolute URL with a scheme and a host; `reason` says what is missing.
  case malformedURL(String, reason: String)
  /// Another note already has this URL (compared normalised); the UI can offer to open it.
  case duplicateURL(String, owner: NoteID, ownerTitle: String)
  /// Tag number `index` (0-based) is empty.
  case emptyTag(index: Int)
  /// Two tags are one tag: tags compare case-insensitively.
  case duplicateTag(String, String)

  public var message: String {
    switch self {
    case .emptyTitle:
      return "the title is empty"
    case .malformedURL(let url, let reason):
      return "malformed URL \"\(url)\": \(reason)"
    case .duplicateURL(_, let owner, let ownerTitle):
      return "another note already has this URL: \(owner) \"\(ownerTitle)\""
    case .emptyTag(let index):
      return "tag \(index + 1) is empty"
    case .duplicateTag(let first, let second):
      return first == second
        ? "tag \"\(first)\" is listed twice"
        : "tags \"\(first)\" and \"\(second)\" are the same tag (tags ignore case)"
    }
  }

  public var description: String { message }
}

/// The rules a note must pass to be saved by hand.
///
/// URLs: absolute, with a scheme and a host (`https://example.com/page`, `ftp://host/x`); a note
/// may also have no URL at all. `file:///…` URLs have no host and are refused, because the
/// store matches notes by normalised URL and such a URL normalises to nothing.
public enum NoteValidation {
  /// Every problem with `draft` (expected tidied: `NoteDraft.tidied`), in field order: URL,
  /// title, tags. `editing` is the note being edited, whose own URL is no duplicate.
  ///
  /// Complexity: the duplicate-URL check is `NoteStore.noteID(forURL:except:)`, a lookup in
  /// the store's URL buckets (built once per process, then patched by every change).
  public static func problems(
    in draft: NoteDraft, editing: NoteID? = nil, store: NoteStore
  ) -> [NoteProblem] {
    var problems: [NoteProblem] = []
    if let url = draft.url {
      if let reason = NormalizedURL.problem(with: url) {
        problems.append(.malformedURL(url, reason: reason))
      } else if let owner = store.noteID(forURL: url, except: editing) {
        problems.append(
          .duplicateURL(url, owner: owner, ownerTitle: store.header(owner)?.title ?? ""))
      }
    }
    if draft.title.isEmpty { problems.append(.emptyTitle) }
    problems += tagProblems(draft.tags)
    return problems
  }

  /// Empty tags and tags listed twice (case-insensitively).
  public static func tagProblems(_ tags: [String]) -> [NoteProblem] {
    var problems: [NoteProblem] = []
    var seen: [TagKey: String] = [:]
    for (index, tag) in tags.enumerated() {
      if tag.isEmpty {
        problems.append(.emptyTag(index: index))
      } else if let first = seen[TagKey(tag)] {
        problems.append(.duplicateTag(first, tag))
      } else {
        seen[TagKey(tag)] = tag
      }
    }
    return problems
  }
}
