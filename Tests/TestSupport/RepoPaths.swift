import Foundation

/// Where the repository, its Python venv and the built `rg` binary are.
public enum RepoPaths {
  /// The repository root, found from this file's location.
  public static var root: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }

  /// The interop folder: Python peers, the proto file, scripts.
  public static var interop: String { root + "/Tests/Interop" }

  /// `.venv/bin/python`, made by `make venv`.
  public static var python: String { root + "/.venv/bin/python" }

  /// The generated RouteGuide stubs for Python.
  public static var pythonGenerated: String { root + "/.venv/gen" }

  /// The `rg` the end-to-end tests run: `$RG_TEST_BINARY` when set (e.g. the AddressSanitizer
  /// build of `make test-sanitized`), else the one built next to the running test bundle
  /// (works for any --scratch-path).
  public static var rgBinary: String {
    if let override = ProcessInfo.processInfo.environment["RG_TEST_BINARY"], !override.isEmpty {
      return override
    }
    return bundledRGBinary
  }

  /// The `rg` built next to the running test bundle, whatever `$RG_TEST_BINARY` says.
  public static var bundledRGBinary: String {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("rg").path
  }

  /// The shared data folder beside the repository (route_guide_db.json).
  public static var sharedData: String { root + "/../shared/data" }
}
