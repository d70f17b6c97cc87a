import NoteStore

/// The list of notes under a tag selection (its `scope`), narrowed by the query typed after
/// `/` and shown in an order of the user's choice.
///
/// Holds headers only (cheap even for 100k notes); the views decode the few notes on screen to
/// show their first summary lines. A query that does not parse leaves the list as it was and
/// keeps the error, for the status line.
public struct PreviewsState: Equatable, Sendable {
  /// The tag terms every listed note must satisfy (empty: all notes).
  public let scope: Query
  /// The text typed after `/`.
  public private(set) var query: String = ""
  /// The last query that parsed: the list shows its result.
  public private(set) var parsed = Query()
  /// Why `query` does not parse, if it does not.
  public private(set) var error: QueryError?
  /// The chosen order; nil: by relevance with a query, else newest first.
  public var order: NoteOrder?
  public private(set) var headers: [NoteHeader] = []
  public var list = ListState()

  /// The notes of `scope`, in `order` (nil: by relevance with a query, else newest first).
  public init(scope: Query, store: NoteStore, searcher: NoteSearcher, order: NoteOrder? = nil) {
    self.scope = scope
    self.order = order
    reload(store: store, searcher: searcher)
  }

  /// The tags of groups of one tag: a note added from here gets them.
  public var requiredTags: [String] {
    scope.groups.compactMap {
      guard $0.count == 1, case .tag(let tag, negated: false) = $0[0] else { return nil }
      return tag
    }
  }

  /// How the scope is shown: "gpu + hardware" for tags that must all be there, else the
  /// query; "All notes" when empty.
  public var scopeLabel: String {
    if scope.isEmpty { return "All notes" }
    let plain = requiredTags.count == scope.groups.count
    return plain ? requiredTags.joined(separator: " + ") : scope.description
  }

  /// The note under the cursor, if any.
  public var current: NoteHeader? {
    headers.indices.contains(list.selection) ? headers[list.selection] : nil
  }

  /// The order the list is in.
  public var effectiveOrder: NoteOrder { order ?? (parsed.isEmpty ? .created : .relevance) }

  /// Sets the typed query; the list follows when it parses.
  public mutating func setQuery(_ text: String, store: NoteStore, searcher: NoteSearcher) {
    query = text
    do {
      parsed = try QueryParser.parse(text)
      error = nil
      reload(store: store, searcher: searcher)
      list.top()  // best first: the cursor starts on the best match
    } catch {
      self.error = error
    }
  }

  /// Re-runs the query, keeping the cursor on the same note when it is still listed.
  public mutating func reload(store: NoteStore, searcher: NoteSearcher) {
    let previous = current?.id
    headers = searcher.headers(
      matching: Query(scope.groups + parsed.groups), order: effectiveOrder)
    list.setCount(headers.count)
    if let previous, let index = headers.firstIndex(where: { $0.id == previous }) {
      list.select(index)
    } else {
      list.top()
    }
  }
}
