import Foundation

/// Runs blocking test work (waiting on subprocesses, sleeping) on a thread of its own.
///
/// Swift Testing runs every test on a small pool of threads (one per core): a test that
/// blocks one of them for seconds starves the rest of the suite, whose time limits then run
/// out while they wait to start.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws
  -> T
{
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

// Handed between a test and the thread it waits on, one at a time, never used concurrently.
extension ServerProcess: @unchecked Sendable {}
extension ChildProcess: @unchecked Sendable {}
