import Foundation
import NoteStore

/// The fold a command-line write hands to a detached `url-notes compact` (README "Store
/// format"): the bench waits for it between figures, so that one figure's fold neither runs
/// under the next figure nor writes into a store the bench has deleted.
enum BackgroundFold {
  /// Waits (up to ten minutes) until no fold runs: no temporary snapshot of a live process
  /// beside the store, and the journal below the threshold (or, should the store fold by
  /// another rule, no fold seen for five seconds). Returns the seconds waited.
  static func wait(storePath: String) -> Double {
    let start = Measure.now()
    var quietSince = start
    while Measure.now() - start < 600 {
      let folding = NoteStore.isBeingFolded(path: storePath)
      if folding { quietSince = Measure.now() }
      let journal = StoreBenchmark.fileSize(storePath + ".journal")
      if !folding && (journal <= threshold(storePath) || Measure.now() - quietSince > 5) {
        break
      }
      usleep(50_000)
    }
    return Measure.now() - start
  }

  /// The journal size past which a save makes a fold due (README "Store format").
  static func threshold(_ storePath: String) -> Int {
    NoteStore.foldThresholdBytes(snapshotBytes: StoreBenchmark.fileSize(storePath))
  }
}
