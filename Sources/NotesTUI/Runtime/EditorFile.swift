#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs an `ExternalEditor` on a text: writes it to a private temporary file
/// (`$TMPDIR/url-notes-XXXXXX.txt`, mode 0600), lets the editor change it, reads it back and
/// removes the file. The caller suspends the screen around `edit`.
public enum EditorFile {
  /// What the run gave back.
  public struct Result: Equatable, Sendable {
    /// The file's text after the editor exited (nil if the file could not be read back).
    public var text: String?
    /// Why the edit did not end normally: the editor could not start, failed, or the file
    /// could not be written or read. Nil on success.
    public var failure: String?
  }

  /// Writes `text`, runs `editor` on it and returns the text it left.
  public static func edit(_ text: String, with editor: ExternalEditor) -> Result {
    let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    var template = Array(((directory ?? "/tmp") + "/url-notes-XXXXXX.txt").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
    guard descriptor >= 0 else {
      return Result(text: nil, failure: "cannot create a temporary file: \(errorText())")
    }
    let path = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    let bytes = Array(text.utf8)
    let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard wrote == bytes.count else {
      return Result(text: nil, failure: "cannot write \(path): \(errorText())")
    }
    var failure: String?
    do {
      let outcome = try editor.edit(path)
      if !outcome.succeeded { failure = "the editor \(outcome.description)" }
    } catch {
      return Result(text: nil, failure: error.description)
    }
    guard let edited = read(path) else {
      return Result(text: nil, failure: "cannot read \(path) back: \(errorText())")
    }
    return Result(text: edited, failure: failure)
  }

  static func read(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func errorText() -> String { String(cString: strerror(errno)) }
}
