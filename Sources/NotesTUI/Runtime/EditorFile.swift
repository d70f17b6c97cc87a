import Diagnostics

/// Runs an `ExternalEditor` on a text: writes it to a private temporary file
/// (`$TMPDIR/url-notes-XXXXXX.txt`, mode 0600), lets the editor change it, reads it back and
/// removes the file. The caller suspends the screen around `edit`.
public enum EditorFile {
  /// What the run gave back.
  public struct Result: Equatable, Sendable {
    /// The file's text after the editor exited (nil if the file could not be read back).
    public var text: String?
    /// Why the edit did not end normally: the editor could not start, failed, or the file
    /// could not be written or read. A diagnostic about the program's surroundings (its
    /// message names the file where there is one), whose message the status line shows. Nil
    /// on success.
    public var failure: Diagnostic?
  }

  /// Writes `text`, runs `editor` on it and returns the text it left.
  public static func edit(_ text: String, with editor: ExternalEditor) -> Result {
    let path: String
    do throws(TextFile.Failure) {
      path = try TextFile.writeTemporary(text, prefix: "url-notes-", suffix: ".txt")
    } catch {
      return Result(text: nil, failure: .program(error.description))
    }
    defer { TextFile.remove(path) }
    var failure: Diagnostic?
    do {
      let outcome = try editor.edit(path)
      if !outcome.succeeded { failure = .program("the editor \(outcome.description)") }
    } catch {
      return Result(text: nil, failure: .program(error.description))
    }
    do throws(TextFile.Failure) {
      return Result(text: try TextFile.read(path), failure: failure)
    } catch {
      return Result(text: nil, failure: .program(error.description))
    }
  }
}
