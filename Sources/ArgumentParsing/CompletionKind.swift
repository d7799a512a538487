/// What a shell completion script may offer for an argument's value.
public enum CompletionKind: Hashable, Sendable {
  /// Nothing to offer (free text, numbers, durations).
  case none
  /// File names; when `extensions` is not empty, only files ending in one of them (no dot).
  case file(extensions: [String])
  /// Directory names.
  case directory
  /// One of a fixed list of words.
  case choices([String])
}
