import ByteJSON

extension JSONExporter {
  /// `writeNotes(_:)` of notes fetched by number (`note(i)` for `i` in `0..<count`; nil
  /// skips one): the same bytes, made on every core. Runs of `runLength` notes are decoded
  /// and encoded by one thread per core, each into its own buffer, and handed to `emit` in
  /// order on the calling thread, at most `runsAhead` runs ahead of it (`OrderedWork`).
  ///
  /// Why: `list --tag T --json` at 1,000,000 notes prints 63 MB for 10,965 notes, and
  /// decoding and encoding them one at a time was most of its time (issue 16 asks for no more
  /// than a `cat` of the store). `note` is called from several threads at once.
  public static func writeNotes(
    count: Int, runLength: Int = 64, runsAhead: Int = 16,
    note: @escaping @Sendable (Int) -> Note?,
    _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    writeNotes(
      count: count, runLength: runLength, runsAhead: runsAhead,
      write: { index, writer in
        if let note = note(index) { NoteCodec.write(note, to: &writer, as: .export) }
      }, emit)
  }

  /// `writeNotes(count:runLength:runsAhead:note:_:)` for a caller that writes each note's
  /// object itself (`write(i, &writer)`: one value, or nothing to skip it), as
  /// `NoteCodec.write(_:to:as: .export)` writes it: the store writes a snapshot note from its
  /// stored bytes (`StoredNoteExport`).
  static func writeNotes(
    count: Int, runLength: Int = 64, runsAhead: Int = 16,
    write: @escaping @Sendable (Int, inout JSONWriter) -> Void,
    _ emit: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let runs = OrderedWork(count: (count + runLength - 1) / runLength, ahead: runsAhead) {
      run in
      // A run is written as an array left open: the writer's comma rules put one between its
      // notes, and its bracket becomes the comma before it when an earlier run printed notes.
      var writer = JSONWriter(reservingCapacity: runLength * 8192)
      writer.beginArray()
      for index in (run * runLength)..<min(count, (run + 1) * runLength) {
        write(index, &writer)
      }
      return writer.bytes
    }
    var printedNote = false
    for run in 0..<runs.count {
      var bytes = runs.take(run)
      guard bytes.count > 1 else { continue }
      if printedNote { bytes[0] = UInt8(ascii: ",") }
      printedNote = true
      bytes.withUnsafeBufferPointer(emit)
    }
    let end = Array((printedNote ? "]" : "[]").utf8)
    end.withUnsafeBufferPointer(emit)
  }
}
