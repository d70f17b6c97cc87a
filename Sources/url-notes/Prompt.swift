import NotesTUI

/// Questions on the terminal.
enum Prompt {
  /// True when stdin is a terminal, so a question can be asked.
  static var isInteractive: Bool { ProcessEnvironment.isTerminal(.input) }

  /// Asks `question` on stderr and reads a yes/no answer; an empty answer is `defaultAnswer`,
  /// end of input is no.
  static func confirm(_ question: String, default defaultAnswer: Bool) -> Bool {
    Output.write(question + (defaultAnswer ? " [Y/n] " : " [y/N] "), to: .error)
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
