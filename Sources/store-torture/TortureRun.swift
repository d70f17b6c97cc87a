import ByteKernels
import Foundation
import NoteStore

/// The save loop the crash test kills: numbered changes through the real `NoteStore` API, each
/// bracketed by durable log lines.
///
/// Log lines: `plan K` when change K is being prepared (nothing written yet),
/// `begin K KIND BEFORE AFTER` before change K is started (BEFORE and AFTER are the
/// store's fingerprints without and with it), `end K AFTER` once `apply`/`compact`/the import
/// returned; stdout gets `begin K import` too, so a test can aim a kill at an import's write
/// (its planning takes far longer than the write). After a kill, the store must have fingerprint AFTER of the last `end`, or, if a
/// `begin` follows it, BEFORE or AFTER of that `begin` — nothing in between.
struct TortureRun {
  var storePath: String
  var logPath: String
  /// Where bookmark dumps and the scratch copy for planning imports go.
  var workDirectory: String
  var seed: UInt64
  var firstChange: Int
  /// Stop after this many changes (nil: until killed).
  var changeLimit: Int?
  /// Run `checkInvariants()` after opening, before the loop (the check after a kill).
  var verify: Bool

  enum Kind: String {
    case edit, add, delete, batch, importDump = "import", compact
  }

  func run() throws {
    let store = try NoteStore.open(path: storePath)
    if verify {
      do { try store.checkInvariants() } catch {
        emit("invalid \(error.problems.joined(separator: " | "))")
        throw error
      }
    }
    var fingerprint = StoreFingerprint(of: store)
    var ids = store.headers.map(\.id)
    let log = DurableLog(path: logPath)
    emit("ready \(fingerprint)")
    var change = firstChange
    while changeLimit.map({ change < firstChange + $0 }) ?? true {
      var random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(change))
      // Planning an import takes a while (a scratch copy is imported first): a kill there
      // must not restart the same plan forever, so the next run goes on after a planned change.
      log.append("plan \(change)")
      let roll = random.below(100)
      let kind: Kind =
        switch roll {
        case 0..<45: .edit
        case 45..<58: .add
        case 58..<70: .delete
        case 70..<87: .batch
        case 87..<94: .importDump
        default: .compact
        }
      switch kind {
      case .compact:
        log.append("begin \(change) compact \(fingerprint) \(fingerprint)")
        try store.compact()
      case .importDump:
        let after = try importDump(
          change: change, store: store, fingerprint: fingerprint, ids: ids, random: &random,
          log: log)
        fingerprint = after
        ids = store.headers.map(\.id)
        log.append("end \(change) \(fingerprint)")
        change += 1
        continue
      default:
        let changes = plannedChanges(kind, change: change, store: store, ids: ids, random: &random)
        let after = Self.fingerprint(fingerprint, after: changes, in: store)
        log.append("begin \(change) \(kind.rawValue) \(fingerprint) \(after)")
        try store.apply(changes)
        fingerprint = after
        for item in changes {
          switch item {
          case .put(let note): if !ids.contains(note.id) { ids.append(note.id) }
          case .delete(let id): ids.removeAll { $0 == id }
          }
        }
      }
      log.append("end \(change) \(fingerprint)")
      change += 1
    }
  }

  func plannedChanges(
    _ kind: Kind, change: Int, store: NoteStore, ids: [NoteID], random: inout SplitMix64
  ) -> [StoreChange] {
    func edit() -> StoreChange? {
      guard !ids.isEmpty, let note = store.note(ids[random.below(ids.count)]) else { return nil }
      return .put(GeneratedNotes.edited(note, change: change, random: &random))
    }
    func add(_ index: Int) -> StoreChange {
      .put(GeneratedNotes.note(page: 1_000_000 + change * 100 + index, random: &random))
    }
    func delete() -> StoreChange? {
      ids.isEmpty ? nil : .delete(ids[random.below(ids.count)])
    }
    switch kind {
    case .edit: return [edit() ?? add(0)]
    case .add: return [add(0)]
    case .delete: return [delete() ?? add(0)]
    default:
      // A batch as an editor or importer makes it: several puts and deletes in one apply.
      return (0..<(2 + random.below(30))).compactMap { index in
        switch random.below(3) {
        case 0: edit()
        case 1: add(index)
        default: delete()
        }
      }
    }
  }

  /// The fingerprint after `changes` are applied in order to the notes of `store`.
  static func fingerprint(
    _ before: StoreFingerprint, after changes: [StoreChange], in store: NoteStore
  ) -> StoreFingerprint {
    var result = before
    var pending: [NoteID: Note?] = [:]
    for change in changes {
      let id: NoteID
      switch change {
      case .put(let note): id = note.id
      case .delete(let deleted): id = deleted
      }
      let current: Note? = pending[id] ?? store.note(id)
      if let current { result.remove(current) }
      switch change {
      case .put(let note):
        result.add(note)
        pending[id] = .some(note)
      case .delete: pending[id] = .some(nil)
      }
    }
    return result
  }

  /// Imports a generated bookmark file (half new pages, half pages already stored). The outcome
  /// is first computed on a scratch copy of the store, so the log can name the state after.
  func importDump(
    change: Int, store: NoteStore, fingerprint: StoreFingerprint, ids: [NoteID],
    random: inout SplitMix64, log: DurableLog
  ) throws -> StoreFingerprint {
    var entries: [(url: String, title: String, tags: [String])] = []
    for index in 0..<12 {
      if index % 2 == 1, !ids.isEmpty, let url = store.header(ids[random.below(ids.count)])?.url {
        entries.append((url, "Bookmarked again", GeneratedNotes.tags(&random)))
      } else {
        let url = "https://torture.example/import/\(seed)/\(change)/\(index)"
        entries.append((url, "Imported page \(index)", GeneratedNotes.tags(&random)))
      }
    }
    let dump = workDirectory + "/dump-\(change).html"
    try GeneratedNotes.bookmarkFile(entries).write(toFile: dump, atomically: false, encoding: .utf8)
    let now = Timestamp(secondsSince1970: GeneratedNotes.baseTime + 2_000_000 + Int64(change))
    let importer = NoteImporter(now: now)

    let scratch = workDirectory + "/plan"
    let manager = FileManager.default
    try? manager.removeItem(atPath: scratch)
    try manager.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    for suffix in ["", ".journal"] where manager.fileExists(atPath: storePath + suffix) {
      try manager.copyItem(atPath: storePath + suffix, toPath: scratch + "/notes.json" + suffix)
    }
    let copy = try NoteStore.open(path: scratch + "/notes.json")
    let planned = try importer.importPaths([dump], into: copy)
    var after = fingerprint
    var touched: [NoteID] = []
    for file in planned.files {
      for id in file.added + file.merged where !touched.contains(id) { touched.append(id) }
    }
    for id in touched {
      if let old = store.note(id) { after.remove(old) }
      if let new = copy.note(id) { after.add(new) }
    }

    log.append("begin \(change) import \(fingerprint) \(after)")
    emit("begin \(change) import")  // lets a test aim its kill at the write itself
    let report = try importer.importPaths([dump], into: store)
    guard report == planned, report.succeeded else {
      throw HarnessFailure("import of \(dump) differs from its plan: \(report) vs \(planned)")
    }
    try? manager.removeItem(atPath: dump)
    return after
  }
}

struct HarnessFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
