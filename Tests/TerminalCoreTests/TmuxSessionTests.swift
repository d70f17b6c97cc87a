import TestSupport
import Testing

/// The tmux driver itself, against plain shell commands (the app's screens are tested by the
/// end-to-end tests).
@Suite(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TmuxSessionTests {
  @Test func typesTextReadsTheScreenAndTheExitStatus() throws {
    let tmux = try TmuxSession(
      command: ["sh", "-c", "printf '日本語 ready\\n'; read line; echo \"got:$line\"; exit 3"],
      width: 40, height: 6)
    let screen = try tmux.waitFor(text: "ready")
    #expect(screen.count == 6)
    #expect(screen[0] == "日本語 ready")
    try tmux.sendText("héllo 'quoted' Enter")
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "got:héllo 'quoted' Enter")
    #expect(try tmux.waitForExit() == 3)
  }

  @Test func resizeChangesThePaneSize() throws {
    let tmux = try TmuxSession(
      command: ["sh", "-c", "stty size; read x; stty size; read y"], width: 50, height: 8)
    try tmux.waitFor(text: "8 50")
    try tmux.resize(width: 30, height: 5)
    try tmux.sendKeys("Enter")
    try tmux.waitFor(text: "5 30")
    #expect(try tmux.capture().count == 5)
  }

  @Test func environmentAndTermReachTheCommand() throws {
    let tmux = try TmuxSession(
      command: ["sh", "-c", "echo \"[$TERM][$GREETING]\"; read x"],
      environment: ["GREETING": "hi there", "TERM": "xterm-256color"])
    try tmux.waitFor(text: "[xterm-256color][hi there]")
    tmux.kill()
    tmux.kill()
  }

  @Test func timeoutReportsTheLastScreen() throws {
    let tmux = try TmuxSession(command: ["sh", "-c", "echo waiting; read x"], width: 20, height: 3)
    try tmux.waitFor(text: "waiting")
    #expect {
      try tmux.waitFor(text: "never", timeout: 0.1)
    } throws: { error in
      "\(error)".contains("0\t|waiting|")
    }
  }
}
