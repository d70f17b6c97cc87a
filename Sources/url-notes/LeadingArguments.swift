import ArgumentParser
import Diagnostics

/// The arguments as the user meant them, or the one-line reason they cannot mean anything.
///
/// `browse` is the default command, so ArgumentParser reads everything before a command name as
/// arguments of `browse`, and `url-notes --store P tags` or `url-notes tgas` used to answer with
/// the usage of `browse`. A leading `--store P` is taken as the global option the help text says
/// it is (moved after the command); an unknown first word is reported as an unknown command,
/// an unknown leading option as an unknown option (`url-notes --bogus`).
enum LeadingArguments {
  /// The words that name a command, `help` included (ArgumentParser adds it); `shown`: only
  /// those the help lists (not `compact`, which the other commands start in the background).
  static func commandNames(shown: Bool = false) -> [String] {
    URLNotes.configuration.subcommands.filter { !shown || $0.configuration.shouldDisplay }
      .map { $0._commandName } + ["help"]
  }

  /// Whether command `name` prints the config file's problems on stderr: not the browser
  /// (its status line shows them), `demo` (its browser does), `config` (it is the check) or
  /// anything that is not a command (`--help`, shell completion callbacks).
  static func reportsConfigProblems(_ name: String) -> Bool {
    commandNames().contains(name) && !["browse", "demo", "config", "help"].contains(name)
  }

  /// `arguments` with a leading `--store P` moved behind the command name that follows it.
  static func normalized(_ arguments: [String]) throws(LeadingArgumentsError) -> [String] {
    let commands = commandNames()
    guard let first = arguments.first else { return arguments }
    if !first.hasPrefix("-") {
      guard commands.contains(first) else {
        throw LeadingArgumentsError.unknownCommand(first, known: commandNames(shown: true))
      }
      return arguments
    }
    var leading: [String] = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      if argument == "--store", index + 1 < arguments.endIndex {
        leading += arguments[index...index + 1]
        index += 2
      } else if argument.hasPrefix("--store=") {
        leading.append(argument)
        index += 1
      } else {
        break
      }
    }
    guard index < arguments.endIndex else { return arguments }
    let next = arguments[index]
    if next.hasPrefix("-") {
      // Options before any command are the browser's: only --store, or one of the program's own.
      // A --store without its value is left to ArgumentParser, which names the missing value.
      let known = Self.programOptions + ["--store"]
      guard known.contains(where: { next == $0 || next.hasPrefix($0 + "=") }) else {
        throw LeadingArgumentsError.unknownOption(next, known: commandNames(shown: true))
      }
      return arguments
    }
    guard commands.contains(next) else {
      throw LeadingArgumentsError.unknownCommand(next, known: commandNames(shown: true))
    }
    return [next] + leading + arguments[(index + 1)...]
  }

  /// The options ArgumentParser answers before any command: help, version, the man page's and
  /// the completion scripts' (`---completion` is how a completion script asks for candidates).
  static let programOptions = [
    "-h", "--help", "-help", "--version", "--generate-completion-script", "---completion",
    "--experimental-dump-help",
  ]
}

/// Why the first words of a command line mean nothing.
enum LeadingArgumentsError: Error, Equatable, CustomStringConvertible {
  case unknownCommand(String, known: [String])
  /// An option before any command that neither the browser (the default command) nor the
  /// program takes.
  case unknownOption(String, known: [String])

  /// A usage error: it points at the command line (`url-notes: error: …`).
  var diagnostic: Diagnostic {
    switch self {
    case .unknownCommand(let word, let known):
      return .program(
        "unknown command '\(word)' (commands: " + known.joined(separator: ", ")
          + "; see 'url-notes --help')")
    case .unknownOption(let word, let known):
      return .program(
        "unknown option '\(word)' (before a command only --store PATH, --help and --version; "
          + "commands: " + known.joined(separator: ", ") + "; see 'url-notes --help')")
    }
  }

  var description: String { diagnostic.description }
}
