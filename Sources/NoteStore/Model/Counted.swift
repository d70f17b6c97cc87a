/// A count and its noun, which agree: "1 note", "2 notes", "0 notes".
///
/// Every count shown to people goes through this, so "1 notes" cannot come back one message at
/// a time.
public struct Counted: CustomStringConvertible, Sendable {
  public let count: Int
  public let noun: String
  public let plural: String

  /// `plural` defaults to `noun` + "s", which is right for every noun url-notes counts so far.
  public init(_ count: Int, _ noun: String, plural: String? = nil) {
    self.count = count
    self.noun = noun
    self.plural = plural ?? noun + "s"
  }

  /// The noun alone, agreeing with the count ("note" for 1, else "notes").
  public var word: String { count == 1 ? noun : plural }

  public var description: String { "\(count) \(word)" }
}
