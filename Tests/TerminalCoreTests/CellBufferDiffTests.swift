import TerminalCore
import Testing

@Suite struct CellBufferDiffTests {
  @Test func fullRedrawWithoutAPreviousFrame() {
    var b = CellBuffer(width: 3, height: 2)
    b.put("ab", at: .zero)
    let runs = b.diff(from: nil)
    #expect(runs.map(\.origin) == [Point(x: 0, y: 0), Point(x: 0, y: 1)])
    #expect(runs.map(\.cells.count) == [3, 3])
  }

  @Test func identicalFramesHaveNoChanges() {
    var b = CellBuffer(width: 10, height: 3)
    b.put("日本 hello", at: .zero)
    #expect(b.diff(from: b).isEmpty)
  }

  @Test func onlyChangedRunsAreReported() {
    var old = CellBuffer(width: 10, height: 3)
    old.put("hello world", at: .zero)
    old.put("second", at: Point(x: 0, y: 1))
    var new = old
    new.put("J", at: Point(x: 0, y: 0))
    new.put("W", at: Point(x: 6, y: 0))
    new.restyle(Rect(x: 0, y: 2, width: 2, height: 1)) { $0.adding(.bold) }
    let runs = new.diff(from: old)
    #expect(runs.map(\.origin) == [Point(x: 0, y: 0), Point(x: 6, y: 0), Point(x: 0, y: 2)])
    #expect(runs.map { $0.cells.map(\.text).joined() } == ["J", "W", "  "])
  }

  @Test func runsKeepWideCharactersWhole() {
    var old = CellBuffer(width: 6, height: 1)
    old.put("ab日cd", at: .zero)
    var new = old
    new.put("本", at: Point(x: 2, y: 0))
    let runs = new.diff(from: old)
    #expect(runs.count == 1)
    #expect(runs[0].origin == Point(x: 2, y: 0))
    #expect(runs[0].cells.count == 2)
    #expect(runs[0].cells[1].isContinuation)
  }

  @Test func sizeChangeMeansFullRedraw() {
    let old = CellBuffer(width: 4, height: 1)
    let new = CellBuffer(width: 5, height: 1)
    #expect(new.diff(from: old).map(\.cells.count) == [5])
  }
}
