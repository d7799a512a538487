/// An environment variable a command reads that no argument stands for (proxy settings, the
/// trust store's places): declared, so the parser captures it and the man page lists it, and
/// read through ParsedValues like an argument, so no code reads the process environment itself.
public struct EnvironmentKey: Hashable, Sendable {
  /// The variable's name, exactly as it is spelt (`https_proxy` and `HTTPS_PROXY` are two).
  public let name: String
  /// What the variable does, for the man page's ENVIRONMENT section.
  public let help: String

  public init(_ name: String, help: String) {
    self.name = name
    self.help = help
  }

  /// Where ParsedValues keeps the value: no argument key starts with `$`.
  var storageKey: String { "$" + name }
}

extension ParsedValues {
  /// The variable's value when the command declared it and it is set; empty counts as unset,
  /// as `VAR= command` means to Unix tools.
  public func value(_ key: EnvironmentKey) -> String? {
    guard let value = environment[key.storageKey], !value.isEmpty else { return nil }
    return value
  }
}
