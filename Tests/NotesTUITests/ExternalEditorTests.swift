import Testing

@testable import NotesTUI

/// How `$EDITOR` becomes an argument vector: a plain command runs directly, anything the
/// shell would interpret goes through `/bin/sh -c` with the file as an argument (as git does).
@Suite struct ExternalEditorTests {
  @Test func aPlainCommandRunsDirectly() {
    #expect(ExternalEditor(command: "vi").arguments(for: "/t/f") == ["vi", "/t/f"])
    #expect(
      ExternalEditor(command: "/usr/bin/nvim").arguments(for: "/t/f") == ["/usr/bin/nvim", "/t/f"])
  }

  @Test(arguments: ["code --wait", "\"/opt/My Editor/ed\"", "ed;rm -rf ~"])
  func aCommandTheShellInterpretsGetsTheFileAsAnArgument(command: String) {
    #expect(
      ExternalEditor(command: command).arguments(for: "/t/my file")
        == ["/bin/sh", "-c", command + " \"$@\"", command, "/t/my file"])
  }

  @Test func editorThenVisualThenVi() {
    let both = ["EDITOR": "nano", "VISUAL": "emacs"]
    #expect(ExternalEditor.fromEnvironment { both[$0] }.command == "nano")
    let blankEditor = ["EDITOR": " \t", "VISUAL": "emacs"]
    #expect(ExternalEditor.fromEnvironment { blankEditor[$0] }.command == "emacs")
    #expect(ExternalEditor.fromEnvironment { _ in nil }.command == "vi")
  }
}
