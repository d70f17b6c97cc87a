import Foundation
import NoteStore

/// The command line's writes as whole processes (issue 16): `add` over enough adds to cross a
/// fold of the journal, then `tag merge`, `edit`, `tag rename` and `rm`. They leave the corpus
/// as they found it: the notes added are removed again, and the renamed tag renamed back.
extension StoreBenchmark {
  /// How many adds run with the journal just short of a fold, and how many after the add
  /// that makes the fold due.
  var addsAround: Int { options.smoke ? 1 : 5 }

  func addWriteRows(to table: inout BenchTable, cli: String, renameTag: TagCount) throws {
    let run = "\(getpid())-\(Int(Measure.now() * 1000) % 1_000_000)"
    let url = { (number: Int) in "https://bench.example.org/add/\(run)/\(number)" }
    func add(_ number: Int) -> ChildProcess.Result {
      ChildProcess.run([
        cli, "add", "--store", storePath, "--title", "Bench add \(number)", "--url", url(number),
        "--tag", Self.addTag, "--tag", "\(Self.fromTag) \(number)",
      ])
    }
    // A first add (untimed) gives the size of an add's journal record; the journal is then
    // filled to `addsAround` such records short of a fold, so that the timed adds show both
    // sides of it: opening with a journal about to fold, the add that makes it due, and the
    // adds made while the fold runs in the background and after it.
    let journalStart = journalBytes()
    guard add(0).status == 0 else { throw BenchError("url-notes add failed on \(storePath)") }
    let recordBytes = max(1, journalBytes() - journalStart)
    let filled = try fillJournal(leaving: recordBytes * addsAround)
    let journalBefore = journalBytes()
    let snapshotBefore = FileSystem.stamp(storePath)
    var times: [Double] = []
    var cpus: [Double] = []
    var dueAt: Int?
    var number = 1
    while number <= addsAround * 3 + 20 {
      let result = add(number)
      guard result.status == 0 else { throw BenchError("url-notes add failed on \(storePath)") }
      times.append(result.seconds)
      cpus.append(result.cpuSeconds)
      if dueAt == nil,
        journalBytes() > foldThreshold() || FileSystem.stamp(storePath) != snapshotBefore
      {
        dueAt = times.count
      }
      number += 1
      if let dueAt, times.count >= dueAt + addsAround { break }
    }
    let added = number
    let foldSeconds = waitForFold()
    let crossing =
      dueAt.map {
        "add \($0) of \(times.count) made the fold due (journal \(Self.megabytes(journalBefore)) "
          + "before the adds\(filled > 0 ? ", filled by the bench" : ""); the background fold "
          + "ended \(String(format: "%.1f", foldSeconds)) s after the last add)"
      } ?? "no fold in \(times.count) adds (journal \(Self.megabytes(journalBefore)))"
    let issue16 = size >= 1_000_000
    table.add(
      "CLI add, median", Measure.median(times), .seconds,
      "url-notes add, whole process, median of \(times.count) adds; cpu "
        + Self.seconds(Measure.median(cpus)) + "; " + crossing,
      target: issue16 ? .init(limit: 0.1, text: "≤ 0.1 s") : nil)
    table.add(
      "CLI add, max", times.max(), .seconds, "the slowest of the same adds",
      target: table.cat.flatMap { issue16 ? .init(limit: 3 * $0, text: "≤ 3× cat") : nil })

    // Each merge moves one added note's own tag into the common one: one note changes.
    let merges = timed(min(addsAround, added)) {
      [cli, "tag", "merge", "--store", storePath, "\(Self.fromTag) \($0)", Self.addTag]
    }
    addRow(&table, "CLI tag merge", merges, "url-notes tag merge of a tag on one note")
    let edits = timed(min(addsAround, added)) { [cli, "edit", "--store", storePath, url($0)] }
    addRow(
      &table, "CLI edit", edits, "url-notes edit of one note, $EDITOR a sed that sets its title")
    // There and back, so the corpus keeps its tags.
    let renamed = renameTag.tag + " renamed by the bench"
    let renames = timed(max(2, addsAround - addsAround % 2)) {
      $0 % 2 == 0
        ? [cli, "tag", "rename", "--store", storePath, renameTag.tag, renamed]
        : [cli, "tag", "rename", "--store", storePath, renamed, renameTag.tag]
    }
    addRow(
      &table, "CLI tag rename", renames,
      "url-notes tag rename of \"\(renameTag.tag)\" (\(renameTag.count) note\(renameTag.count == 1 ? "" : "s")) and back"
    )
    let removals = timed(added) { [cli, "rm", "--yes", "--store", storePath, url($0)] }
    addRow(&table, "CLI rm", removals, "url-notes rm --yes of one note (each note the bench added)")
    _ = waitForFold()
  }

  /// The tag every note the bench adds carries, and the prefix of each one's own tag.
  static let addTag = "bench added"
  static let fromTag = "bench added note"

  /// Median wall time (and CPU) of `runs` whole processes; nil if one failed.
  func timed(_ runs: Int, _ arguments: (Int) -> [String]) -> (wall: Double, cpu: Double)? {
    var walls: [Double] = []
    var cpus: [Double] = []
    for number in 0..<runs {
      let result = ChildProcess.run(
        arguments(number), environment: ["EDITOR": "sed -i 's/^title: .*/title: Bench edited/'"])
      guard result.status == 0 else { return nil }
      walls.append(result.seconds)
      cpus.append(result.cpuSeconds)
    }
    return walls.isEmpty ? nil : (Measure.median(walls), Measure.median(cpus))
  }

  func addRow(
    _ table: inout BenchTable, _ name: String, _ figure: (wall: Double, cpu: Double)?,
    _ what: String
  ) {
    table.add(
      name, figure?.wall, .seconds,
      figure.map { "\(what); whole process, median; cpu \(Self.seconds($0.cpu))" }
        ?? "\(what): the command failed",
      target: size >= 1_000_000 ? .init(limit: 0.1, text: "≤ 0.1 s") : nil)
  }

  /// Puts unchanged corpus notes (one journal record) until the journal is `reserve` bytes
  /// (plus at most one note) short of the fold threshold; returns the bytes added.
  func fillJournal(leaving reserve: Int) throws -> Int {
    var room = foldThreshold() - journalBytes() - reserve
    guard room > Self.batchFraming else { return 0 }
    room -= Self.batchFraming
    var changes: [StoreChange] = []
    // Note 0 is the one "persist one edit" retitles: left alone.
    for index in 1..<max(1, size - 1) {
      let note = corpus.note(index)
      // `{"put":` note `}` and the comma between records of a batch.
      let cost = CorpusStoreWriter.encodedSize(note) + 9
      guard cost <= room else { break }
      room -= cost
      changes.append(.put(note))
    }
    let before = journalBytes()
    try NoteStore.open(path: storePath).apply(changes)
    return journalBytes() - before
  }

  /// `{"batch":[` and `]}` and the newline of a batch record.
  static let batchFraming = 13

  func foldThreshold() -> Int { BackgroundFold.threshold(storePath) }

  func journalBytes() -> Int { Self.fileSize(storePath + ".journal") }

  static func fileSize(_ path: String) -> Int {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : 0
  }

  /// Waits until no fold of the store runs (see `BackgroundFold.wait`); returns the seconds.
  func waitForFold() -> Double {
    BackgroundFold.wait(storePath: storePath)
  }

  static func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1e6)
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
