import ArgumentParser
import Diagnostics
import NotesTUI

/// The user's config file: where it is and what it says.
enum ConfigFile {
  /// `$XDG_CONFIG_HOME/url-notes/config`, else `~/.config/url-notes/config`.
  static var path: String {
    if let config = ProcessEnvironment.value("XDG_CONFIG_HOME"), config.hasPrefix("/") {
      return config + "/url-notes/config"
    }
    return (ProcessEnvironment.value("HOME") ?? ".") + "/.config/url-notes/config"
  }

  /// The config of the file; the defaults when there is none; a file that cannot be read is
  /// itself a problem (and everything else defaults).
  static func load() -> Config {
    let path = self.path
    guard ProcessEnvironment.exists(path) else { return Config() }
    do {
      return Config.parse(try TextFile.read(path), path: path)
    } catch {
      var config = Config()
      config.problems.append(
        Diagnostic("cannot read the config file: \(error.reason)", file: path, at: .start))
      return config
    }
  }

  /// Prints the config's problems on stderr, for commands without a status line.
  static func reportProblems() {
    for problem in load().problems { Output.report(problem) }
  }
}

/// `config --check`: every problem of the config file, and exit status 1 if there is one.
struct ConfigCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Check the config file ($XDG_CONFIG_HOME/url-notes/config).",
    discussion: """
      The config file is read by the browser at start: $XDG_CONFIG_HOME/url-notes/config, \
      else ~/.config/url-notes/config. One statement per line; # starts a comment; a word \
      with spaces or a # is written in double quotes.

      set NAME = VALUE: mouse (on/off: mouse reporting at start; m toggles it), \
      preview-host (on/off: previews show the URL's host), confirm-delete (on/off: d asks \
      first; u undoes a deletion either way), preview-sort (relevance, updated, created, title \
      or site: the order previews start in; S cycles on from it; unset: by relevance with a \
      query, else newest first), date-format (a strftime-style pattern in UTC for the dates \
      of previews and of the note view, which adds the time: %Y %y %m %d %e %b %B %a %A %H \
      %M %S %%; default %Y-%m-%d; quote a pattern with spaces: "%e %b %Y").

      bind SCREEN KEY COMMAND and unbind SCREEN KEY: SCREEN is general, tags, search, \
      previews, note or form; KEY a character, C-x, F1-F12 or a name (Enter, Esc, Space, Tab, S-Tab, \
      Backspace, Up, Down, Left, Right, PgUp, PgDn, Home, End); COMMAND a name from the help \
      screen (?), such as delete-note or fold-all.

      color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTES...]: ELEMENT is title, status-bar, \
      selection, heading, count, host, tag, selected-tag, dim, hit, code or message; a \
      colour is default, a name (red, bright-blue, ...) or a number 0-255; attributes are \
      bold, dim, reverse, underline, italic. NO_COLOR still wins.

      A bad line never stops the program: the browser starts without it and shows \
      config:LINE:COL: error: ... in the status line; other commands print it on stderr.
      """)

  @Flag(help: "Print every problem of the config file; exit status 1 if there is one.")
  var check = false

  func run() throws {
    let path = ConfigFile.path
    guard check else { return Output.line(path) }
    let problems = ConfigFile.load().problems
    for problem in problems { Output.report(problem) }
    if !problems.isEmpty { throw ExitCode(1) }
  }
}
