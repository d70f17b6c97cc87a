import NotesTUI
import TerminalCore

extension App {
  /// One key as the browser runs it (`NotesBrowser.searchSlice`): its handling and redraw
  /// (`first`), then the slices the main loop runs between keys until the search is complete,
  /// each followed by a redraw (`complete`, from the key). The one key timer of the bench's
  /// search rows and of `--probe-search`.
  /// `afterFirst` runs between the two (the probe reads its CPU clock there).
  mutating func timedKey(_ key: Key, afterFirst: () -> Void = {}) -> (
    first: Double, complete: Double, slices: Int
  ) {
    let first = Measure.time {
      _ = handle(key)
      _ = render()
    }
    afterFirst()
    var slices = 0
    let rest = Measure.time {
      while isSearching {
        continueSearch()
        _ = render()
        slices += 1
      }
    }
    return (first, first + rest, slices)
  }
}
