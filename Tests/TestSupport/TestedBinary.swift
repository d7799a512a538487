import Foundation

/// How the rg under test was built, for the checks that depend on it.
public enum TestedBinary {
  /// The sanitizer rg was built with (`$RG_TEST_SANITIZER`, e.g. `address`, set by
  /// `make test-sanitized` with `$RG_TEST_BINARY`); nil for the plain build.
  public static var sanitizer: String? {
    ProcessInfo.processInfo.environment["RG_TEST_SANITIZER"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Whether rg's peak-RSS bounds apply: a sanitizer's shadow memory and quarantine of freed
  /// blocks put its RSS far above them (100,000 gets: 435 MiB with ASan, 15 MiB without).
  public static var hasMemoryBounds: Bool { sanitizer == nil }
}
