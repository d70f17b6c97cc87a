import Diagnostics

/// A note as a text file for `$EDITOR`, and that file read back.
///
///     # (comment lines explaining the format)
///     url: https://world.hey.com/dhh/the-framework-desktop-is-a-beast-636fb4ff
///     title: The Framework Desktop is a beast
///     tags: hardware, desktop computer, mini pc
///
///     - **CPU:** AMD Ryzen AI Max 395+ (16 Zen5 cores @ 5.1GHz)
///     - **Memory:**
///       - Utilizes unified memory, configurable up to 128GB.
///
///     --- body ---
///     The article text, verbatim.
///
/// - Header: `url:`, `title:` and `tags:` lines (field names ignore case; each at most once;
///   `title:` required). An empty `url:` means a note without a link. Tags are separated by
///   commas and may contain spaces; a comma inside a tag is written `\,`, a backslash `\\`.
///   A title is one line (line breaks in a stored title are written as spaces).
/// - A blank line ends the header; the summary follows as an outline (`OutlineText`).
/// - A line `--- body ---` starts the article body, which runs verbatim to the end of the file
///   (it is written only when the note has a body, so bodies are never lost).
/// - Lines starting with `#` are comments, except in the body.
public enum NoteEditFile {
  /// The line that separates the summary from the article body.
  public static let bodySeparator = "--- body ---"

  /// The comment block at the top of every file: the format, in brief.
  public static let instructions = """
    # Edit the note, then save and quit the editor. Lines starting with '#' are ignored.
    # Header: url: (empty for no link), title: (required), tags: (comma-separated; a comma
    # inside a tag is written \\,). A blank line, then the summary as an outline: one
    # bullet per line, 2 spaces of indentation per level, **Label:** for bold labels.
    # A line "\(bodySeparator)" starts the article text, kept verbatim.
    # Leave the file unchanged to cancel.

    """

  /// The file for `draft` (a stored note's draft: `NoteDraft(note)`).
  public static func render(_ draft: NoteDraft) -> String {
    var text = instructions
    text += "url: " + (draft.url ?? "") + "\n"
    text += "title: " + oneLine(draft.title) + "\n"
    text += "tags: " + draft.tags.map(escapeTag).joined(separator: ", ") + "\n"
    text += "\n"
    text += OutlineText.render(draft.summary)
    if let body = draft.body, !body.isEmpty {
      text += "\n" + bodySeparator + "\n" + body + "\n"
    }
    return text
  }

  /// The file for `note`.
  public static func render(_ note: Note) -> String { render(NoteDraft(note)) }

  /// Reads a file written by `render` and edited by a person.
  ///
  /// Only the syntax is checked here; `NoteValidation` judges the values (empty title,
  /// malformed URL, duplicate tags). Errors carry the 1-based line and column.
  public static func parse(_ text: String) throws(EditFileError) -> NoteDraft {
    // "\r\n" is one Character in Swift, so Windows line ends would hide every line break.
    let lines = text.replacingAll("\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
    var fields: [String: (value: Substring, line: Int)] = [:]
    var index = 0
    var sawField = false
    // Header: fields up to the first blank line after one.
    while index < lines.count {
      let line = lines[index]
      let number = index + 1
      index += 1
      if line.hasPrefix("#") { continue }
      if NoteDraft.trimmed(String(line)).isEmpty {
        if sawField { break }
        continue
      }
      // A line that is no `name:` field (a summary line right after the header, say).
      let isField =
        line.firstIndex(of: ":").map { colon in
          !line[..<colon].isEmpty
            && line[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        } ?? false
      guard isField, let colon = line.firstIndex(of: ":") else {
        throw EditFileError(
          line: number, column: 1,
          "expected a header field (url:, title: or tags:) or a blank line before the summary")
      }
      let name = NoteDraft.trimmed(String(line[..<colon])).lowercased()
      guard ["url", "title", "tags"].contains(name) else {
        throw EditFileError(
          line: number, column: 1,
          "unknown field '\(line[..<colon])'; expected url:, title: or tags:")
      }
      if let earlier = fields[name] {
        throw EditFileError(
          line: number, column: 1, "second '\(name):' line (the first is on line \(earlier.line))")
      }
      fields[name] = (line[line.index(after: colon)...], number)
      sawField = true
    }
    guard let title = fields["title"] else {
      throw EditFileError(
        line: max(1, index), column: 1, "missing the 'title:' line in the header")
    }
    var tags: [String] = []
    if let field = fields["tags"] {
      tags = try parseTags(field.value, line: field.line)
    }
    // Summary: up to the body separator; comment lines count for numbering but are skipped.
    let outlineStart = index
    var outline = ""
    var body: String?
    while index < lines.count {
      let line = lines[index]
      index += 1
      if OutlineText.trimmingTrailingWhitespace(line) == bodySeparator {
        var rest = lines[index...].joined(separator: "\n")
        if rest.hasSuffix("\n") { rest.removeLast() }
        body = rest
        break
      }
      outline += line.hasPrefix("#") ? "\n" : line + "\n"
    }
    let summary: [SummaryNode]
    do {
      summary = try OutlineText.parse(outline, firstLine: outlineStart + 1)
    } catch {
      throw EditFileError(line: error.line, column: error.column, error.message)
    }
    let url = fields["url"].map { NoteDraft.trimmed(String($0.value)) }
    return NoteDraft(
      url: url?.isEmpty == false ? url : nil, title: NoteDraft.trimmed(String(title.value)),
      tags: tags, summary: summary, body: body?.isEmpty == false ? body : nil)
  }

  /// A validation problem of the draft `parse` read from `text`, at the value of the header
  /// field it is about (`FILE:LINE:COLUMN: error: …` once placed in the file).
  public static func diagnostic(for problem: NoteProblem, in text: String) -> Diagnostic {
    Diagnostic(problem.message, at: position(of: problem, in: text))
  }

  /// Where the value of the header field a validation problem is about starts. A parsed draft
  /// has the field's line (the problems are about values it read), so the fallback, the
  /// file's start, is for text `parse` did not read.
  public static func position(of problem: NoteProblem, in text: String) -> TextPosition {
    let field: String
    switch problem {
    case .emptyTitle: field = "title"
    case .malformedURL, .duplicateURL: field = "url"
    case .emptyTag, .duplicateTag: field = "tags"
    }
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
      guard NoteDraft.trimmed(String(line[..<colon])).lowercased() == field else { continue }
      let value = line[line.index(after: colon)...].prefix { $0 == " " || $0 == "\t" }.endIndex
      let column = line.unicodeScalars[..<value].count + 1
      return TextPosition(line: offset + 1, column: column)
    }
    return TextPosition(line: 1, column: 1)
  }

  static func parseTags(_ value: Substring, line: Int) throws(EditFileError) -> [String] {
    var tags: [String] = []
    var current = ""
    var escaped = false
    for character in value {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        tags.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    if escaped { current.append("\\") }
    tags.append(current)
    tags = tags.map(NoteDraft.trimmed)
    if tags == [""] { return [] }
    if let empty = tags.firstIndex(of: "") {
      throw EditFileError(
        line: line, column: 1,
        "tag \(empty + 1) is empty; expected tags separated by single commas")
    }
    return tags
  }

  static func escapeTag(_ tag: String) -> String {
    tag.replacingAll("\\", with: "\\\\").replacingAll(",", with: "\\,")
  }

  static func oneLine(_ text: String) -> String {
    text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " ")
  }
}

/// Why an edit file does not parse: a line and column (1-based) and what was expected there.
public struct EditFileError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, _ message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// The error as a diagnostic, not yet placed in a file (`inFile` adds the path).
  public var diagnostic: Diagnostic {
    Diagnostic(message, at: TextPosition(line: line, column: column))
  }

  /// "LINE:COLUMN: error: MESSAGE", rendered by `Diagnostic`.
  public var description: String { diagnostic.description }
}
