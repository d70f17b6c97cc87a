/// The notes of a snapshot laid out for a raw byte scan of the file: which note each byte
/// offset belongs to, and which notes are held in memory instead.
///
/// Reads only the records' snapshot ranges and the file (by `pread`), never the mapped index,
/// so two threads may each scan their half of the file with one value (`Parallel.both`).
struct RawScan {
  let snapshot: MappedFile
  let records: NoteRecords
  /// Snapshot-backed records in position order have ascending ranges (puts replace records
  /// in place, deletes keep the order), so a hit maps to its note by binary search of their
  /// starts.
  private var starts: [Int] = []
  private var owners: [Int] = []
  /// The positions (ascending) of the notes held in memory.
  private(set) var inMemory: [Int] = []

  /// Nil without a snapshot.
  init?(_ records: NoteRecords, snapshot: MappedFile?) {
    guard let snapshot else { return nil }
    self.snapshot = snapshot
    self.records = records
    starts.reserveCapacity(records.count)
    owners.reserveCapacity(records.count)
    for position in records.indices {
      if let range = records.snapshotRange(at: position) {
        starts.append(range.lowerBound)
        owners.append(position)
      } else {
        inMemory.append(position)
      }
    }
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
        let slot = TagIndex.lowerBound(hit + 1, in: starts) - 1
        guard slot >= 0, let noteRange = records.snapshotRange(at: owners[slot]),
          hit + needle.count <= noteRange.upperBound
        else {
          resume = hit + 1
          continue
        }
        body(owners[slot])
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
