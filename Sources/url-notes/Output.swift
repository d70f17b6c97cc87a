import Diagnostics
import NoteStore
import TerminalCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writing to stdout and stderr; text from scraped pages is made terminal-safe first.
enum Output {
  /// Prints `text` and a newline to stdout with control characters made visible.
  static func line(_ text: String) {
    write(safe(text) + "\n", to: STDOUT_FILENO)
  }

  /// Prints `lines`, each made safe and ended by a newline, with one write: a listing of 100k
  /// notes is then not 200k system calls.
  static func lines(_ lines: [String]) {
    write(lines.map { safe($0) + "\n" }.joined(), to: STDOUT_FILENO)
  }

  /// Prints machine-readable text as is (JSON escapes its own control characters).
  static func raw(_ text: String) {
    // Two writes rather than `text + "\n"`: that copies megabytes of `list --json` output.
    write(text, to: STDOUT_FILENO)
    write("\n", to: STDOUT_FILENO)
  }

  /// Prints one line to stderr.
  static func error(_ text: String) {
    write(safe(text) + "\n", to: STDERR_FILENO)
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
  /// written as it is made.
  static func json(_ notes: [Note]) {
    JSONExporter.writeNotes(notes) { write($0, to: STDOUT_FILENO) }
    write("\n", to: STDOUT_FILENO)
  }

  static func write(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { write($0, to: fd) }
  }

  static func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      if written <= 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }

  /// Replaces C0/C1 controls (ESC included), DEL, bidi overrides and zero-width characters
  /// with visible stand-ins, so page text can never drive the terminal. Tabs and newlines stay.
  ///
  /// The stand-ins are the browser's (`TextSanitizer`, one table for both): a ZERO WIDTH
  /// JOINER inside an emoji sequence is part of the emoji (👨‍👩‍👧 prints as itself), one
  /// anywhere else is a hazard.
  static func safe(_ text: String) -> String {
    // Most text has nothing to replace: one byte scan, and it is returned as it is (a listing
    // of a thousand notes spent a tenth of its time rebuilding its lines scalar by scalar).
    guard text.utf8.contains(where: mayNeedStandIn) else { return text }
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

extension Output {
  /// Whether `byte` is, or leads, a scalar `safe(_:)` may replace: C0 controls but tab and
  /// newline, DEL, and the lead bytes of C1 controls (C2), of the bidi and zero-width range
  /// (E2) and of U+FEFF (EF).
  static func mayNeedStandIn(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2
      || byte == 0xE2 || byte == 0xEF
  }
}

/// Environment variables, read through libc (no Foundation in the executable's hot path).
enum ProcessEnvironment {
  static func value(_ name: String) -> String? {
    guard let pointer = getenv(name) else { return nil }
    return String(cString: pointer)
  }
}
