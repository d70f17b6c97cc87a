import TerminalCore

/// The key bindings in effect: the command table (`CommandTable.bindings`) with the config
/// file's `bind` and `unbind` lines applied. The app dispatches keys through it, and the help
/// screen lists it, so help always shows the keys that work.
public struct KeyMap: Equatable, Sendable {
  /// The bindings, grouped by screen in help order.
  public private(set) var bindings: [KeyBinding]

  /// The command table as shipped.
  public static let standard = KeyMap(CommandTable.bindings)

  public init(_ bindings: [KeyBinding]) {
    self.bindings = bindings
  }

  /// The command `key` runs on screen `group`: the screen's own binding first, then the
  /// general one (except in the form, where every other key is typed into a field); nil for
  /// an unbound key.
  public func command(for key: Key, in group: CommandGroup) -> Command? {
    for scope in group == .form ? [.form] : [group, .general] {
      for binding in bindings where binding.group == scope && binding.keys.contains(key) {
        if case .foldToLevel = binding.command, case .character(let c) = key,
          let level = c.wholeNumberValue
        {
          return .foldToLevel(level)
        }
        return binding.command
      }
    }
    return nil
  }

  /// The bindings of one group, in table order.
  public func bindings(in group: CommandGroup) -> [KeyBinding] {
    bindings.filter { $0.group == group }
  }

  /// Binds `key` to `command` on screen `group`, taking the key from whatever it ran there;
  /// the key joins the screen's binding of the command, or a new one placed after the screen's
  /// last binding, with the command's help text.
  mutating func bind(_ key: Key, to command: Command, in group: CommandGroup) {
    removeKey(key, in: group)
    if let index = bindings.firstIndex(where: { $0.group == group && $0.command == command }) {
      bindings[index] = bindings[index].with(keys: bindings[index].keys + [key])
      return
    }
    let help = bindings.first { $0.command == command }?.help ?? command.name
    let end = (bindings.lastIndex { $0.group == group } ?? bindings.count - 1) + 1
    bindings.insert(KeyBinding([key], command, group, help), at: end)
  }

  /// Unbinds `key` on screen `group`; false when the screen has no binding for it.
  mutating func unbind(_ key: Key, in group: CommandGroup) -> Bool {
    guard bindings.contains(where: { $0.group == group && $0.keys.contains(key) }) else {
      return false
    }
    removeKey(key, in: group)
    return true
  }

  /// Takes `key` out of the bindings of `group`; a binding left without keys goes.
  private mutating func removeKey(_ key: Key, in group: CommandGroup) {
    bindings = bindings.compactMap { binding in
      guard binding.group == group, binding.keys.contains(key) else { return binding }
      let keys = binding.keys.filter { $0 != key }
      return keys.isEmpty ? nil : binding.with(keys: keys)
    }
  }
}

extension KeyBinding: Equatable {
  public static func == (lhs: KeyBinding, rhs: KeyBinding) -> Bool {
    lhs.keys == rhs.keys && lhs.command == rhs.command && lhs.group == rhs.group
      && lhs.help == rhs.help && lhs.label == rhs.label
  }

  /// The binding with other keys; a label ("1–9") no longer describes them, so it goes.
  func with(keys: [Key]) -> KeyBinding {
    KeyBinding(keys, command, group, help)
  }
}
