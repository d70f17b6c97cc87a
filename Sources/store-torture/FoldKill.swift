import ByteKernels
import Foundation
import NoteStore

/// `store-torture fold-kill`: a fold killed at one of its steps (`FoldStep`), as the detached
/// `url-notes compact` runs it (`foldUnlessFolding`), with another writer's change appended
/// while it writes the new snapshot.
///
/// Prints `expect FINGERPRINT` (the notes after both changes, each durable before the kill),
/// then `killed at STEP` and dies by SIGKILL at that step. The store must then open with
/// exactly the expected notes and pass its checks.
struct FoldKill {
  var storePath: String
  var step: FoldStep
  var seed: UInt64

  func run() throws {
    let store = try NoteStore.open(path: storePath)
    let ids = store.headers.map(\.id)
    guard ids.count >= 2, let first = store.note(ids[0]) else {
      throw HarnessFailure("fold-kill needs a store of at least two notes")
    }
    var random = SplitMix64(seed: seed)
    // In the journal when the fold begins: an edit and a delete (a tombstone to carry over).
    try store.apply([
      .put(GeneratedNotes.edited(first, change: 1, random: &random)), .delete(ids[1]),
    ])
    let added = GeneratedNotes.note(page: 2_000_000 + Int(seed % 1000), random: &random)
    let path = storePath
    let target = step
    store.foldStepDone = { done in
      if done == .snapshotWritten {
        // Another process's write while the fold streams its snapshot: the swap must carry
        // it into the new journal.
        do {
          let other = try NoteStore.open(path: path)
          try other.apply([.put(added)])
          emit("expect \(StoreFingerprint(of: try NoteStore.open(path: path)))")
        } catch {
          emit("concurrent write failed: \(error)")
          exit(1)
        }
      }
      if done == target {
        emit("killed at \(done.rawValue)")
        kill(getpid(), SIGKILL)
      }
    }
    try store.foldUnlessFolding()
    emit("not killed: the fold never reached \(target.rawValue)")
  }
}
