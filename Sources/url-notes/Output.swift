import ByteKernels
import Diagnostics
import NoteStore
import NotesTUI
import TerminalCore

/// Writing to stdout and stderr; text from scraped pages is made terminal-safe first.
enum Output {
  /// Prints `text` and a newline to stdout with control characters made visible.
  static func line(_ text: String) {
    write(safe(text) + "\n", to: .output)
  }

  /// Prints `lines`, each made safe and ended by a newline, with one write: a listing of 100k
  /// notes is then not 200k system calls. The lines' bytes go straight into one buffer: a
  /// string per line plus its newline, then joined, was a sixth of `list --search`'s wall
  /// time at 1,000,000 notes (10,057 hits), all of it after the scan's threads had finished.
  static func lines(_ lines: some Sequence<String>) {
    var bytes: [UInt8] = []
    for line in lines {
      var line = safe(line)
      line.withUTF8 { bytes.append(contentsOf: $0) }
      bytes.append(0x0A)
    }
    bytes.withUnsafeBufferPointer { ProcessEnvironment.write($0, to: .output) }
  }

  /// Prints machine-readable text as is (JSON escapes its own control characters).
  static func raw(_ text: String) {
    // Two writes rather than `text + "\n"`: that copies megabytes of `list --json` output.
    write(text, to: .output)
    write("\n", to: .output)
  }

  /// Prints one line to stderr.
  static func error(_ text: String) {
    write(safe(text) + "\n", to: .error)
  }

  /// Prints an error, warning or note to stderr, as `Diagnostic` renders it.
  static func report(_ diagnostic: Diagnostic) {
    error(diagnostic.description)
  }

  /// Prints an error thrown by the library: a store error names its file; anything else is
  /// the program's.
  static func report(_ error: any Error) {
    switch error {
    case let error as StoreError: report(error.diagnostic)
    case let error as Diagnostic: report(error)
    default: report(Diagnostic.program("\(error)"))
    }
  }

  /// Prints notes as the JSON array of the contract (README, JSON output), and a newline,
  /// written as it is made (a lazy sequence is decoded a note at a time as it is written).
  static func json(_ notes: some Sequence<Note>) {
    JSONExporter.writeNotes(notes) { ProcessEnvironment.write($0, to: .output) }
    write("\n", to: .output)
  }

  /// Prints the notes of `store` that pass `filter`, in list order, as `json(_:)` does: made
  /// on every core and written as they are made (`NoteStore.writeJSON`).
  static func json(_ store: NoteStore, matching filter: NoteFilter) {
    store.writeJSON(matching: filter) { ProcessEnvironment.write($0, to: .output) }
    write("\n", to: .output)
  }

  static func write(_ text: String, to stream: ProcessEnvironment.Stream) {
    var text = text
    text.withUTF8 { ProcessEnvironment.write($0, to: stream) }
  }

  /// Replaces every `TerminalHazard` but tab and newline with a visible stand-in, so page text
  /// can never drive the terminal or reorder what it shows.
  ///
  /// The stand-ins are the browser's (`TextSanitizer`, which asks the same table): a ZERO
  /// WIDTH JOINER inside an emoji sequence is part of the emoji (👨‍👩‍👧 prints as itself), one
  /// anywhere else is a hazard.
  static func safe(_ text: String) -> String {
    // Most text has nothing to replace: one byte scan, and it is returned as it is. The scan
    // looks at the scalar behind each possible lead byte: a test of the lead bytes alone sent
    // every `list` line (each has a " · ") through the sanitiser, which doubled the
    // instructions of `list --search` at 100k notes (599 M before issue 17, 1,222 M after).
    var text = text
    guard text.withUTF8(TerminalHazard.containsHazardBesidesTabAndNewline) else { return text }
    // The sanitiser shows tabs and newlines as stand-ins too: keep them between the pieces.
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var piece = ""
    for character in text {
      if character == "\n" || character == "\t" || character == "\r\n" {
        result += TextSanitizer.sanitize(piece)
        result += character == "\r\n" ? "␍\n" : String(character)
        piece = ""
      } else {
        piece.append(character)
      }
    }
    return result + TextSanitizer.sanitize(piece)
  }
}
