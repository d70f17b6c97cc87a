import ByteJSON

/// Pulls the flight payload out of a saved Next.js App Router page (spec §5).
///
/// Finds every `<script …>…</script>` (raw text: entities are not decoded), every
/// `self.__next_f.push(` and `(self.__next_f=self.__next_f||[]).push(` in it, parses the one
/// JSON array argument and joins the payload bytes in document order: `[0]` starts the
/// payload, `[1, text]` appends the text's UTF-8, `[3, base64]` appends the decoded bytes,
/// `[2, formState]` is ignored. `self.__next_s`, `__NEXT_DATA__` and Fizz markup are not
/// flight data and are skipped. Positions in errors are positions in the HTML.
public enum FlightHTMLExtractor {
  /// The joined payload and what was noticed on the way.
  public struct Payload: Sendable, Equatable {
    /// The flight bytes, ready for `FlightFramer`.
    public let bytes: [UInt8]
    /// How many `__next_f.push` calls were read (all types).
    public let pushCount: Int
    /// Lenient cases: data before the `[0]` push, a second `[0]` push.
    public let diagnostics: [FlightDiagnostic]
    /// Where in the page each chunk of `bytes` was pushed.
    let map: FlightPayloadMap
  }

  /// The joined flight bytes of an HTML page. Throws on a push whose argument is not a JSON
  /// array of the expected shape, or on bad base64.
  public static func extractPayload(from html: [UInt8]) throws(FlightError) -> [UInt8] {
    try extract(from: html).bytes
  }

  /// The joined flight bytes with the push count and diagnostics.
  public static func extract(from html: [UInt8]) throws(FlightError) -> Payload {
    try html.withUnsafeBufferPointer { buffer throws(FlightError) in
      var scanner = Scanner(html: html, buffer: buffer)
      try scanner.scanScripts()
      return Payload(
        bytes: scanner.payload, pushCount: scanner.pushCount, diagnostics: scanner.diagnostics,
        map: scanner.map)
    }
  }

  /// The state of one extraction.
  struct Scanner {
    let html: [UInt8]
    let buffer: UnsafeBufferPointer<UInt8>
    var lines = FlightLineTable()
    var payload: [UInt8] = []
    var map = FlightPayloadMap()
    var pushCount = 0
    var started = false
    var diagnostics: [FlightDiagnostic] = []

    init(html: [UInt8], buffer: UnsafeBufferPointer<UInt8>) {
      self.html = html
      self.buffer = buffer
    }

    /// Visits the content of every script element.
    mutating func scanScripts() throws(FlightError) {
      var cursor = 0
      while let open = findLowercase("<script", from: cursor) {
        var index = open + 7
        cursor = index
        guard index < buffer.count, isTagNameEnd(buffer[index]) else { continue }
        var quote: UInt8? = nil
        while index < buffer.count {
          let byte = buffer[index]
          if let open = quote {
            if byte == open { quote = nil }
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
          } else if byte == UInt8(ascii: ">") {
            break
          }
          index += 1
        }
        guard index < buffer.count else { return }
        let contentEnd = findLowercase("</script", from: index + 1) ?? buffer.count
        try scanPushes(in: (index + 1)..<contentEnd)
        cursor = contentEnd
      }
    }

    /// Reads every `__next_f.push(…)` call inside one script.
    mutating func scanPushes(in range: Range<Int>) throws(FlightError) {
      var index = range.lowerBound
      while let hit = FlightInputSniffer.firstIndex(
        of: "__next_f", in: html, from: index, to: range.upperBound)
      {
        index = hit + 8
        if hit > 0 && isIdentifierByte(buffer[hit - 1]) { continue }
        if index < range.upperBound && isIdentifierByte(buffer[index]) { continue }
        var position = index
        // `(self.__next_f=self.__next_f||[]).push(`: the second name is followed by `||[])`.
        if match("||", &position) {
          guard match("[", &position), match("]", &position), match(")", &position) else {
            continue
          }
        }
        guard match(".", &position), match("push", &position), match("(", &position) else {
          continue
        }
        index = try readPush(at: skipWhitespace(position))
      }
    }

    /// Parses the pushed array at `start` and applies it; returns the offset after `)`.
    mutating func readPush(at start: Int) throws(FlightError) -> Int {
      let value: JSONValue
      let end: Int
      do {
        (value, end) = try JSONParser.parseValue(in: buffer, at: start)
      } catch {
        throw failure(.invalidPush(reason: error.message), at: error.offset)
      }
      var position = end
      guard match(")", &position) else {
        throw failure(.invalidPush(reason: "expected ')' after the pushed array"), at: end)
      }
      try apply(value, at: start)
      return position
    }

    /// Applies one `[type, data]` push as Next's reader does (spec §5.2).
    mutating func apply(_ value: JSONValue, at offset: Int) throws(FlightError) {
      guard let items = value.arrayValue, case .number(let number)? = items.first,
        let type = number.int
      else {
        throw failure(.invalidPush(reason: "expected an array [type, data]"), at: offset)
      }
      pushCount += 1
      switch type {
      case 0:
        if !payload.isEmpty {
          diagnostics.append(
            FlightDiagnostic(.payloadRestarted(discardedBytes: payload.count), at: position(offset))
          )
          payload.removeAll()
          map.chunks.removeAll()
        }
        started = true
      case 1, 3:
        guard items.count >= 2, let text = items[1].stringValue else {
          throw failure(.invalidPush(reason: "expected [\(type), \"…\"]"), at: offset)
        }
        if !started {
          diagnostics.append(FlightDiagnostic(.missingBootstrap, at: position(offset)))
          started = true
        }
        let chunkStart = payload.count
        if type == 1 {
          payload.append(contentsOf: text.utf8)
        } else {
          guard FlightHTMLExtractor.appendBase64(text, to: &payload) else {
            throw failure(.invalidBase64, at: offset)
          }
        }
        // items[0] is a number, so the push's first quote opens the chunk's string.
        if payload.count > chunkStart, let quote = findByte(UInt8(ascii: "\""), from: offset) {
          map.chunks.append(
            FlightPayloadMap.Chunk(
              payloadStart: chunkStart, pageStart: quote + 1, isBase64: type == 3))
        }
      default:
        break  // 2 is form state; later types are not flight data either
      }
    }

    mutating func position(_ offset: Int) -> FlightPosition {
      lines.position(of: offset, in: buffer)
    }

    mutating func failure(_ kind: FlightError.Kind, at offset: Int) -> FlightError {
      FlightError(kind, at: position(offset))
    }
  }
}
