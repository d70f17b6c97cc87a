import ArgumentParser

/// The arguments as the user meant them, or the one-line reason they cannot mean anything.
///
/// `browse` is the default command, so ArgumentParser reads everything before a command name as
/// arguments of `browse`, and `url-notes --store P tags` or `url-notes tgas` used to answer with
/// the usage of `browse`. A leading `--store P` is taken as the global option the help text says
/// it is (moved after the command); an unknown first word is reported as an unknown command.
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
    guard !leading.isEmpty, index < arguments.endIndex, commands.contains(arguments[index]) else {
      return arguments
    }
    return [arguments[index]] + leading + arguments[(index + 1)...]
  }
}

/// Why the first words of a command line mean nothing.
enum LeadingArgumentsError: Error, Equatable, CustomStringConvertible {
  case unknownCommand(String, known: [String])

  var description: String {
    switch self {
    case .unknownCommand(let word, let known):
      return "url-notes: error: unknown command '\(word)' (commands: "
        + known.joined(separator: ", ") + "; see 'url-notes --help')"
    }
  }
}
