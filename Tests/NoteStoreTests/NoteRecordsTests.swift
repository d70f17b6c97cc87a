import ByteKernels
import TestSupport
import Testing

@testable import NoteStore

/// `NoteRecords` keeps the snapshot's records where they are and lays changes over them; every
/// position must read what an array changed the same way reads, and the positions held in
/// memory must be exactly the replaced and appended ones.
@Suite struct NoteRecordsTests {
  func note(_ number: Int) -> Note {
    SampleNotes.note(
      String(format: "%06d", number), url: "https://records.example/\(number)",
      title: "Note \(number)", tags: [])
  }

  /// A record as the snapshot holds it (a range, a decoded header), not in memory.
  func stored(_ number: Int) -> NoteRecord {
    NoteRecord(
      storedHeader: .decoded(NoteHeader(note(number))),
      source: .snapshot((number * 10)..<(number * 10 + 5)))
  }

  @Test func changesReadAsTheSameChangesToAnArray() {
    var random = SplitMix64(seed: 20_261_207)
    for round in 0..<40 {
      let baseCount = round % 5 == 0 ? 0 : Int(random.next() % 60)
      let base = (0..<baseCount).map(stored)
      var records = NoteRecords(base)
      var model = base
      var next = 1000
      for _ in 0..<Int(random.next() % 80) {
        let choice = random.next() % 4
        if choice == 0 || model.isEmpty {
          records.append(NoteRecord(note(next)))
          model.append(NoteRecord(note(next)))
          next += 1
        } else if choice == 1 {
          let position = Int(random.next() % UInt64(model.count))
          records[position] = NoteRecord(note(next))
          model[position] = NoteRecord(note(next))
          next += 1
        } else {
          let position = Int(random.next() % UInt64(model.count))
          records.remove(at: position)
          model.remove(at: position)
        }
        #expect(records.count == model.count)
      }
      #expect(records.map(\.id) == model.map(\.id), "round \(round)")
      #expect(records.map(\.snapshotRange) == model.map(\.snapshotRange), "round \(round)")
      #expect(
        records.indices.map { records.snapshotRange(at: $0) } == model.map(\.snapshotRange),
        "round \(round)")
      #expect(
        records.positionsInMemory == model.indices.filter { model[$0].isInMemory },
        "round \(round)")
    }
  }

  @Test func removingAroundAReplacedRecordMovesIt() {
    var records = NoteRecords((0..<6).map(stored))
    records[3] = NoteRecord(note(33))
    records.remove(at: 1)
    records.remove(at: 0)
    records.append(NoteRecord(note(77)))
    records.remove(at: 2)  // note 4
    #expect(records.map(\.id.rawValue) == ["000002", "000033", "000005", "000077"])
    #expect(records.positionsInMemory == [1, 3])
  }
}
