import Foundation
import TestSupport
import Testing

/// rg against grpcio servers that compress (issue 14): the same NDJSON as from an uncompressed
/// server, compressed requests grpcio reads, and a server that refuses rg's encoding.
@Suite(.timeLimit(.minutes(3))) struct ClientCompressionTests {
  /// Inputs whose answers compress (grpcio, like rg, sends a message that would not shrink as
  /// it is): `x-pad` lengthens feature names, notes carry long messages. `record`'s summary
  /// never shrinks; it must come out the same all the same.
  static func jobs() throws -> [(command: String, options: [String], input: String)] {
    let points = try ClientRun.databaseFeatures().prefix(10).map {
      #"{"latitude":\#($0.latitude),"longitude":\#($0.longitude)}"#
    }.joined(separator: "\n")
    let notes = (0..<6).map { index in
      #"{"location":{"latitude":\#(index % 2),"longitude":7},"message":"#
        + #""\#(String(repeating: "note \(index) says hello; ", count: 12))"}"#
    }.joined(separator: "\n")
    return [
      ("get", ["-H", "x-pad: 300"], points),
      ("list", ["-H", "x-pad: 300"], ClientInteropTests.newJersey),
      ("record", [], points),
      ("chat", [], notes),
    ]
  }

  /// `received N messages (ENCODING): B bytes, W on the wire` from -v, for each call.
  static func received(_ stderr: String) -> [(encoding: String, bytes: Int, wire: Int)] {
    traffic(stderr, "received")
  }

  static func traffic(_ stderr: String, _ direction: String)
    -> [(encoding: String, bytes: Int, wire: Int)]
  {
    stderr.split(separator: "\n").compactMap { line in
      guard let range = line.range(of: "\(direction) ") else { return nil }
      let part = line[range.upperBound...].split(separator: ";").first ?? ""
      let words = part.split(whereSeparator: { " ():,".contains($0) })
      // N messages ENCODING B bytes W on the wire
      guard words.count >= 6, let bytes = Int(words[3]), let wire = Int(words[5]) else {
        return nil
      }
      return (String(words[2]), bytes, wire)
    }
  }

  @Test(arguments: ["gzip", "deflate"])
  func compressingGrpcioServerAnswersLikeAnUncompressedOne(_ encoding: String) throws {
    let compressing = try InteropServer(["--compression", encoding])
    let plain = try InteropServer()
    for (command, options, input) in try Self.jobs() {
      let fromCompressing = try ClientRun.rg(
        [command, "--plaintext", "-v"] + options + [compressing.address], stdin: input)
      let fromPlain = try ClientRun.rg(
        [command, "--plaintext"] + options + [plain.address], stdin: input)
      #expect(fromCompressing.status == 0, "\(command): \(fromCompressing.summary)")
      #expect(!fromCompressing.stdoutText.isEmpty)
      #expect(fromCompressing.stdoutText == fromPlain.stdoutText, "\(command)")
      #expect(fromCompressing.stderrText.contains("< grpc-encoding: \(encoding)"), "\(command)")
      // The answers really came compressed (not record's summary, which cannot shrink).
      let received = Self.received(fromCompressing.stderrText)
      #expect(!received.isEmpty, "\(fromCompressing.stderrText)")
      if command != "record" {
        #expect(
          received.allSatisfy { $0.encoding == encoding && $0.wire < $0.bytes },
          "\(command): \(received)")
      }
    }
  }

  /// grpcio reads what rg compresses; a message that would not shrink (a Point) goes as it
  /// is, which grpcio reads too.
  @Test(arguments: ["gzip", "deflate"])
  func grpcioReadsCompressedRequests(_ encoding: String) throws {
    let server = try InteropServer()
    for (command, options, input) in try Self.jobs() {
      let compressed = try ClientRun.rg(
        [command, "--plaintext", "-v", "--compress", encoding] + options + [server.address],
        stdin: input)
      let plain = try ClientRun.rg(
        [command, "--plaintext"] + options + [server.address], stdin: input)
      #expect(compressed.status == 0, "\(command): \(compressed.summary)")
      #expect(compressed.stdoutText == plain.stdoutText, "\(command)")
      #expect(compressed.stderrText.contains("> grpc-encoding: \(encoding)"))
      #expect(compressed.stderrText.contains("> grpc-accept-encoding: gzip, deflate"))
      let sent = Self.traffic(compressed.stderrText, "sent")
      if command == "chat" {
        #expect(sent.count == 1 && sent[0].wire < sent[0].bytes / 2, "\(sent)")
      } else {
        // Points and Rectangles never shrink: as they are, prefix and all.
        #expect(sent.allSatisfy { $0.wire == $0.bytes + 5 * (command == "record" ? 10 : 1) })
      }
    }
  }

  /// grpcio refuses an encoding it was told not to take by its header alone, and lists
  /// nothing: rg says so, naming the encoding (exit 64 + 12).
  @Test func grpcioRefusingTheEncodingIsExplained() throws {
    let server = try InteropServer(["--refuse-encoding", "gzip"])
    let refused = try ClientRun.rg(
      ["get", "--plaintext", "--compress", "gzip", server.address], stdin: #"{"latitude":1}"#)
    #expect(refused.status == 76, "\(refused.summary)")
    #expect(
      refused.stderrText
        == "rg: stdin:1: UNIMPLEMENTED: the server does not accept requests compressed with gzip "
        + "(it sent no grpc-accept-encoding): Compression algorithm 'gzip' is disabled.\n")
    let accepted = try ClientRun.rg(
      ["get", "--plaintext", "--compress", "deflate", server.address], stdin: #"{"latitude":1}"#)
    #expect(accepted.status == 0, "\(accepted.summary)")
  }

  /// rg against rg: both directions compressed, and -v says so.
  @Test func rgAgainstRGServeBothCompressed() throws {
    let server = try ServerProcess.rgServe(["--compress", "gzip"])
    defer { server.stop() }
    for (command, options, input) in try Self.jobs() {
      let compressed = try ClientRun.rg(
        [command, "--plaintext", "-v", "--compress", "gzip"] + options + [server.address],
        stdin: input)
      let plain = try ClientRun.rg(
        [command, "--plaintext"] + options + [server.address], stdin: input)
      #expect(compressed.status == 0, "\(command): \(compressed.summary)")
      #expect(compressed.stdoutText == plain.stdoutText, "\(command)")
      #expect(!plain.stdoutText.isEmpty)
    }
    let chat = try ClientRun.rg(
      ["chat", "--plaintext", "-v", "--compress", "gzip", server.address],
      stdin: try Self.jobs()[3].input)
    let lines = chat.stderrText.split(separator: "\n")
    #expect(lines.contains("> grpc-encoding: gzip"), "\(chat.summary)")
    #expect(lines.contains("< grpc-encoding: gzip"), "\(chat.summary)")
    let sent = Self.traffic(chat.stderrText, "sent")
    let received = Self.received(chat.stderrText)
    #expect(sent.count == 1 && sent[0].encoding == "gzip" && sent[0].wire < sent[0].bytes / 2)
    #expect(
      received.count == 1 && received[0].encoding == "gzip"
        && received[0].wire < received[0].bytes / 2, "\(chat.stderrText)")
  }
}
