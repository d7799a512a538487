/// Why a codec could not compress or decompress a message.
public enum MessageCodecError: Error, Equatable, Sendable {
  /// The output would be larger than the limit.
  case tooLarge
  /// The input is not a valid compressed message; the text says why (from the library).
  case invalidData(String)
  /// The library failed for a reason of its own (out of memory); the text says which.
  case failed(String)
}
