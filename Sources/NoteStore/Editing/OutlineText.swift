import Diagnostics

/// A summary tree as plain text: one node per line, indentation = depth.
///
///     - **CPU:** AMD Ryzen AI Max 395+
///     - **Memory:**
///       - Unified memory, up to 128GB.
///
/// The format, for the TUI's outline editor and for the `$EDITOR` file:
/// - Each node is one line: 2 spaces per level of depth, then an optional `- ` bullet, then the
///   node's inline markup exactly as stored (`**Label:**` bold labels, `*italic*`, `` `code` ``,
///   `\` escapes). `render` always writes the bullet, so text that itself starts with `- ` or
///   `#` survives; `parse` takes a line without a bullet as the node's text too, which is easier
///   to type. A lone `-` is a node with empty text.
/// - A line may be indented at most one level deeper than the line before (the first line not
///   at all), by a multiple of 2 spaces. Tabs in the indentation are rejected rather than
///   guessed at (editors disagree on their width): the error names the line and column.
/// - Blank lines and trailing whitespace are ignored.
///
/// Round trip: `parse(render(forest)) == forest` for every forest whose markup holds no line
/// breaks and no leading or trailing whitespace (what importers and `parse` produce).
public enum OutlineText {
  /// Spaces per level of depth.
  public static let indentWidth = 2

  /// The outline of `forest`, one line per node, each line ending in a newline.
  public static func render(_ forest: [SummaryNode]) -> String {
    var text = ""
    for (depth, node) in SummaryNode.flatten(forest) {
      text += String(repeating: " ", count: depth * indentWidth)
      text += node.markup.isEmpty ? "-\n" : "- " + node.markup + "\n"
    }
    return text
  }

  /// Parses an outline back into a forest.
  ///
  /// `firstLine` is the line number of the text's first line in the file it came from, so
  /// errors point into that file. Complexity: O(length of the text).
  public static func parse(_ text: String, firstLine: Int = 1) throws(OutlineError)
    -> [SummaryNode]
  {
    var lines: [(depth: Int, markup: String)] = []
    var previousDepth = -1
    var lineNumber = firstLine - 1
    // "\r\n" is one Character in Swift, so Windows line ends would hide every line break.
    let text = text.replacingAll("\r\n", with: "\n")
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = trimmingTrailingWhitespace(rawLine)
      if line.isEmpty { continue }
      var spaces = 0
      var index = line.startIndex
      while index != line.endIndex, line[index] == " " || line[index] == "\t" {
        if line[index] == "\t" {
          throw OutlineError(.tabIndentation, line: lineNumber, column: spaces + 1)
        }
        spaces += 1
        index = line.index(after: index)
      }
      if spaces % indentWidth != 0 {
        throw OutlineError(.oddIndentation(spaces: spaces), line: lineNumber, column: spaces + 1)
      }
      let depth = spaces / indentWidth
      if depth > previousDepth + 1 {
        throw OutlineError(
          .indentationJump(depth: depth, allowed: previousDepth + 1), line: lineNumber,
          column: spaces + 1)
      }
      var markup = line[index...]
      if markup == "-" {
        markup = ""
      } else if markup.hasPrefix("- ") {
        markup = markup.dropFirst(2)
      }
      lines.append((depth, String(markup)))
      previousDepth = depth
    }
    var position = 0
    return build(lines, depth: 0, position: &position)
  }

  /// Nodes at `depth` starting at `position`, with their children; stops at a shallower line.
  private static func build(
    _ lines: [(depth: Int, markup: String)], depth: Int, position: inout Int
  ) -> [SummaryNode] {
    var nodes: [SummaryNode] = []
    while position < lines.count, lines[position].depth == depth {
      var node = SummaryNode(markup: lines[position].markup)
      position += 1
      if position < lines.count, lines[position].depth > depth {
        node.children = build(lines, depth: depth + 1, position: &position)
      }
      nodes.append(node)
    }
    return nodes
  }

  static func trimmingTrailingWhitespace(_ line: Substring) -> Substring {
    var end = line.endIndex
    while end != line.startIndex {
      let before = line.index(before: end)
      guard line[before] == " " || line[before] == "\t" || line[before] == "\r" else { break }
      end = before
    }
    return line[..<end]
  }
}

/// Why an outline does not parse: a line and column (1-based) and what was expected there.
public struct OutlineError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// A tab in the indentation.
    case tabIndentation
    /// Indentation that is not a multiple of `OutlineText.indentWidth`.
    case oddIndentation(spaces: Int)
    /// A line more than one level deeper than the line before.
    case indentationJump(depth: Int, allowed: Int)
  }

  public var kind: Kind
  public var line: Int
  public var column: Int

  public init(_ kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }

  /// What went wrong and what was expected, without the position.
  public var message: String {
    switch kind {
    case .tabIndentation:
      return "tab in the indentation; indent with \(OutlineText.indentWidth) spaces per level"
    case .oddIndentation(let spaces):
      return "indentation of \(spaces) spaces is not a multiple of \(OutlineText.indentWidth)"
        + "; indent with \(OutlineText.indentWidth) spaces per level"
    case .indentationJump(let depth, let allowed):
      if allowed == 0 {
        return "the first bullet is indented; expected it at the start of the line"
      }
      return "indented \(depth - allowed + 1) levels deeper than the line before"
        + "; expected at most \(allowed * OutlineText.indentWidth) spaces"
    }
  }

  /// The error as a diagnostic, not yet placed in a file (`inFile` adds the path).
  public var diagnostic: Diagnostic {
    Diagnostic(message, at: TextPosition(line: line, column: column))
  }

  /// "LINE:COLUMN: error: MESSAGE", rendered by `Diagnostic`.
  public var description: String { diagnostic.description }
}
