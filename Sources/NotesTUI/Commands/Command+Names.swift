/// The names of commands in help and in the config file (`bind note x fold-all`): the case
/// name in kebab case, so a command added to the table has a name without another list.
extension Command {
  /// `pageDown` → `page-down`, `openURL` → `open-url`; every `foldToLevel(N)` is `fold-to-level` (the digit keys
  /// choose the level).
  public var name: String {
    if case .foldToLevel = self { return "fold-to-level" }
    // A capital after a lower-case letter starts a word; capitals in a row are one (openURL).
    var name = ""
    var previous: Character = " "
    for character in String(describing: self) {
      if character.isUppercase && previous.isLowercase { name += "-" }
      name += character.lowercased()
      previous = character
    }
    return name
  }
}

extension CommandGroup {
  /// The screen's name in the config file: `general`, `tags`, `previews`, `note`, `form`.
  public var configName: String { String(describing: self) }
}
