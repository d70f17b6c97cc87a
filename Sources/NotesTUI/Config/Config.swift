import Diagnostics
import NoteStore
import TerminalCore

/// The user's settings, key bindings and colours, read from a tigrc-style file
/// (`$XDG_CONFIG_HOME/url-notes/config`, README "Configuration"):
///
/// ```
/// set mouse = off
/// set date-format = "%d %b %Y"
/// bind previews x delete-note
/// unbind note d
/// color title 231 24 bold
/// ```
///
/// Parsing never fails as a whole: each bad line is skipped and reported in `problems`, so
/// the browser still starts with everything else applied.
public struct Config: Equatable, Sendable {
  /// Mouse reporting when the browser starts (`m` still toggles it).
  public var mouse = true
  /// Whether previews show the URL's host before the tags.
  public var previewHost = true
  /// The order previews start in (`S` cycles on from it); nil: by relevance with a query,
  /// else newest first.
  public var previewOrder: NoteOrder?
  /// How previews and the note view write dates.
  public var dateFormat = DateFormat.standard
  /// Whether `d` asks before deleting (a deletion can be undone with `u` either way).
  public var confirmDelete = true
  /// The bindings in effect: the command table with the file's `bind` and `unbind` applied.
  public var keyMap = KeyMap.standard
  /// Styles the file sets, by element; applied over the theme of the colour mode.
  public var colors: [ThemeElement: ConfigColor] = [:]
  /// Every line that was skipped, with why.
  public var problems: [ConfigProblem] = []

  public init() {}

  /// The config of `text`, read from the file `path` (named in problems).
  public static func parse(_ text: String, path: String) -> Config {
    var config = Config()
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      do throws(ConfigLineError) {
        let words = try ConfigWord.split(line)
        guard let first = words.first else { continue }
        try config.apply(first, Array(words.dropFirst()))
      } catch {
        config.problems.append(
          ConfigProblem(config: path, line: index + 1, column: error.column, error.message))
      }
    }
    return config
  }

  /// The statements, as the file spells them.
  static let statements = ["set", "bind", "unbind", "color"]

  mutating func apply(_ statement: ConfigWord, _ words: [ConfigWord]) throws(ConfigLineError) {
    switch statement.text {
    case "set": try applySet(statement, words)
    case "bind": try applyBind(statement, words)
    case "unbind": try applyUnbind(statement, words)
    case "color": try applyColor(statement, words)
    default:
      throw ConfigLineError(
        statement,
        "unknown statement '\(statement.text)' (expected "
          + Self.statements.map { "'\($0)'" }.joined(separator: ", ") + ")")
    }
  }

  /// `words` must hold exactly `count` words after `statement`; the message shows the form.
  static func expect(
    _ count: Int, _ words: [ConfigWord], after statement: ConfigWord, form: String
  ) throws(ConfigLineError) {
    if words.count < count {
      let column =
        (words.last.map { $0.column + $0.text.count } ?? statement.column
          + statement.text.count) + 1
      throw ConfigLineError(column: column, "expected \(form)")
    }
    if words.count > count {
      throw ConfigLineError(words[count], "unexpected '\(words[count].text)' after \(form)")
    }
  }
}
