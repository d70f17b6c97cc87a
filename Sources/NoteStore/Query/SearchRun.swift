/// One query's search over the searcher's tables, possibly unfinished: the notes decided so
/// far (matched, with their final scores), the notes whose summary or body still decide, and
/// the candidates not looked at yet.
///
/// Pass one looks at each candidate's title, tags and URL in the tables, reading no note; a
/// note whose match depends on its summary or body (a term found in none of those fields, or
/// a negated term) is left `pending`. Pass two reads the pending notes. `NoteSearcher.advance`
/// runs both, as far as a `SearchBudget` allows, so the browser draws what is found so far
/// and reads on between keys, as fzf matches its input while it reads it. A score found in
/// either pass is final (a note's score depends on that note alone), so the finished run
/// equals a search done in one go.
struct SearchRun {
  /// `NoteSearcher.key` of the query and scope, and the order of `ranking`.
  let key: String
  let order: NoteOrder
  let query: Query
  let scope: NoteFilter
  let matcher: QueryMatcher
  let tagScores: TagScores
  /// Each text term's raw needle (`RawNeedle`), by term index.
  let needles: [RawNeedle?]
  /// The notes pass one looks at, and the next one it will.
  var candidates: [Int] = []
  var nextCandidate = 0
  /// The notes found to match, in the order found, with their scores.
  var matches = NoteSearcher.Matches(positions: [], scores: [])
  /// Notes whose summary or body decide whether (and how well) they match; pass two reads
  /// them in this order, from `nextPending`.
  var pending: [Int] = []
  var nextPending = 0
  /// `matches` in `order`: sort keys (`NoteSearcher.rankKey`) for the orders that have them,
  /// and positions; the first `rankedCount` matches are in them.
  var rankKeys: [UInt64] = []
  var ranking: [Int] = []
  var rankedCount = 0

  /// Whether every candidate is decided.
  var isComplete: Bool { nextCandidate == candidates.count && nextPending == pending.count }

  /// The notes that may still match: a query that narrows this one needs to look at no other.
  var possible: [Int] {
    matches.positions + pending[nextPending...] + candidates[nextCandidate...]
  }

  /// How far the run is, for the status line.
  func progress(total: Int) -> SearchProgress? {
    guard !isComplete else { return nil }
    return SearchProgress(
      matched: matches.positions.count, total: total,
      decided: nextCandidate - (pending.count - nextPending), candidates: candidates.count)
  }
}

/// An unfinished search's state: what the browser's status line shows while the summaries
/// and bodies are read (`1,014/100,000 (35%)`, as fzf shows its matches while it reads).
public struct SearchProgress: Equatable, Sendable, CustomStringConvertible {
  /// Notes found so far, and in the store.
  public let matched: Int
  public let total: Int
  /// Candidates decided, of all the query's candidates.
  public let decided: Int
  public let candidates: Int

  public var percent: Int { candidates == 0 ? 100 : decided * 100 / candidates }

  public var description: String {
    "\(Self.grouped(matched))/\(Self.grouped(total)) (\(percent)%)"
  }

  /// `100000` as `100,000`.
  static func grouped(_ value: Int) -> String {
    var digits = String(value)
    var index = digits.endIndex
    while digits.distance(from: digits.startIndex, to: index) > 3 {
      index = digits.index(index, offsetBy: -3)
      digits.insert(",", at: index)
    }
    return digits
  }
}

/// How much of a search's second pass (`SearchRun`) one call may do: at most `notes` pending
/// notes, and no more than `duration` after the call began (checked every few notes).
public struct SearchBudget: Equatable, Sendable {
  public var notes: Int
  public var duration: Duration?

  public init(notes: Int = .max, duration: Duration? = nil) {
    self.notes = notes
    self.duration = duration
  }

  /// The whole search at once (the CLI, and every screen but the first screen's search).
  public static let unlimited = SearchBudget()
}

/// A search's notes in rank order, and how far it is when unfinished (nil: complete).
public struct SearchResult: Sendable {
  public let notes: RankedNotes
  public let progress: SearchProgress?
}
