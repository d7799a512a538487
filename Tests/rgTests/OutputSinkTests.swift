import Glibc
import RouteGuideProtocol
import RouteGuideTransport
import Testing

@testable import rg

@Suite struct OutputSinkTests {
  /// A pipe whose write end is the sink's stdout.
  static func pipeEnds() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    return (fds[0], fds[1])
  }

  /// Runs `loop` a few rounds (each at most 100 ms), collecting the sink's failures.
  static func failures(of sink: OutputSink, on loop: EventLoop) throws -> [ClientOutcome] {
    var failures: [ClientOutcome] = []
    sink.onFailure = { failures.append($0) }
    for _ in 0..<3 { try loop.runOnce(maxWait: 100) }
    return failures
  }

  @Test func linesReachThePipe() throws {
    let ends = try Self.pipeEnds()
    defer { close(ends.read) }
    let loop = EventLoop()
    let sink = OutputSink(
      loop: loop, fd: ends.write, formatter: NDJSONFormatter(mapping: JSONMappingOptions()))
    sink.append(Point(latitude: 1, longitude: 2))
    sink.flush()
    sink.close()
    close(ends.write)
    var buffer = [UInt8](repeating: 0, count: 100)
    let count = buffer.withUnsafeMutableBytes { read(ends.read, $0.baseAddress, $0.count) }
    #expect(
      String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == """
        {"latitude":1,"longitude":2}

        """)
  }

  @Test func readerLeavingWhileIdleIsOutputClosed() throws {
    let ends = try Self.pipeEnds()
    defer { close(ends.write) }
    let loop = EventLoop()
    let sink = OutputSink(
      loop: loop, fd: ends.write, formatter: NDJSONFormatter(mapping: JSONMappingOptions()))
    close(ends.read)
    let failures = try Self.failures(of: sink, on: loop)
    #expect(failures.count == 1)
    if case .outputClosed = failures.first {} else { Issue.record("got \(failures)") }
    #expect(sink.isClosed)
  }

  @Test func readerLeavingAfterTheOutcomeIsDecidedIsNotNews() throws {
    let ends = try Self.pipeEnds()
    defer { close(ends.write) }
    let loop = EventLoop()
    let sink = OutputSink(
      loop: loop, fd: ends.write, formatter: NDJSONFormatter(mapping: JSONMappingOptions()))
    sink.ignoreIdleClosedReader()
    close(ends.read)
    #expect(try Self.failures(of: sink, on: loop).isEmpty)
    sink.close()
  }

  @Test func readerStillThereIsNoFailure() throws {
    let ends = try Self.pipeEnds()
    defer {
      close(ends.read)
      close(ends.write)
    }
    let loop = EventLoop()
    let sink = OutputSink(
      loop: loop, fd: ends.write, formatter: NDJSONFormatter(mapping: JSONMappingOptions()))
    #expect(try Self.failures(of: sink, on: loop).isEmpty)
    sink.close()
  }
}
