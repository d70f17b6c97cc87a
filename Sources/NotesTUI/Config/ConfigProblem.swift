import Diagnostics
import NoteStore

/// One problem of a config file, compiler style: `config:3:12: error: unknown command 'fold'`.
///
/// A bad line never stops the program: the line is skipped, the rest applies, and the problem
/// is shown (status line, stderr, `url-notes config --check`). It is a `Diagnostic`, whose
/// `description` is the one renderer of every message.
public typealias ConfigProblem = Diagnostic

extension Diagnostic {
  /// A problem of config file `path` at `line`:`column` (1-based).
  init(config path: String, line: Int, column: Int, _ message: String) {
    self.init(message, file: path, at: TextPosition(line: line, column: column))
  }

  /// The same problem named by the file's last path component (`config:3:12: …`), for the
  /// status line, which has no room for a whole path.
  public var short: String {
    guard let file else { return description }
    return inFile(FileSystem.fileName(of: file)).description
  }
}

/// A word of a config line and the column it starts at (1-based, in characters).
struct ConfigWord: Equatable, Sendable {
  var text: String
  var column: Int
  /// Whether the word was written in double quotes (its text starts a column later).
  var quoted = false
}

/// A problem found in one line, before the file's path and the line number are known.
struct ConfigLineError: Error, Equatable {
  var column: Int
  var message: String

  init(_ word: ConfigWord, _ message: String) {
    self.column = word.column
    self.message = message
  }

  init(column: Int, _ message: String) {
    self.column = column
    self.message = message
  }
}

extension ConfigWord {
  /// The words of `line`: runs of non-blanks, or "double-quoted" text (for a key such as `#`,
  /// with `\"` and `\\` inside); `#` outside quotes starts a comment.
  static func split(_ line: Substring) throws(ConfigLineError) -> [ConfigWord] {
    var words: [ConfigWord] = []
    var characters = Array(line)
    if characters.last == "\r" { characters.removeLast() }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == " " || character == "\t" {
        index += 1
        continue
      }
      if character == "#" { break }
      let start = index
      var text = ""
      if character == "\"" {
        index += 1
        var closed = false
        while index < characters.count {
          let inner = characters[index]
          if inner == "\"" {
            closed = true
            index += 1
            break
          }
          if inner == "\\", index + 1 < characters.count {
            index += 1
          }
          text.append(characters[index])
          index += 1
        }
        guard closed else { throw ConfigLineError(column: start + 1, "unterminated quote") }
      } else {
        while index < characters.count, characters[index] != " ", characters[index] != "\t" {
          text.append(characters[index])
          index += 1
        }
      }
      words.append(ConfigWord(text: text, column: start + 1, quoted: character == "\""))
    }
    return words
  }
}
