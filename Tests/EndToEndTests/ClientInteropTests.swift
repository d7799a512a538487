import Foundation
import TestSupport
import Testing

/// rg against the Python grpcio server, compared line by line with the grpcio client.
@Suite(.timeLimit(.minutes(2))) struct ClientInteropTests {
  static let newJersey =
    #"{"lo":{"latitude":400000000,"longitude":-750000000},"hi":{"latitude":420000000,"longitude":-730000000}}"#

  @Test func getMatchesTheGrpcioClient() throws {
    let server = try InteropServer()
    let features = try ClientRun.databaseFeatures()
    var input = features.prefix(5).map {
      #"{"latitude":\#($0.latitude),"longitude":\#($0.longitude)}"#
    }
    input += [#"{"latitude":1,"longitude":2}"#, "{}"]
    let stdin = input.joined(separator: "\n") + "\n"
    let rg = try ClientRun.rg(["get", "--plaintext", server.address], stdin: stdin)
    let python = try ClientRun.python("get", server.address, stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText == "")
    #expect(rg.stdoutLines.count == 7)
    #expect(rg.stdoutText == python.stdoutText)
    #expect(rg.stdoutLines.first?.contains(#""name":"\#(features[0].name)""#) == true)
  }

  @Test func listMatchesTheGrpcioClient() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["list", "--plaintext", server.address], stdin: Self.newJersey)
    let python = try ClientRun.python("list", server.address, stdin: Self.newJersey)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count > 50)
    #expect(rg.stdoutText == python.stdoutText)
  }

  @Test func listAcceptsCornersInAnyOrder() throws {
    let server = try InteropServer()
    let swapped =
      #"{"hi":{"latitude":400000000,"longitude":-750000000},"lo":{"latitude":420000000,"longitude":-730000000}}"#
    let straight = try ClientRun.rg(["list", "--plaintext", server.address], stdin: Self.newJersey)
    let reversed = try ClientRun.rg(["list", "--plaintext", server.address], stdin: swapped)
    #expect(reversed.status == 0, "\(reversed.summary)")
    #expect(reversed.stdoutText == straight.stdoutText)
  }

  @Test func recordMatchesTheGrpcioClient() throws {
    let server = try InteropServer()
    let features = try ClientRun.databaseFeatures()
    let stdin = features.prefix(10).map {
      #"{"latitude":\#($0.latitude),"longitude":\#($0.longitude)}"#
    }.joined(separator: "\n")
    let rg = try ClientRun.rg(["record", "--plaintext", server.address], stdin: stdin)
    let python = try ClientRun.python("record", server.address, stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 1)
    #expect(rg.stdoutText == python.stdoutText)
    #expect(rg.stdoutText.contains(#""pointCount":10"#))
  }

  @Test func recordOfNoPointsIsAnEmptySummary() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["record", "--plaintext", server.address], stdin: "")
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText == "{}\n")
  }

  @Test func chatMatchesTheGrpcioClient() throws {
    let server = try InteropServer()
    let notes = ["a", "b", "c", "d", "e"].enumerated().map { index, text in
      #"{"location":{"latitude":\#(index % 2),"longitude":7},"message":"\#(text)"}"#
    }
    let stdin = notes.joined(separator: "\n")
    let rg = try ClientRun.rg(["chat", "--plaintext", server.address], stdin: stdin)
    let python = try ClientRun.python("chat", server.address, stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 4)
    #expect(rg.stdoutText == python.stdoutText)
  }

  @Test func mappingOptionsApplyToInputAndOutput() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["record", "--plaintext", "--proto-names", "--emit-defaults", server.address], stdin: "")
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(
      rg.stdoutText == #"{"point_count":0,"feature_count":0,"distance":0,"elapsed_time":0}"# + "\n")
  }

  @Test func getPrintsInInputOrderWhenAnswersComeBackReordered() throws {
    let server = try InteropServer()
    // The server sleeps latitude * 40 ms: the first point answers last.
    let stdin = (1...5).reversed().map { #"{"latitude":\#($0),"longitude":1}"# }.joined()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-H", "x-delay-per-latitude-ms: 40", server.address], stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    let latitudes = rg.stdoutLines.map { line in
      line.split(separator: ",").first.map(String.init) ?? ""
    }
    #expect(latitudes == (1...5).reversed().map { #"{"location":{"latitude":\#($0)"# })
    let events = server.events(atLeast: 5)
    #expect(events.map(\.concurrent).max() ?? 0 > 1, "calls ran one at a time")
  }

  @Test func getKeepsToTheServersStreamLimit() throws {
    let server = try InteropServer(["--max-streams", "2"])
    let stdin = (1...12).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-H", "x-delay-ms: 30", server.address], stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 12)
    let events = server.events(atLeast: 12)
    #expect(events.count == 12)
    #expect(events.allSatisfy { $0.concurrent <= 2 }, "\(events.map(\.concurrent))")
  }

  @Test func getKeepsToItsConcurrencyOption() throws {
    let server = try InteropServer()
    let stdin = (1...12).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--concurrency", "3", "-H", "x-delay-ms: 30", server.address],
      stdin: stdin)
    #expect(rg.status == 0, "\(rg.summary)")
    let events = server.events(atLeast: 12)
    #expect(events.allSatisfy { $0.concurrent <= 3 }, "\(events.map(\.concurrent))")
    #expect(events.map(\.concurrent).max() ?? 0 >= 2)
  }

  @Test func inputMayBeLiteralFileOrPrettyDocuments() throws {
    let server = try InteropServer()
    let directory = try TemporaryDirectory()
    let file = try directory.write(
      "points.json", "{\n  \"latitude\": 1\n}\n{\n  \"latitude\": 2\n}")
    let expected = #"{"location":{"latitude":1}}"# + "\n" + #"{"location":{"latitude":2}}"# + "\n"
    let literal = try ClientRun.rg(
      ["get", "--plaintext", "-d", #"{"latitude":1} {"latitude":2}"#, server.address])
    let fromFile = try ClientRun.rg(["get", "--plaintext", "-d", "@" + file, server.address])
    let pretty = try ClientRun.rg(
      ["get", "--plaintext", server.address], stdin: "{\n \"latitude\": 1\n}{\"latitude\"\n:2}")
    for result in [literal, fromFile, pretty] {
      #expect(result.status == 0, "\(result.summary)")
      #expect(result.stdoutText == expected)
    }
  }

  @Test func connectsOverAUnixSocket() throws {
    let directory = try TemporaryDirectory()
    let socket = directory.path + "/rg.sock"
    let server = try InteropServer(["--unix", socket])
    let rg = try ClientRun.rg(["get", "--plaintext", "unix:" + socket], stdin: #"{"latitude":3}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText == #"{"location":{"latitude":3}}"# + "\n")
    #expect(server.events().first?.method == "GetFeature")
  }

  @Test func connectsOverIPv6Loopback() throws {
    let server = try InteropServer(["--host", "::1"])
    #expect(server.address.hasPrefix("[::1]:"))
    let rg = try ClientRun.rg(["get", "--plaintext", server.address], stdin: #"{"latitude":4}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText == #"{"location":{"latitude":4}}"# + "\n")
  }

  @Test func headersReachTheServer() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      [
        "get", "--plaintext", "-H", "x-trace: abc 123", "-H", "X-Upper: Value",
        "-H", "x-data-bin: raw bytes", "-v", server.address,
      ], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    let metadata = server.events().first?.metadata ?? [:]
    #expect(metadata["x-trace"] == "abc 123")
    #expect(metadata["x-upper"] == "Value")
    #expect(metadata["x-data-bin"] == "raw bytes")
    #expect(metadata["user-agent"]?.hasPrefix("rg/") == true)
    // -v shows what went out.
    #expect(rg.stderrText.contains("> x-trace: abc 123"), "\(rg.stderrText)")
    #expect(rg.stderrText.contains(":path: /routeguide.RouteGuide/GetFeature"))
  }

  @Test func verboseShowsResponseMetadataAndTrailers() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      [
        "get", "--plaintext", "-v", "-H", "x-echo-metadata: 1", "-H", "x-hello: there",
        server.address,
      ],
      stdin: #"{"latitude":1}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 1)
    let received = rg.stderrText.split(separator: "\n").filter { $0.contains("< x-hello: there") }
    #expect(received.count == 2, "headers and trailers: \(rg.stderrText)")
    #expect(rg.stderrText.contains("< grpc-status: 0"))
  }
}
