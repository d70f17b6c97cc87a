import Diagnostics

/// Why a query did not parse, and where: the column (1-based, in Unicode scalars, as every
/// diagnostic counts them) of the problem.
///
/// Shown in the browser's status line and by `list --query` as `query:1:COL: error: REASON`,
/// the compiler-style form of every other input error (`diagnostic`).
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
  public var column: Int
  public var reason: String

  public init(column: Int, reason: String) {
    self.column = column
    self.reason = reason
  }

  /// The error as the program's one diagnostic type: a query is one line of "file" `query`.
  public var diagnostic: Diagnostic {
    Diagnostic(reason, file: "query", at: TextPosition(line: 1, column: column))
  }

  public var description: String { diagnostic.description }
}
