import Diagnostics

extension FlightDocument {
  /// The saved page a payload was joined from: its bytes and where each chunk was pushed, so
  /// positions of problems in the payload become the page's lines and columns.
  struct Page: Sendable {
    /// The page as read (after a BOM is removed or UTF-16 transcoded).
    let bytes: [UInt8]
    let map: FlightPayloadMap
    /// Offsets in the joined payload of the CRs the CRLF retry removed, ascending.
    var removedCRs: [Int] = []

    /// The page offset of byte `offset` of the framed payload.
    func pageOffset(ofFramed offset: Int) -> Int {
      // Each CR removed at or before the original offset moves it one byte further.
      var original = offset
      for removed in removedCRs {
        guard removed <= original else { break }
        original += 1
      }
      return bytes.withUnsafeBufferPointer { map.pageOffset(ofPayload: original, in: $0) }
    }
  }

  /// Turns framed-payload offsets into positions in the file read: the page for a saved page,
  /// else the framed bytes themselves (a raw payload's lines and columns are the file's: a
  /// removed BOM is no column, and the CRLF retry removes only CRs at line ends).
  struct Placer {
    let page: Page?
    var lines = FlightLineTable()

    init(page: Page?) { self.page = page }

    mutating func position(of offset: Int, in framed: [UInt8]) -> FlightPosition {
      guard let page else {
        return framed.withUnsafeBufferPointer { lines.position(of: offset, in: $0) }
      }
      let pageOffset = page.pageOffset(ofFramed: offset)
      return page.bytes.withUnsafeBufferPointer { lines.position(of: pageOffset, in: $0) }
    }

    /// `problem` with its position moved into the page (unchanged for a raw payload).
    mutating func place<Kind>(_ problem: FlightProblem<Kind>, in framed: [UInt8])
      -> FlightProblem<Kind>
    {
      guard page != nil else { return problem }
      return FlightProblem(problem.kind, at: position(of: problem.offset, in: framed))
    }
  }

  /// The line and column, in the file that was parsed, of byte `offset` of `payload` (a
  /// row's `offset`, say): for a saved page, where in its scripts the string or base64 that
  /// held the byte is. Complexity: O(file size).
  public func position(ofPayloadOffset offset: Int) -> TextPosition {
    var placer = Placer(page: page)
    let position = placer.position(of: offset, in: payload)
    return TextPosition(line: position.line, column: position.column)
  }
}
