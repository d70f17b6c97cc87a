import Foundation
import TestSupport
import Testing

/// The generated completion scripts, for real: an interactive bash, zsh or fish under tmux
/// with the script loaded, keys typed, and the command line read back. Tags with spaces
/// complete whole, whether the word was started bare, in double or single quotes, or with a
/// backslash. A shell that is not installed is skipped with a printed reason.
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ShellCompletionEndToEndTests {
  let directory = TemporaryDirectory()

  /// The first path of `shell` that exists.
  static func executable(_ shell: String) -> String? {
    ["/bin/", "/usr/bin/", "/usr/local/bin/"].map { $0 + shell }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Writes `text` to the file `name` of the test's directory; its path.
  func write(_ text: String, _ name: String) throws -> String {
    let path = directory.file(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// An interactive `shell` (at `path`), prompt `$ `, whose `url-notes` completes from a store
  /// of three tags.
  func session(_ shell: String, at path: String) throws -> TmuxSession {
    let binary = try BuiltProducts.executable("url-notes")
    let store = directory.file("notes.json")
    for (title, tags) in [("A", ["large language model", "gpu"]), ("B", ["larch tree"])] {
      let arguments = [binary, "add", "--store", store, "--title", title]
      let result = try ProcessResult.run(arguments + tags.flatMap { ["--tag", $0] })
      #expect(result.status == 0, "\(result.stderrText)")
    }
    let script = try ProcessResult.run([binary, "--generate-completion-script", shell])
    #expect(script.status == 0)
    let folder = (binary as NSString).deletingLastPathComponent
    var environment = ["URL_NOTES_STORE": store]
    let command: [String]
    switch shell {
    case "bash":
      let source = try write(script.stdoutText, "url-notes.bash")
      let rc = try write("PS1='$ '\nPATH='\(folder)':\"$PATH\"\nsource '\(source)'\n", "bashrc")
      command = [path, "--noprofile", "--rcfile", rc, "-i"]
    case "zsh":
      try FileManager.default.createDirectory(
        atPath: directory.file("zfunc"), withIntermediateDirectories: true)
      _ = try write(script.stdoutText, "zfunc/_url-notes")
      _ = try write(
        "PS1='$ '\npath=('\(folder)' $path)\nfpath=('\(directory.file("zfunc"))' $fpath)\n"
          + "autoload -U compinit; compinit -u -D\n", ".zshrc")
      environment["ZDOTDIR"] = directory.path
      command = [path, "-i"]
    default:
      let source = try write(script.stdoutText, "url-notes.fish")
      let config = try write(
        "function fish_prompt; echo -n '$ '; end\nset -g fish_greeting ''\n"
          + "set -gx PATH '\(folder)' $PATH\nsource '\(source)'\n", "config.fish")
      command = [path, "--no-config", "-C", "source '\(config)'"]
    }
    return try TmuxSession(command: command, width: 100, height: 10, environment: environment)
  }

  /// The command line after typing `text` and pressing Tab.
  func complete(_ tmux: TmuxSession, _ text: String, expecting: String) throws -> String {
    try tmux.sendText(text)
    try tmux.sendKeys("Tab")
    let screen = try tmux.waitFor(text: expecting)
    try tmux.sendKeys("C-u")
    try tmux.waitFor("an empty command line") { $0.last { $0.hasPrefix("$") } == "$" }
    return screen.last { $0.hasPrefix("$ ") } ?? ""
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func tagsWithSpacesCompleteQuotedOrEscaped(shell: String) throws {
    guard let path = Self.executable(shell) else {
      print("skipped: \(shell) is not installed, its completion script is not run")
      return
    }
    let tmux = try session(shell, at: path)
    try tmux.waitFor(timeout: 10, "the prompt") { $0.first == "$" }
    let line = "url-notes list --tag "
    #expect(
      try complete(tmux, line + "larg", expecting: "model")
        == "$ " + line + #"large\ language\ model"#)
    #expect(
      try complete(tmux, line + #""large l"#, expecting: "model\"")
        == "$ " + line + #""large language model""#)
    #expect(
      try complete(tmux, line + #"large\ l"#, expecting: "model")
        == "$ " + line + #"large\ language\ model"#)
    #expect(
      try complete(tmux, "url-notes list --not-tag 'larc", expecting: "tree'")
        == "$ url-notes list --not-tag 'larch tree'")
    // bash's compgen matches the case typed, whatever the candidates.
    #expect(
      try complete(tmux, "url-notes tags --with g", expecting: "gpu")
        == "$ url-notes tags --with gpu")
  }
}
