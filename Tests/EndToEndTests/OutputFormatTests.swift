import Foundation
import TestSupport
import Testing

/// `--format json|geojson|geojsonseq`: pretty JSON is exactly `jq .` of the NDJSON, and the
/// GeoJSON is checked by a GeoJSON library from PyPI (Tests/Interop/geojson_check.py), not by
/// rg's own code.
@Suite(.timeLimit(.minutes(2))) struct OutputFormatTests {
  static let rectangle =
    #"{"lo":{"latitude":400000000,"longitude":-750000000},"#
    + #""hi":{"latitude":420000000,"longitude":-730000000}}"#

  struct GeoJSONCheck: Decodable {
    struct Feature: Decodable {
      var geometry: String?
      var properties: [String: AnyValue]?
    }
    var valid: Bool
    var errors: [String]
    var features: [Feature]
  }

  /// Any JSON value, kept as text for comparisons.
  struct AnyValue: Decodable, Equatable {
    var text: String
    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let int = try? container.decode(Int.self) {
        text = "\(int)"
      } else if let string = try? container.decode(String.self) {
        text = string
      } else {
        text = "?"
      }
    }
  }

  static func check(_ output: [UInt8], sequence: Bool = false) throws -> GeoJSONCheck {
    let result = try Subprocess.python(
      [RepoPaths.interop + "/geojson_check.py", sequence ? "sequence" : "collection"],
      stdin: output)
    #expect(result.status == 0, "\(result.stderrText)")
    return try JSONDecoder().decode(GeoJSONCheck.self, from: Data(result.stdout))
  }

  @Test func prettyJSONIsWhatJqPrints() throws {
    let server = try ServerProcess.rgServe()
    let compact = try ClientRun.rg(["list", "--plaintext", "-d", Self.rectangle, server.address])
    let pretty = try ClientRun.rg(
      ["list", "--plaintext", "--format", "json", "-d", Self.rectangle, server.address])
    #expect(pretty.status == 0)
    let jq = try Subprocess.run("/usr/bin/jq", ["."], stdin: compact.stdout)
    #expect(jq.status == 0)
    #expect(compact.stdoutLines.count > 10)
    #expect(pretty.stdoutText == jq.stdoutText)
    let empty = try ClientRun.rg(
      ["get", "--plaintext", "--format", "json", "--emit-defaults", "-d", "{}", server.address])
    let jqEmpty = try Subprocess.run(
      "/usr/bin/jq", ["."],
      stdin: try ClientRun.rg(["get", "--plaintext", "--emit-defaults", "-d", "{}", server.address])
        .stdout)
    #expect(empty.stdoutText == jqEmpty.stdoutText)
  }

  @Test func listIsAFeatureCollectionOfPoints() throws {
    let server = try ServerProcess.rgServe()
    let rg = try ClientRun.rg(
      ["list", "--plaintext", "--format", "geojson", "-d", Self.rectangle, server.address])
    #expect(rg.status == 0, "\(rg.summary)")
    let check = try Self.check(rg.stdout)
    #expect(check.valid, "\(check.errors)")
    let ndjson = try ClientRun.rg(["list", "--plaintext", "-d", Self.rectangle, server.address])
    #expect(check.features.count == ndjson.stdoutLines.count)
    #expect(check.features.allSatisfy { $0.geometry == "Point" })
    // No float noise: degrees are the E7 integers with the point moved, never rounded.
    #expect(rg.stdoutText.contains("[-74.6143763,40.7838351]"), "\(rg.stdoutText.prefix(300))")
    // Unnamed features are features too, with an empty name.
    let unnamed = try ClientRun.rg(
      [
        "get", "--plaintext", "--format", "geojson", "-d", #"{"latitude":1,"longitude":2}"#,
        server.address,
      ])
    let point = try Self.check(unnamed.stdout)
    #expect(point.valid && point.features.first?.properties?["name"]?.text == "")
  }

  @Test func recordIsTheRouteRgSentWithTheSummary() throws {
    let server = try ServerProcess.rgServe()
    let route = try String(
      contentsOfFile: RepoPaths.root + "/Tests/Examples/route.ndjson", encoding: .utf8)
    let rg = try ClientRun.rg(
      ["record", "--plaintext", "--format", "geojson", server.address], stdin: route)
    #expect(rg.status == 0, "\(rg.summary)")
    let check = try Self.check(rg.stdout)
    #expect(check.valid, "\(check.errors)")
    #expect(check.features.count == 1)
    #expect(check.features.first?.geometry == "LineString")
    #expect(check.features.first?.properties?["pointCount"]?.text == "5")
    #expect(rg.stdoutText.contains("[[-74.6143763,40.7838351],[-74.3999179,40.8122808],"))
  }

  @Test func chatAsGeoJSONTextSequences() throws {
    let server = try ServerProcess.rgServe()
    let notes = try String(
      contentsOfFile: RepoPaths.root + "/Tests/Examples/notes.ndjson", encoding: .utf8)
    let rg = try ClientRun.rg(
      ["chat", "--plaintext", "--format", "geojsonseq", server.address], stdin: notes)
    #expect(rg.status == 0, "\(rg.summary)")
    let check = try Self.check(rg.stdout, sequence: true)
    #expect(check.valid, "\(check.errors)")
    #expect(check.features.count == 3)
    #expect(check.features.first?.properties?["message"]?.text == "First message")
  }

  @Test func aRunWithoutAnswersIsAnEmptyCollectionAndFailuresCloseTheDocument() throws {
    let server = try InteropServer()
    let none = try ClientRun.rg(
      ["get", "--plaintext", "--format", "geojson", server.address], stdin: "")
    #expect(none.status == 0)
    #expect(try Self.check(none.stdout).valid)
    #expect(none.stdoutText == #"{"type":"FeatureCollection","features":[]}"# + "\n")
    let failed = try ClientRun.rg(
      [
        "list", "--plaintext", "--format", "geojson", "-H", "x-fail: INTERNAL:boom",
        "-H", "x-fail-after: 3", "-d", Self.rectangle, server.address,
      ])
    #expect(failed.status == 77)
    let check = try Self.check(failed.stdout)
    #expect(check.valid && check.features.count == 3, "\(check.errors)")
    let inPlace = try ClientRun.rg(
      [
        "get", "--plaintext", "--format", "geojson", "--errors", "json",
        "-H", "x-fail: NOT_FOUND:gone", server.address,
      ], stdin: #"{"latitude":1}"#)
    let error = try Self.check(inPlace.stdout)
    #expect(error.valid && error.features.first?.geometry == nil, "\(error.errors)")
  }

  /// Ctrl-C in the middle of a long list still leaves a whole document.
  @Test func anInterruptedListStillClosesItsDocument() async throws {
    let peer = try FaultPeer("flood:10000000", niced: true)
    let address = peer.address
    let output = try await onOwnThread { () -> [UInt8] in
      let child = try ChildProcess(
        RepoPaths.rgBinary, ["list", "--plaintext", "--format", "geojson", "-d", "{}", address],
        pipeStdin: false, pipeStdout: true, pipeStderr: true)
      var output: [UInt8] = []
      while output.count < 20_000 {
        var ready = pollfd(fd: child.stdoutFD, events: Int16(POLLIN), revents: 0)
        if poll(&ready, 1, 1000) == 1 && !child.readSome(child.stdoutFD, into: &output) { break }
      }
      child.signal(SIGINT)
      // rg writes the rest of its buffer and the document's end: read on to the end.
      while child.readSome(child.stdoutFD, into: &output) {}
      #expect(try child.wait(timeout: 10) == 130)
      return output
    }
    let check = try Self.check(output)
    #expect(check.valid, "\(check.errors)")
    #expect(check.features.count > 100)
  }
}
