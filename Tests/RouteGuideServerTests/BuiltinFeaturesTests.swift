import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

@testable import RouteGuideServer

@Suite struct BuiltinFeaturesTests {
  static let source = RepoPaths.root + "/Sources/RouteGuideServer/Features/BuiltinFeatures.swift"
  static let database = RepoPaths.sharedData + "/route_guide_db.json"

  @Test func generatedFileMatchesTheData() throws {
    let result = try Subprocess.python(
      [RepoPaths.interop + "/generate_builtin_features.py", Self.database], timeout: 60)
    #expect(result.status == 0, "\(result.stderrText)")
    let committed = try String(contentsOfFile: Self.source, encoding: .utf8)
    #expect(
      result.stdoutText == committed,
      "BuiltinFeatures.swift is stale: regenerate it with Tests/Interop/generate_builtin_features.py"
    )
  }

  @Test func hasTheTutorialsHundredFeatures() throws {
    let features = FeatureDatabase.builtin.features
    #expect(features.count == 100)
    #expect(
      features.first
        == Feature(
          name: "Patriots Path, Mendham, NJ 07945, USA",
          location: Point(latitude: 407_838_351, longitude: -746_143_763)))
    #expect(features.filter { $0.name.isEmpty }.count == 36)
  }

  @Test func answersTheTutorialsLookup() {
    let point = Point(latitude: 409_146_138, longitude: -746_188_906)
    #expect(
      FeatureDatabase.builtin.feature(at: point)?.name
        == "Berkshire Valley Management Area Trail, Jefferson, NJ, USA")
  }
}
