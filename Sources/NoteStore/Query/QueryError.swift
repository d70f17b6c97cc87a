/// Why a query did not parse, and where: the column (1-based, in characters) of the problem.
///
/// Shown in the browser's status line and by `list --query` as `query:1:COL: error: REASON`,
/// the compiler-style form of every other input error.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
  public var column: Int
  public var reason: String

  public init(column: Int, reason: String) {
    self.column = column
    self.reason = reason
  }

  /// "query:1:COL: error: REASON": a query is one line.
  public var description: String { "query:1:\(column): error: \(reason)" }
}
