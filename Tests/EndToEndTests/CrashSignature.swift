import TestSupport

/// What a crashed rg leaves behind, as opposed to a clean end: a trap or a signal, runtime or
/// sanitizer text on stderr, or a failure without exactly one `rg:` line.
enum CrashSignature {
  /// Text that only the Swift runtime, its backtracer or a sanitizer writes on stderr.
  static let markers = [
    "Simultaneous accesses", "Fatal access conflict", "Fatal error", "Program crashed",
    "Crash at", "AddressSanitizer", "LeakSanitizer", "Segmentation fault",
  ]

  /// Everything wrong with `result` as the end of an rg run that must not crash; empty when
  /// rg exited by itself and said at most one thing, on one `rg:` line (exactly one when it
  /// failed).
  static func problems(_ result: SubprocessResult) -> [String] {
    var problems: [String] = []
    if result.status >= 128 {
      problems.append("ended by signal \(result.status - 128) (exit \(result.status))")
    }
    for marker in markers where result.stderrText.contains(marker) {
      problems.append("stderr has \"\(marker)\"")
    }
    let lines = result.stderrText.split(separator: "\n")
    let rgLines = lines.filter { $0.hasPrefix("rg: ") }
    if rgLines.count > 1 { problems.append("\(rgLines.count) `rg:` lines on stderr") }
    if lines.count > rgLines.count { problems.append("stderr has lines besides `rg:`") }
    if result.status != 0 && rgLines.count != 1 {
      problems.append("exit \(result.status) without its `rg:` line")
    }
    return problems
  }
}
