import NoteStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole text files for `$EDITOR` and the editing commands, through libc: one private
/// temporary-file writer, for the browser and the command line alike. Reading and writing go
/// through the store's `FileSystem.readToEnd` and `FileSystem.writeAll`, the one read loop
/// and the one write loop.
public enum TextFile {
  /// A file that could not be created, written or read, with the system's reason.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// "create", "write" or "read".
    public var action: String
    public var path: String
    public var reason: String
    /// "cannot read PATH: REASON".
    public var description: String { "cannot \(action) \(path): \(reason)" }
  }

  /// The text of `path` ("-" reads stdin), decoded as UTF-8 (invalid bytes replaced).
  public static func read(_ path: String) throws(Failure) -> String {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("read", path) }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    do throws(FileSystem.Failure) {
      return String(decoding: try FileSystem.readToEnd(descriptor, path: path), as: UTF8.self)
    } catch {
      throw Failure(action: "read", path: path, reason: error.reason)
    }
  }

  /// Creates a new file only this user can read (mode 0600) in `temporaryDirectory`, named
  /// `<prefix>XXXXXX<suffix>`, holding `text`; returns its path.
  public static func writeTemporary(_ text: String, prefix: String, suffix: String)
    throws(Failure) -> String
  {
    let template = temporaryDirectory + "/" + prefix + "XXXXXX" + suffix
    // Mode 0600 and O_EXCL: no other user can read the note text, and no existing file or
    // symlink is followed.
    guard let file = FileSystem.makeTemporaryFile(template, suffixLength: suffix.utf8.count)
    else { throw failure("create", template) }
    try fill(file.fd, path: file.path, with: Array(text.utf8))
    return file.path
  }

  /// Creates the new file `path` (mode 0600; never an existing file or a symlink's target)
  /// holding `bytes`.
  public static func create(_ path: String, holding bytes: [UInt8]) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw failure("create", path) }
    try fill(descriptor, path: path, with: bytes)
  }

  /// Creates the new directory `path`, which only this user can enter.
  public static func makeDirectory(_ path: String) throws(Failure) {
    guard mkdir(path, 0o700) == 0 else { throw failure("create", path) }
  }

  /// Creates a new directory only this user can enter, `<prefix>XXXXXX` in
  /// `temporaryDirectory`; returns its path.
  public static func makeTemporaryDirectory(prefix: String) throws(Failure) -> String {
    var template = Array((temporaryDirectory + "/" + prefix + "XXXXXX").utf8CString)
    guard mkdtemp(&template) != nil else { throw failure("create", string(template)) }
    return string(template)
  }

  /// Writes all of `bytes` to the new file `descriptor` and closes it; a file left short is
  /// removed.
  private static func fill(_ descriptor: Int32, path: String, with bytes: [UInt8])
    throws(Failure)
  {
    defer { close(descriptor) }
    do throws(FileSystem.Failure) {
      try bytes.withUnsafeBufferPointer { (buffer) throws(FileSystem.Failure) in
        try FileSystem.writeAll(descriptor, buffer, path: path)
      }
    } catch {
      remove(path)
      throw Failure(action: "write", path: path, reason: error.reason)
    }
  }

  /// Removes `path`, if it is there.
  public static func remove(_ path: String) { unlink(path) }

  /// `$TMPDIR` without trailing slashes, else /tmp.
  static var temporaryDirectory: String {
    var directory = ProcessEnvironment.value("TMPDIR") ?? ""
    if directory.isEmpty { directory = "/tmp" }
    while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
    return directory
  }

  /// The path in a NUL-terminated template that `mkstemps` or `mkdtemp` filled in.
  private static func string(_ template: [CChar]) -> String {
    String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func failure(_ action: String, _ path: String) -> Failure {
    Failure(action: action, path: path, reason: String(cString: strerror(errno)))
  }
}
