import Foundation
import TestSupport
import Testing

/// The generated bash completion, for real: an interactive bash under tmux with the script
/// sourced, keys typed, and the command line read back. Tags with spaces complete whole,
/// whether the word was started bare, in double or single quotes, or with a backslash.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "needs tmux"),
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs /bin/bash"))
struct ShellCompletionEndToEndTests {
  let directory = TemporaryDirectory()

  /// An interactive bash whose `url-notes` completes from a store of three tags.
  func bash() throws -> TmuxSession {
    let binary = try BuiltProducts.executable("url-notes")
    let store = directory.file("notes.json")
    for (title, tags) in [("A", ["large language model", "gpu"]), ("B", ["larch tree"])] {
      let arguments = [binary, "add", "--store", store, "--title", title]
      let result = try ProcessResult.run(arguments + tags.flatMap { ["--tag", $0] })
      #expect(result.status == 0, "\(result.stderrText)")
    }
    let script = try ProcessResult.run([binary, "--generate-completion-script", "bash"])
    try script.stdoutText.write(
      toFile: directory.file("url-notes.bash"), atomically: true, encoding: .utf8)
    let folder = (binary as NSString).deletingLastPathComponent
    try """
    PS1='$ '
    PATH='\(folder)':"$PATH"
    source '\(directory.file("url-notes.bash"))'
    """.write(toFile: directory.file("bashrc"), atomically: true, encoding: .utf8)
    return try TmuxSession(
      command: ["/bin/bash", "--noprofile", "--rcfile", directory.file("bashrc"), "-i"],
      width: 100, height: 10, environment: ["URL_NOTES_STORE": store])
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

  @Test func tagsWithSpacesCompleteQuotedOrEscaped() throws {
    let tmux = try bash()
    try tmux.waitFor("the prompt") { $0.first == "$" }
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
