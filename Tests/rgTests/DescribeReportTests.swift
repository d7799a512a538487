import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct DescribeReportTests {
  func text(_ report: DescribeReport) -> String {
    String(decoding: report.lines.joined(), as: UTF8.self)
  }

  @Test func servicesSortedOnePerLine() {
    let names = ["routeguide.RouteGuide", "grpc.health.v1.Health"]
    let report = DescribeReport.answered(.services(names), mode: .services, format: .text)
    #expect(text(report) == "grpc.health.v1.Health\nrouteguide.RouteGuide\n")
    #expect(report.outcome.exitCode == 0)
    let json = DescribeReport.answered(.services(names), mode: .services, format: .json)
    #expect(
      text(json)
        == "{\"name\":\"grpc.health.v1.Health\",\"kind\":\"service\"}\n"
        + "{\"name\":\"routeguide.RouteGuide\",\"kind\":\"service\"}\n")
  }

  @Test func checkExitsOneWithALinePerDifference() throws {
    var file = try FileDescriptorProto(protobuf: BuiltinDescriptors.routeGuide)
    file.messageTypes[0].fields[0].type = .int64
    let pool = DescribeFixtures.pool(file)
    let symbol = try #require(pool.symbol("routeguide.RouteGuide"))
    let report = DescribeReport.answered(.symbol(symbol, pool), mode: .check, format: .text)
    #expect(
      text(report) == "routeguide.Point.latitude: server has field 1 as int64, rg speaks int32\n")
    #expect(report.outcome.exitCode == 1)
    #expect(report.outcome.message?.contains("differs from the one rg speaks in 1 place") == true)
    let json = DescribeReport.answered(.symbol(symbol, pool), mode: .check, format: .json)
    #expect(
      text(json)
        == #"{"symbol":"routeguide.Point.latitude","difference":"server has field 1 as int64, rg speaks int32"}"#
        + "\n")
  }

  @Test func checkOfRgsOwnServerPrintsNothing() throws {
    let pool = DescribeFixtures.builtinPool()
    let symbol = try #require(pool.symbol("routeguide.RouteGuide"))
    let report = DescribeReport.answered(.symbol(symbol, pool), mode: .check, format: .text)
    #expect(report.lines.isEmpty)
    #expect(report.outcome.exitCode == 0)
  }

  @Test func refusals() {
    let missing = GRPCStatus(.notFound, "gone")
    let check = DescribeReport.refused(missing, mode: .check, format: .text)
    #expect(text(check) == "routeguide.RouteGuide: the server has no such service\n")
    #expect(check.outcome.exitCode == 1)
    let symbol = DescribeReport.refused(missing, mode: .symbol("a.B"), format: .text)
    #expect(symbol.lines.isEmpty)
    #expect(symbol.outcome.exitCode == 64 + 5)
    #expect(symbol.outcome.message == #"NOT_FOUND: the server does not know "a.B": gone"#)
    let other = DescribeReport.refused(
      GRPCStatus(.permissionDenied), mode: .services, format: .text)
    #expect(other.outcome.exitCode == 64 + 7)
  }
}
