import Foundation
import TestSupport
import Testing

/// Batches that report per input (DESIGN §1): every failed call names the input it was made
/// from; `--keep-going` gives every input its call; `--errors json` writes a failure in its
/// place in the output, so output line i belongs to input i.
@Suite(.timeLimit(.minutes(3))) struct BatchErrorTests {
  static let input = (1...4).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n") + "\n"
  /// The grpcio server fails the call for latitude 2, and only that one.
  static let failSecond = ["-H", "x-fail: NOT_FOUND:no such place", "-H", "x-fail-at-latitude: 2"]
  static func answer(_ latitude: Int) -> String { #"{"location":{"latitude":\#(latitude)}}"# }

  @Test func aFailedCallNamesItsInputEverywhere() throws {
    let server = try InteropServer()
    let stdin = try ClientRun.rg(
      ["get", "--plaintext"] + Self.failSecond + [server.address], stdin: Self.input)
    #expect(stdin.status == 69, "\(stdin.summary)")
    #expect(stdin.stdoutLines == [Self.answer(1)], "answers before the failure are printed")
    #expect(stdin.stderrText == "rg: stdin:2: NOT_FOUND: no such place\n")
    let literal = try ClientRun.rg(
      ["get", "--plaintext", "-d", "{\"latitude\":1}\n{\"latitude\":2}"] + Self.failSecond
        + [server.address])
    #expect(literal.stderrText == "rg: -d:2: NOT_FOUND: no such place\n")
    let directory = try TemporaryDirectory()
    let path = try directory.write("points.ndjson", "{\"latitude\":5}\n\n{\n  \"latitude\": 2\n}\n")
    let file = try ClientRun.rg(
      ["get", "--plaintext", "-d", "@" + path] + Self.failSecond + [server.address])
    #expect(file.stderrText == "rg: \(path):3: NOT_FOUND: no such place\n", "the line it began on")
    let list = try ClientRun.rg(
      ["list", "--plaintext", "-H", "x-fail: INTERNAL:boom", server.address], stdin: "\n{}")
    #expect(list.stderrText == "rg: stdin:2: INTERNAL: boom\n")
    let record = try ClientRun.rg(
      ["record", "--plaintext", "-H", "x-fail: INTERNAL:boom", server.address], stdin: Self.input)
    #expect(record.stderrText == "rg: stdin: INTERNAL: boom\n", "a stream is made of all its input")
  }

  @Test func keepGoingGivesEveryInputItsCall() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--keep-going"] + Self.failSecond + [server.address], stdin: Self.input
    )
    #expect(rg.status == 69, "\(rg.summary)")
    #expect(rg.stdoutLines == [Self.answer(1), Self.answer(3), Self.answer(4)])
    #expect(rg.stderrText == "rg: stdin:2: NOT_FOUND: no such place\n")
    #expect(server.events(atLeast: 4).filter { $0.method == "GetFeature" }.count == 4)
  }

  @Test func errorsInTheOutputKeepLinesAlignedWithInputs() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--keep-going", "--errors", "json"] + Self.failSecond
        + [server.address], stdin: Self.input)
    #expect(rg.status == 69, "\(rg.summary)")
    #expect(rg.stderr.isEmpty, "the error is in the output instead: \(rg.stderrText)")
    #expect(
      rg.stdoutLines == [
        Self.answer(1),
        #"{"error":{"code":"NOT_FOUND","status":5,"message":"no such place","input":"stdin:2"}}"#,
        Self.answer(3), Self.answer(4),
      ])
    let stream = try ClientRun.rg(
      [
        "chat", "--plaintext", "--errors", "json", "-H", "x-fail: UNAVAILABLE:later",
        server.address,
      ],
      stdin: #"{"message":"x"}"#)
    #expect(stream.status == 78)
    #expect(stream.stderr.isEmpty)
    #expect(
      stream.stdoutLines.last?.hasPrefix(#"{"error":{"code":"UNAVAILABLE","status":14,"#) == true)
  }

  /// Failures in the mix do not loosen --concurrency's limit or rg's memory bound.
  @Test func keepGoingKeepsTheConcurrencyLimitAndBoundedMemory() async throws {
    let server = try InteropServer()
    let directory = try TemporaryDirectory()
    let count = 3000
    let path = try directory.write(
      "points.ndjson", (0..<count).map { #"{"latitude":\#($0 % 10)}"# }.joined(separator: "\n"))
    let address = server.address
    let run = try await FaultRun.measured(
      "$RG get --plaintext --keep-going --concurrency 8 -H 'x-fail: NOT_FOUND:x' "
        + "-H 'x-fail-at-latitude: 3' -d @\(path) \(address) 2>/dev/null | wc -l",
      timeout: 120)
    #expect(run.result.status == 69, "\(run.result.summary)")
    #expect(
      Int(run.result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) == count * 9 / 10)
    let events = server.events(atLeast: count, timeout: 30)
    #expect(events.count == count)
    #expect(events.map(\.concurrent).max() ?? 0 <= 8, "more than 8 calls at once")
    #expect(
      !TestedBinary.hasMemoryBounds || run.peakKiB < 24 << 10, "peak RSS \(run.peakKiB) KiB")
  }
}
