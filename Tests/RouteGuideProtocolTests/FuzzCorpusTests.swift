import Foundation
import RouteGuideProtocol
import Testing

/// Runs every seed and regression input of the fuzz corpora (Tests/Fuzz/Corpus) through the
/// checks the libFuzzer targets apply, so `swift test` re-checks them without libFuzzer.
@Suite struct FuzzCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

  /// Every file under `Corpus/<target>`, regressions included, sorted for stable output.
  static func inputs(_ target: String) -> [URL] {
    let folder = corpus.appendingPathComponent(target)
    let walker = FileManager.default.enumerator(
      at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    let files = (walker?.allObjects as? [URL] ?? []).filter {
      (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
    return files.sorted { $0.path < $1.path }
  }

  /// The check of the fuzz target named `target`.
  static func check(_ target: String, _ input: [UInt8]) throws(FuzzFailure) {
    switch target {
    case "json": try FuzzChecks.json(input)
    case "protobuf": try FuzzChecks.protobuf(input)
    case "inflate": try FuzzChecks.inflate(input)
    default: try FuzzChecks.deframer(input)
    }
  }

  @Test(arguments: ["json", "protobuf", "deframer", "inflate"])
  func corpusPassesTheFuzzChecks(_ target: String) throws {
    let inputs = Self.inputs(target)
    // An empty or missing corpus would make this test pass vacuously.
    #expect(inputs.count >= 10, "too few inputs in \(target) corpus")
    for file in inputs {
      let bytes = [UInt8](try Data(contentsOf: file))
      do {
        try Self.check(target, bytes)
      } catch {
        Issue.record("\(target)/\(file.lastPathComponent): \(error)")
      }
    }
  }

  /// The checks themselves can fail: a deframer outcome is compared with the reference.
  @Test func checksDetectAMismatch() {
    let frame: [UInt8] = [0, 0, 0, 0, 1, 0x41]
    #expect(FuzzChecks.referenceDeframe(frame, limit: 1).messages == [[0x41]])
    #expect(FuzzChecks.referenceDeframe(frame, limit: 0).failure == .resourceExhausted)
    #expect(throws: FuzzFailure.self) { try FuzzChecks.expectEqual(1, 2, "numbers") }
  }

  /// Chunking covers one chunk, two, three and single bytes without losing or adding a byte.
  @Test(arguments: [0x00, 0x08, 0x10, 0x18, 0x80, 0xF0, 0xF8] as [UInt8])
  func chunksCoverTheInput(_ control: UInt8) {
    let bytes = [UInt8](0..<50)
    let chunks = FuzzChecks.chunks(of: bytes, control: control)
    #expect(Array(chunks.joined()) == bytes)
    #expect(chunks.count == [0: 1, 31: 50][Int(control >> 3)] ?? (control & 8 == 0 ? 2 : 3))
  }
}
