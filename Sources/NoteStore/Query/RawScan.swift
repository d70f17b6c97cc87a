/// The notes of a snapshot laid out for a raw byte scan of the file: which note each byte
/// offset belongs to, and which notes are held in memory instead.
///
/// Reads only the records' snapshot ranges and the file (by `pread`), never the mapped index,
/// so two threads may each scan their half of the file with one value (`Parallel.both`).
struct RawScan {
  let snapshot: MappedFile
  let records: NoteRecords
  /// The positions (ascending) of the notes held in memory.
  let inMemory: [Int]

  /// Nil without a snapshot. O(changes since the snapshot): nothing is made per note (an
  /// array of every note's start cost a search at 1,000,000 notes 16 MB of fresh pages).
  init?(_ records: NoteRecords, snapshot: MappedFile?) {
    guard let snapshot else { return nil }
    self.snapshot = snapshot
    self.records = records
    inMemory = records.positionsInMemory
  }

  /// The position of the snapshot note whose bytes start at or before `offset` and last,
  /// or nil. Snapshot-backed records in position order have ascending ranges (puts replace
  /// records in place, deletes keep the order), so it is found by binary search over the
  /// positions; a probe at a note held in memory steps to the snapshot note before it (a few
  /// steps: notes in memory are the few saved since the snapshot).
  func owner(of offset: Int) -> Int? {
    // The snapshot note at or before `position`, with its range.
    func snapshotNote(atOrBefore position: Int) -> (position: Int, range: Range<Int>)? {
      var probe = position
      while probe >= 0 {
        if let range = records.snapshotRange(at: probe) { return (probe, range) }
        probe -= 1
      }
      return nil
    }
    // The last position whose snapshot note starts at or before `offset` is in low..<high.
    var low = 0
    var high = records.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if let note = snapshotNote(atOrBefore: middle), note.range.lowerBound > offset {
        high = note.position
      } else {
        low = middle
      }
    }
    guard let note = snapshotNote(atOrBefore: low), note.range.lowerBound <= offset,
      offset < note.range.upperBound
    else { return nil }
    return note.position
  }

  /// Calls `body` with the position of each snapshot note whose JSON holds `needle` (folding
  /// A–Z when `foldASCII`) at an offset in `range`, once per note, in ascending order. Reads
  /// the file `chunkLength` bytes at a time (`MappedFile.forEachChunk`: at the speed of `cat`,
  /// and without the snapshot's pages in the resident set).
  func forEachHit(
    _ needle: [UInt8], foldASCII: Bool, in range: Range<Int>, chunkLength: Int = 1 << 20,
    _ body: (Int) -> Void
  ) {
    guard !needle.isEmpty else { return }
    // Where the scan goes on (a file offset): past the note of the last hit, whose other
    // occurrences add nothing.
    var resume = range.lowerBound
    snapshot.forEachChunk(in: range, chunkLength: chunkLength, overlap: needle.count - 1) {
      chunk, chunkStart, owned in
      guard
        var scanner = TextMatcher.rawScanner(chunk, needle: needle, foldASCII: foldASCII)
      else { return false }
      while resume - chunkStart < owned,
        let local = scanner.next(from: max(0, resume - chunkStart)), local < owned
      {
        let hit = chunkStart + local
        guard let owner = owner(of: hit), let noteRange = records.snapshotRange(at: owner),
          hit + needle.count <= noteRange.upperBound
        else {
          resume = hit + 1
          continue
        }
        body(owner)
        resume = noteRange.upperBound
      }
      return true
    }
  }

  /// A snapshot note found by the scan, and whether it matches: nil when its bytes do not
  /// decode as a whole note (its header, from the index, then decides). `header` is the
  /// decoded note's (nil with `matches`): a list of the hits is ordered and printed from it,
  /// without reading each hit's header record from the index again (at 1,000,000 notes that
  /// read verified a 64 KiB block of the index per hit, a sixth of `list --search`).
  struct Verdict {
    var position: Int
    var matches: Bool?
    var header: NoteHeader?
  }

  /// The notes among `candidates` (nil: all) whose JSON holds the matcher's raw needle at an
  /// offset in `range`, each checked exactly on the note decoded from its bytes: its header
  /// fields, summary and body (`TextMatcher`).
  func checkedHits(
    _ matcher: TextMatcher, needle: [UInt8], among candidates: Set<Int>?, in range: Range<Int>
  ) -> [Verdict] {
    var verdicts: [Verdict] = []
    forEachHit(needle, foldASCII: matcher.foldASCII, in: range) { position in
      guard candidates?.contains(position) ?? true else { return }
      guard let note = records[position].note(in: snapshot) else {
        verdicts.append(Verdict(position: position, matches: nil, header: nil))
        return
      }
      let header = NoteHeader(note)
      let matches =
        matcher.matches(header) || matcher.matches(note.summary)
        || (note.body.map(matcher.matches) ?? false)
      verdicts.append(Verdict(position: position, matches: matches, header: header))
    }
    return verdicts
  }
}
