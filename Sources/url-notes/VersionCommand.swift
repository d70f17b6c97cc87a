import ArgumentParser

/// The program's version, printed by `url-notes --version` and `url-notes version`.
enum ProgramVersion {
  static let current = "0.9.0"
}

/// `version`: the same line as `--version`, for people who type commands rather than flags.
struct Version: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the version of url-notes.")

  func run() {
    Output.line(ProgramVersion.current)
  }
}
