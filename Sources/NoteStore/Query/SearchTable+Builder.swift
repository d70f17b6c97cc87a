extension SearchTable {
  /// Builds a `SearchTable` a step at a time, so the browser can build it while idle without
  /// holding a key for the whole build (≈0.3 s at 100k notes, ≈2 s at 1M): each `step` does a
  /// bounded piece of work — 4,096 headers, the postings of tags until 262,144 are counted or
  /// filled in, one run of 16,384 notes sorted, or 65,536 notes merged — and the caller stops
  /// between steps when its slice is over.
  ///
  /// The table is the one `SearchTable.init` builds: the list order is sorted in runs with
  /// the same comparison, then the runs are merged (a stable bottom-up merge sort, whose
  /// result is the same since no two notes compare equal: ids differ).
  struct Builder {
    let records: NoteRecords
    let entries: [(key: TagKey, value: TagIndex.Entry)]
    var headers: [NoteHeader] = []
    var postings: [[Int]] = []
    var start: [Int32] = []
    var slots: [Int32] = []
    var nextSlot = 0
    /// Positions in list order, sorted in runs of `run` and merged in passes of `width`.
    var order: [Int] = []
    var sortedRuns = 0
    var width = 0
    var merged: [Int] = []
    var table: SearchTable?

    /// The step sizes (`tagChunk` in postings): each a few ms at most on this machine's cores.
    /// Tests make them small.
    let headerChunk: Int
    let tagChunk: Int
    let run: Int
    let mergeChunk: Int

    init(
      _ store: NoteStore, headerChunk: Int = 4_096, tagChunk: Int = 262_144, run: Int = 16_384,
      mergeChunk: Int = 65_536
    ) {
      records = store.records
      entries = Array(store.tagIndex.entries)
      headers.reserveCapacity(records.count)
      self.headerChunk = headerChunk
      self.tagChunk = tagChunk
      self.run = run
      self.mergeChunk = mergeChunk
    }

    var isDone: Bool { table != nil }

    /// Does the next piece of work; `table` is set by the last one.
    mutating func step() {
      if headers.count < records.count {
        let end = min(records.count, headers.count + headerChunk)
        for position in headers.count..<end { headers.append(records[position].header) }
      } else if postings.count < entries.count {
        // Tags until `tagChunk` postings are counted: the commonest tags are on half the notes.
        if counts.isEmpty { counts = [Int32](repeating: 0, count: headers.count + 1) }
        var taken = 0
        while postings.count < entries.count, taken < tagChunk {
          let positions = entries[postings.count].value.positions
          for position in positions { counts[position + 1] += 1 }
          postings.append(positions)
          taken += positions.count
        }
      } else if start.isEmpty {
        // (A store without tags counted nothing.)
        if counts.isEmpty { counts = [Int32](repeating: 0, count: headers.count + 1) }
        for position in 0..<headers.count { counts[position + 1] += counts[position] }
        // Left uninitialised: the fill writes every slot once, and zeroing 80 MB at 1M notes
        // in this one step would be its longest.
        let total = Int(counts[headers.count])
        slots = [Int32](unsafeUninitializedCapacity: total) { _, count in count = total }
        start = counts
        slotStarts = counts
        counts = []
        order = Array(headers.indices)
      } else if nextSlot < postings.count {
        var taken = 0
        while nextSlot < postings.count, taken < tagChunk {
          for position in postings[nextSlot] {
            slots[Int(start[position])] = Int32(nextSlot)
            start[position] += 1
          }
          taken += postings[nextSlot].count
          postings[nextSlot] = []
          nextSlot += 1
        }
      } else if sortedRuns * run < headers.count {
        sortRun()
      } else if width < headers.count {
        mergeStep()
      } else {
        finish()
      }
    }

    /// Each note's count of tags, then (summed) where its slots start; `start` is that, moved
    /// past the slots written so far; `slotStarts` as it was (the table's `tagSlotsStart`).
    var counts: [Int32] = []
    var slotStarts: [Int32] = []

    mutating func sortRun() {
      let lower = sortedRuns * run
      let upper = min(headers.count, lower + run)
      let headers = self.headers
      order[lower..<upper].sort { SearchTable.inListOrder(headers[$0], headers[$1]) }
      sortedRuns += 1
      if sortedRuns * run >= headers.count { width = run }
    }

    /// Merges pairs of sorted runs of `width` into `merged`, `mergeChunk` notes a step; a
    /// pass done, the runs are twice as wide.
    mutating func mergeStep() {
      let headers = self.headers
      var done = 0
      while done < mergeChunk, merged.count < order.count {
        // The pair of runs the next output element belongs to.
        let lower = merged.count / (2 * width) * (2 * width)
        let middle = min(order.count, lower + width)
        let upper = min(order.count, lower + 2 * width)
        // How many of each run are already out: binary search is not needed, the merge
        // keeps them as two cursors.
        var left = lower + leftTaken
        var right = middle + (merged.count - lower - leftTaken)
        while merged.count < upper, done < mergeChunk {
          if right >= upper
            || left < middle
              && !SearchTable.inListOrder(headers[order[right]], headers[order[left]])
          {
            merged.append(order[left])
            left += 1
            leftTaken += 1
          } else {
            merged.append(order[right])
            right += 1
          }
          done += 1
        }
        if merged.count == upper { leftTaken = 0 }
      }
      if merged.count == order.count {
        order = merged
        merged = []
        width *= 2
      }
    }

    /// Of the pair of runs being merged, how many of the left run are out.
    var leftTaken = 0

    mutating func finish() {
      var rank = [Int32](repeating: 0, count: headers.count)
      for (place, position) in order.enumerated() { rank[position] = Int32(place) }
      table = SearchTable(
        headers: headers, tagNames: entries.map(\.value.name), tagKeys: entries.map(\.key),
        tagSlotsStart: slotStarts, tagSlots: slots, dateRank: rank, positionByRank: order)
    }
  }
}
