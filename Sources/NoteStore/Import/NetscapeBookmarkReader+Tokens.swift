extension NetscapeBookmarkReader {
  /// One piece of a bookmark file: a tag (names and attribute names lowercased, values
  /// entity-decoded) or a run of text (entity-decoded).
  enum Token: Equatable {
    case start(String, [String: String])
    case end(String)
    case text(String)
  }

  /// Splits HTML into tokens, tolerating what bookmark exporters and hand edits produce:
  /// any case, quoted, single-quoted or bare attribute values, a tag cut short by the next
  /// `<`, an unterminated quote (it ends at the line's end), and stray `<` kept as text.
  /// Comments, `<!DOCTYPE>` and `<?…?>` are skipped. Complexity: O(n).
  struct Tokenizer {
    let bytes: [UInt8]
    var offset = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func next() -> Token? {
      guard offset < bytes.count else { return nil }
      if bytes[offset] == UInt8(ascii: "<") {
        if let token = tag() { return token }
      }
      let start = offset
      offset += 1
      while offset < bytes.count && bytes[offset] != UInt8(ascii: "<") { offset += 1 }
      return .text(NetscapeBookmarkReader.decodeEntities(string(start..<offset)))
    }

    /// The tag at `offset`, or nil (with `offset` unchanged) when the `<` starts none.
    private mutating func tag() -> Token? {
      var index = offset + 1
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
        let isComment = bytes[index...].starts(with: Array("!--".utf8))
        let terminator = isComment ? Array("-->".utf8) : [UInt8(ascii: ">")]
        let close = NetscapeBookmarkReader.find(terminator, in: bytes[index...])
        offset = close.map { $0 + terminator.count } ?? bytes.count
        return .text("")
      }
      let isEnd = bytes[index] == UInt8(ascii: "/")
      if isEnd { index += 1 }
      let nameStart = index
      while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
      guard index > nameStart, isLetter(bytes[nameStart]) else { return nil }
      let name = string(nameStart..<index).lowercased()
      var attributes: [String: String] = [:]
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: ">") {
          index += 1
          break
        }
        if byte == UInt8(ascii: "<") { break }  // cut short: the next tag starts here
        if isSpace(byte) || byte == UInt8(ascii: "/") {
          index += 1
          continue
        }
        let keyStart = index
        while index < bytes.count, !isSpace(bytes[index]),
          !"=></".utf8.contains(bytes[index])
        {
          index += 1
        }
        let key = string(keyStart..<index).lowercased()
        while index < bytes.count && isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
          if !key.isEmpty { attributes[key] = attributes[key] ?? "" }
          if index == keyStart { index += 1 }
          continue
        }
        index += 1
        while index < bytes.count && isSpace(bytes[index]) { index += 1 }
        let value = attributeValue(&index)
        if !key.isEmpty, attributes[key] == nil {
          attributes[key] = NetscapeBookmarkReader.decodeEntities(value)
        }
      }
      offset = index
      return isEnd ? .end(name) : .start(name, attributes)
    }

    /// A quoted or bare value starting at `index`; moves `index` past it.
    private func attributeValue(_ index: inout Int) -> String {
      guard index < bytes.count else { return "" }
      let quote = bytes[index]
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        let valueStart = index + 1
        var probe = valueStart
        while probe < bytes.count && bytes[probe] != quote && bytes[probe] != 0x0A { probe += 1 }
        if probe < bytes.count && bytes[probe] == quote {
          index = probe + 1
          return string(valueStart..<probe)
        }
        // Unterminated: the value ends before the tag's `>` on this line, or at the line end.
        var end = valueStart
        while end < probe && bytes[end] != UInt8(ascii: ">") { end += 1 }
        index = end
        return string(valueStart..<end)
      }
      let valueStart = index
      while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
        bytes[index] != UInt8(ascii: "<")
      {
        index += 1
      }
      return string(valueStart..<index)
    }

    private func string(_ range: Range<Int>) -> String {
      String(decoding: bytes[range], as: UTF8.self)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private func isLetter(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
      isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
  }
}
