#if canImport(Glibc)
  import Glibc
#endif

/// Whole-file reads and writes for the editing commands, through libc.
enum TextFiles {
  /// A file that could not be read or written, with the system's reason.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// The text of `path` ("-" reads stdin), decoded as UTF-8 (invalid bytes replaced).
  static func read(_ path: String) throws(Failure) -> String {
    let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != STDIN_FILENO { close(fd) } }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Creates a new file only this user can read (mode 0600) in `$TMPDIR` (else /tmp), named
  /// `<prefix>XXXXXX<suffix>`, holding `text`; returns its path.
  static func writeTemporary(_ text: String, prefix: String, suffix: String) throws(Failure)
    -> String
  {
    var directory = ProcessEnvironment.value("TMPDIR") ?? ""
    if directory.isEmpty { directory = "/tmp" }
    while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
    var template = Array((directory + "/" + prefix + "XXXXXX" + suffix).utf8CString)
    // mkstemps creates the file with mode 0600 and O_EXCL: no other user can read the note
    // text, and no existing file or symlink is followed.
    let fd = mkstemps(&template, Int32(suffix.utf8.count))
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    try write(text, to: fd, path: path)
    return path
  }

  static func write(_ text: String, to fd: Int32, path: String) throws(Failure) {
    var text = text
    let failed = text.withUTF8 { buffer -> Bool in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += written
      }
      return false
    }
    if failed { throw Failure(path: path, reason: String(cString: strerror(errno))) }
  }

  static func remove(_ path: String) { unlink(path) }
}

/// Questions on the terminal.
enum Prompt {
  /// True when stdin is a terminal, so a question can be asked.
  static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

  /// Asks `question` on stderr and reads a yes/no answer; an empty answer is `defaultAnswer`,
  /// end of input is no.
  static func confirm(_ question: String, default defaultAnswer: Bool) -> Bool {
    Output.write(question + (defaultAnswer ? " [Y/n] " : " [y/N] "), to: STDERR_FILENO)
    guard let answer = readLine() else { return false }
    let word = answer.trimmingCharacters(in: " \t").lowercased()
    if word.isEmpty { return defaultAnswer }
    return word == "y" || word == "yes"
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
