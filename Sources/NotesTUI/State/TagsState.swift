import NoteStore

/// The tag list: its order, the type-to-filter text, the selection, and the rows shown.
///
/// With no tag selected the rows are every tag with its note count; with a selection they are
/// the tags that co-occur on the notes the selection stands for, counted over them. The
/// rows are recomputed (`reload`) only when one of those inputs changes, never per frame.
public struct TagsState: Equatable, Sendable {
  public var order: TagOrder = .count
  /// The query the tag names must match (typed after `/`; `applyFilter`).
  public var filter: String = ""
  /// The chosen tags: AND groups, OR alternatives, exclusions.
  public private(set) var selection = TagSelection()
  /// When set, only these tags are listed: the tags of one note (`t` on a preview).
  public var restriction: [String]?
  /// The title of the note `restriction` came from, for the header line.
  public var restrictionTitle: String?
  /// The note `restriction` came from: its tags are read again on every reload, so a rename,
  /// a merge or another process's edit shows on this page too.
  public var restrictionNote: NoteID?
  /// Only tags that a single note in the whole store carries (the typos and one-off tags an
  /// LLM leaves behind, for clean-up by rename or merge).
  public var singleNoteOnly = false
  /// With `singleNoteOnly`: the title of the one note carrying each listed tag, shown beside
  /// it so a stray tag can be judged without opening the note.
  public private(set) var singleNoteTitles: [TagKey: String] = [:]
  /// The rows on screen, after selection, restriction and filter.
  public private(set) var rows: [TagCount] = []
  /// The rows before the type-to-filter text: a keystroke of the filter narrows these again
  /// instead of recomputing co-occurring tags and counts from the store.
  private var unfilteredRows: [TagCount] = []
  /// Number of notes carrying every selected tag (all notes when none is selected).
  public private(set) var selectionCount = 0
  public var list = ListState()

  public init() {}

  /// The tag under the cursor, if any.
  public var current: TagCount? {
    rows.indices.contains(list.selection) ? rows[list.selection] : nil
  }

  /// Changes the selection (`change` adds, excludes or removes a tag) and lists the tags
  /// co-occurring with the new one from the top.
  public mutating func select(
    store: NoteStore, searcher: NoteSearcher, _ change: (inout TagSelection) -> Void
  ) {
    change(&selection)
    filter = ""
    list.top()
    reload(store: store, searcher: searcher)
  }

  /// Removes the most recently selected tag; false when none was selected.
  @discardableResult
  public mutating func unselectLast(store: NoteStore, searcher: NoteSearcher) -> Bool {
    guard selection.removeLast() else { return false }
    reload(store: store, searcher: searcher)
    return true
  }

  /// Recomputes the rows, keeping the cursor on the same tag when it is still listed.
  public mutating func reload(store: NoteStore, searcher: NoteSearcher) {
    if let restrictionNote, let header = store.header(restrictionNote) {
      restriction = header.tags
      restrictionTitle = header.title
    }
    var counts: [TagCount]
    if selection.isEmpty {
      counts = store.tagCounts(order: order)
      selectionCount = store.count
    } else if selection.isPlainAND {
      counts = store.cooccurringTags(with: selection.requiredTags, order: order)
      selectionCount = store.noteIDs(matching: NoteFilter(allTags: selection.requiredTags)).count
    } else {
      selectionCount = searcher.noteIDs(matching: selection.query).count
      counts = searcher.cooccurringTags(matching: selection.candidateQuery, order: order).tags
      // After `|` the candidates include notes outside the selection: leave out its own tags.
      counts.removeAll { selection.contains($0.tag) }
    }
    if let restriction {
      let keys = Set(restriction.map(TagKey.init))
      counts = counts.filter { keys.contains(TagKey($0.tag)) }
    }
    singleNoteTitles = [:]
    if singleNoteOnly {
      // Used once in the whole store, not once among the notes under the selection.
      for single in store.singleUseTags() { singleNoteTitles[TagKey(single.tag)] = single.title }
      counts = counts.filter { singleNoteTitles[TagKey($0.tag)] != nil }
    }
    unfilteredRows = counts
    applyFilter()
  }

  /// Sets the type-to-filter text: only the rows are narrowed, nothing is read from the store.
  public mutating func setFilter(_ text: String) {
    filter = text
    applyFilter()
  }

  /// Narrows `unfilteredRows` by `filter`, keeping the cursor on the same tag when listed.
  ///
  /// The filter is read in the query language by the search's own matcher
  /// (`QueryMatcher.matchesTag`): a tag stays when the query matches it as the only tag of a
  /// note (fuzzy, smart case, `'exact`, `^prefix`, `!term`, `#tag`, `!#tag`, `a | b`); a
  /// filter that does not parse (an unclosed quote) keeps the rows as they were.
  private mutating func applyFilter() {
    let previous = current?.tag
    if filter.isEmpty {
      rows = unfilteredRows
    } else if let query = try? QueryParser.parse(filter) {
      let matcher = QueryMatcher(query)
      rows = unfilteredRows.filter { matcher.matchesTag($0.tag) }
    }
    list.setCount(rows.count)
    if let previous, let index = rows.firstIndex(where: { $0.tag == previous }) {
      list.select(index)
    }
  }
}
