import RouteGuideProtocol
import Testing

/// Messages and the error from feeding `chunks` to a MessageReader.
struct MessageOutcome<M: JSONMessage & Equatable>: Equatable {
  var messages: [M] = []
  var error: JSONInputError?
}

func readMessages<M: JSONMessage & Equatable>(
  _ type: M.Type, _ chunks: [ArraySlice<UInt8>], _ options: JSONMappingOptions = .init()
) -> MessageOutcome<M> {
  var reader = MessageReader<M>(options: options)
  var outcome = MessageOutcome<M>()
  do {
    for chunk in chunks {
      Array(chunk).withUnsafeBytes { reader.feed($0) }
      while let message = try reader.next() { outcome.messages.append(message) }
    }
    reader.finish()
    while let message = try reader.next() { outcome.messages.append(message) }
    #expect(reader.isFinished)
  } catch {
    outcome.error = error
  }
  return outcome
}

@Suite struct MessageReaderTests {
  /// Plain values (the allocation-free path) mixed with ones only the general path reads.
  static let features =
    "{\"name\":\"a\",\"location\":{\"latitude\":1,\"longitude\":2}}\n"
    + "{\"name\":\"\\u00e9\"}{\"location\":{\"latitude\":\"3\"}}\n"
    + "{\n  \"name\": \"日本🎉\",\n  \"location\": {}\n}  {}\n{\"location\":null}"
    + "{\"name\":\"b\",\"location\":{\"latitude\":1e1}}\n{\"name\":\"é\", \"location\": 5}"

  @Test func splittingAtEveryPointGivesTheSameMessagesAndErrors() {
    let bytes = Array(Self.features.utf8)
    let whole = readMessages(Feature.self, [bytes[...]])
    #expect(whole.messages.count == 7)
    #expect(whole.messages[3] == Feature(name: "日本🎉", location: Point()))
    #expect(whole.messages[6] == Feature(name: "b", location: Point(latitude: 10)))
    #expect(
      whole.error?.description
        == "8:26: location: expected a JSON object for routeguide.Point, got a number")
    for split in 0...bytes.count {
      #expect(readMessages(Feature.self, [bytes[..<split], bytes[split...]]) == whole, "\(split)")
    }
    #expect(readMessages(Feature.self, bytes.map { [$0][...] }) == whole)
  }

  /// A leading byte-order mark is skipped before the allocation-free path too, and mapping
  /// errors after it keep the columns of the text without it.
  @Test func skipsAByteOrderMarkAtTheStart() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let text = Array("{\"latitude\":1}\n{\"latitude\":2,\"x\":3}".utf8)
    let plain = readMessages(Point.self, [text[...]])
    #expect(plain.messages == [Point(latitude: 1)])
    #expect(plain.error?.description == "2:15: unknown field \"x\" in routeguide.Point")
    let marked = bom + text
    #expect(readMessages(Point.self, [marked[...]]) == plain)
    #expect(readMessages(Point.self, [marked[..<2], marked[2...]]) == plain)
    #expect(readMessages(Point.self, marked.map { [$0][...] }) == plain)
  }

  @Test func keepsPositionsAfterFastValues() {
    let text = "{\"name\":\"日本\"}\n {\"name\":\"é\"} {\"x\":1}"
    let outcome = readMessages(Feature.self, [Array(text.utf8)[...]])
    #expect(outcome.messages.count == 2)
    #expect(outcome.error?.description == #"2:16: unknown field "x" in routeguide.Feature"#)
  }

  @Test func staysFailedAfterAMappingError() throws {
    var reader = MessageReader<Point>()
    reader.feed(Array(#"{"latitude":1.5} {"latitude":1}"#.utf8))
    reader.finish()
    let error = JSONInputError(line: 1, column: 13, message: "latitude: 1.5 is not an integer")
    #expect(throws: error) { try reader.next() }
    #expect(throws: error) { try reader.next() }
  }

  @Test func everyMessageTypeStreams() {
    let notes = #"{"message":"hi","location":{"latitude":1}}{"location":{}}"#
    #expect(
      readMessages(RouteNote.self, [Array(notes.utf8)[...]]).messages
        == [RouteNote(location: Point(latitude: 1), message: "hi"), RouteNote(location: Point())])
    let rectangles = #"{"lo":{"latitude":1},"hi":{"longitude":2}} {}"#
    #expect(
      readMessages(Rectangle.self, [Array(rectangles.utf8)[...]]).messages
        == [Rectangle(lo: Point(latitude: 1), hi: Point(longitude: 2)), Rectangle()])
    let summaries = #"{"pointCount":1,"elapsed_time":4}"#
    #expect(
      readMessages(RouteSummary.self, [Array(summaries.utf8)[...]]).messages
        == [RouteSummary(pointCount: 1, elapsedTime: 4)])
  }

  @Test func decodesManyPointsInLinearTime() throws {
    let count = 100_000
    var input: [UInt8] = []
    for index in 0..<count {
      input += Array("{\"latitude\":\(index),\"longitude\":-\(index)}\n".utf8)
    }
    var reader = MessageReader<Point>()
    var decoded = 0
    var sum: Int64 = 0
    var offset = 0
    while offset < input.count {
      let end = min(offset + 65_536, input.count)
      input[offset..<end].withUnsafeBytes { reader.feed($0) }
      offset = end
      while let point = try reader.next() {
        decoded += 1
        sum += Int64(point.latitude) - Int64(point.longitude)
      }
    }
    reader.finish()
    #expect(try reader.next() == nil)
    #expect(decoded == count)
    #expect(sum == Int64(count) * Int64(count - 1))
  }

  /// Mutated inputs: the fast and general paths agree on every one (decodeChecked records any
  /// disagreement), and splitting the stream anywhere changes nothing.
  @Test func mutatedInputsDecodeTheSameOnBothPathsAndInAnyChunks() {
    let seeds = [
      #"{"name":"a b","location":{"latitude":1,"longitude":-2}}"#,
      #"{"location":{"latitude":10},"message":"é🎉"}"#,
      #"{"lo":{"latitude":1},"hi":{"longitude":-2147483648}}"#,
      #"{"pointCount":1,"feature_count":22,"distance":333,"elapsedTime":4}"#,
      "{\n \"latitude\" : 409146138 ,\n\t\"longitude\":-746188906 }\n{}",
    ].map { Array($0.utf8) }
    let alphabet = Array("{}[]\",:\\ 0123456789e.-+nultrfaé\n\tx_".utf8)
    var random = MutationRandom(seed: 2026)
    for round in 0..<1500 {
      var input = seeds[round % seeds.count]
      for _ in 0...(round % 3) {
        let index = Int(random.next() % UInt64(input.count))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 3 {
        case 0: input[index] = byte
        case 1: input.insert(byte, at: index)
        default: if input.count > 1 { input.remove(at: index) }
        }
      }
      _ = decodeChecked(Point.self, input)
      _ = decodeChecked(Feature.self, input)
      _ = decodeChecked(Rectangle.self, input)
      _ = decodeChecked(RouteNote.self, input)
      _ = decodeChecked(RouteSummary.self, input)
      let split = Int(random.next() % UInt64(input.count + 1))
      #expect(
        readMessages(Feature.self, [input[..<split], input[split...]])
          == readMessages(Feature.self, [input[...]]), "\(String(decoding: input, as: UTF8.self))")
    }
  }
}

/// A small deterministic generator for reproducible mutations.
private struct MutationRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

@Suite struct MessageReaderLineTests {
  /// Each message knows the line it began on, on the fast and the general path alike.
  @Test func messagesKnowTheLineTheyBeganOn() throws {
    var reader = MessageReader<Point>()
    reader.feed(Array("{\"latitude\":1}\n\n{\n  \"latitude\": 2\n}\n{\"latitude\":\"3\"}\n".utf8))
    reader.finish()
    var lines: [Int] = []
    while try reader.next() != nil { lines.append(reader.lastMessageLine) }
    #expect(lines == [1, 3, 6])
  }
}
