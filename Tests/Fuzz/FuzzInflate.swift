// libFuzzer entry point; built by `make fuzz-build` with the shared checks in
// Tests/RouteGuideProtocolTests/FuzzChecks*.swift, not by SwiftPM.

/// Runs one input through `FuzzChecks.inflate`; a broken invariant traps, so libFuzzer keeps it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    try FuzzChecks.inflate(input)
  } catch {
    fatalError("fuzz check failed: \(error)")
  }
  return 0
}
