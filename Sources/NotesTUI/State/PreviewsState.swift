import NoteStore

/// The list of notes under a tag selection, narrowed by the text typed after `/`.
///
/// Holds headers only (cheap even for 100k notes); the views decode the few notes on screen to
/// show their first summary lines.
public struct PreviewsState: Equatable, Sendable {
  /// Tags every listed note carries (empty: all notes).
  public let tags: [String]
  /// Text the title, URL, tags or summary must contain.
  public var query: String = ""
  public private(set) var headers: [NoteHeader] = []
  public var list = ListState()

  public init(tags: [String], store: NoteStore) {
    self.tags = tags
    reload(store: store)
  }

  /// The note under the cursor, if any.
  public var current: NoteHeader? {
    headers.indices.contains(list.selection) ? headers[list.selection] : nil
  }

  /// The filter the list shows.
  public var filter: NoteFilter {
    NoteFilter(allTags: tags, text: query.isEmpty ? nil : query)
  }

  /// Re-runs the query, keeping the cursor on the same note when it is still listed.
  public mutating func reload(store: NoteStore) {
    let previous = current?.id
    headers = store.headers(matching: filter)
    list.setCount(headers.count)
    if let previous, let index = headers.firstIndex(where: { $0.id == previous }) {
      list.select(index)
    } else {
      list.top()
    }
  }
}
