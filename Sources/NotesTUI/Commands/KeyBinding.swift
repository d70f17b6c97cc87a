import TerminalCore

/// One row of the command table: the keys, the command they run, where, and what it does.
public struct KeyBinding: Sendable {
  /// The keys that run the command; the first is the one shown first in help.
  public let keys: [Key]
  public let command: Command
  /// The screen the binding applies on (`.general`: every screen, unless a screen's own
  /// binding for the same key takes precedence).
  public let group: CommandGroup
  /// What the command does, one line, as shown in help and the README.
  public let help: String
  /// How the keys are written in help when listing each would be noisy ("1–9").
  public let label: String?

  public init(
    _ keys: [Key], _ command: Command, _ group: CommandGroup, _ help: String, label: String? = nil
  ) {
    self.keys = keys
    self.command = command
    self.group = group
    self.help = help
    self.label = label
  }

  /// The keys as written in help: the label, or the key names joined by ", ".
  public var keyText: String {
    label ?? keys.map(Self.name).joined(separator: ", ")
  }

  /// A key's name for help, with arrows as symbols (narrower than "Down").
  static func name(_ key: Key) -> String {
    switch key {
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    default: return key.description
    }
  }
}
