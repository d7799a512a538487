/// Formats a timeout for messages: "2s", "1500ms", "250us".
enum DurationText {
  static func format(nanoseconds: UInt64) -> String {
    if nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000)s" }
    if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
    if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)us" }
    return "\(nanoseconds)ns"
  }

  /// A measured time, to a precision people read: "31s" from a second up, else "250ms".
  static func rounded(nanoseconds: UInt64) -> String {
    nanoseconds >= 1_000_000_000
      ? "\((nanoseconds + 500_000_000) / 1_000_000_000)s"
      : "\((nanoseconds + 500_000) / 1_000_000)ms"
  }
}
