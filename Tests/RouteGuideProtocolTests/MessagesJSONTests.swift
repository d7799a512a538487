import RouteGuideProtocol
import Testing

/// Decodes exactly one message through `JSONReader` and `M(json:options:)` only (no fast path).
func decodeGeneral<M: JSONMessage>(
  _ type: M.Type, _ text: some Collection<UInt8>, _ options: JSONMappingOptions = .init()
) throws(JSONInputError) -> M {
  var reader = JSONReader()
  reader.feed(Array(text))
  reader.finish()
  guard let value = try reader.nextValue() else {
    throw JSONInputError(line: 1, column: 1, message: "no JSON value in the input")
  }
  let message = try M(json: value, options: options)
  if let second = try reader.nextValue() {
    _ = try M(json: second, options: options)
    throw JSONInputError(line: 1, column: 1, message: "more than one JSON value in the input")
  }
  return message
}

/// Decodes exactly one message from raw bytes through `MessageReader` (the production path).
func decodeWithReader<M: JSONMessage>(
  _ type: M.Type, _ text: some Collection<UInt8>, _ options: JSONMappingOptions = .init()
) throws(JSONInputError) -> M {
  var reader = MessageReader<M>(options: options)
  reader.feed(Array(text))
  reader.finish()
  guard let message = try reader.next() else {
    throw JSONInputError(line: 1, column: 1, message: "no JSON value in the input")
  }
  if try reader.next() != nil {
    throw JSONInputError(line: 1, column: 1, message: "more than one JSON value in the input")
  }
  return message
}

/// The outcome of decoding `text` both ways; records an issue when the two paths disagree.
func decodeChecked<M: JSONMessage & Equatable>(
  _ type: M.Type, _ text: some Collection<UInt8>, _ options: JSONMappingOptions = .init()
) -> Result<M, JSONInputError> {
  let viaReader = Result { () throws(JSONInputError) in try decodeWithReader(M.self, text, options)
  }
  let general = Result { () throws(JSONInputError) in try decodeGeneral(M.self, text, options) }
  #expect(viaReader == general, "fast and general paths disagree on \(Array(text))")
  return viaReader
}

@Suite struct MessagesJSONTests {
  private func point(_ text: String, _ options: JSONMappingOptions = .init()) -> Result<
    Point, JSONInputError
  > {
    decodeChecked(Point.self, text.utf8, options)
  }

  private func errorText<M>(_ result: Result<M, JSONInputError>) -> String? {
    if case .failure(let error) = result { return error.description }
    return nil
  }

  @Test func pointAcceptsNumbersStringsAndWholeExponents() throws {
    #expect(
      try point(#"{"latitude":409146138,"longitude":-746188906}"#).get()
        == Point(latitude: 409_146_138, longitude: -746_188_906))
    #expect(
      try point(#"{"latitude":"123","longitude":"-5"}"#).get()
        == Point(latitude: 123, longitude: -5))
    #expect(try point(#"{"latitude":4.09146138e8}"#).get() == Point(latitude: 409_146_138))
    #expect(
      try point(#"{"latitude":1e2,"longitude":"100e-2"}"#).get()
        == Point(latitude: 100, longitude: 1))
    #expect(
      try point(#"{"latitude":2147483647,"longitude":-2147483648}"#).get()
        == Point(latitude: .max, longitude: .min))
    #expect(try point(#"{"latitude":null,"longitude":-0.0}"#).get() == Point())
    #expect(try point(#"{"lat\u0069tude":"\u0031\u0032"}"#).get() == Point(latitude: 12))
  }

  @Test func pointErrorsNameTheFieldAndPosition() {
    #expect(
      errorText(point("{\n  \"latitude\":\n     2147483648}"))
        == "3:6: latitude: 2147483648 is out of range for int32")
    #expect(errorText(point(#"{"foo":1}"#)) == #"1:2: unknown field "foo" in routeguide.Point"#)
    #expect(
      errorText(point(#""x""#))
        == "1:1: expected a JSON object for routeguide.Point, got a string")
    #expect(errorText(point(#"{"latitude":1.5}"#)) == "1:13: latitude: 1.5 is not an integer")
    #expect(
      errorText(point(#"{"latitude":"+5"}"#))
        == #"1:13: latitude: "+5" is not a valid int32"#)
    #expect(
      errorText(point(#"{"latitude":"05"}"#))
        == #"1:13: latitude: "05" is not a valid int32"#)
    #expect(
      errorText(point(#"{"latitude":"-2147483649"}"#))
        == #"1:13: latitude: "-2147483649" is out of range for int32"#)
    #expect(
      errorText(point(#"{"latitude":true}"#))
        == "1:13: latitude: expected an int32 (a number or a numeric string), got a boolean")
    #expect(
      errorText(point(#"{"latitude":1,"latitude":2}"#))
        == #"1:15: duplicate key "latitude""#)
    #expect(
      errorText(point(#"{"latitude":01}"#))
        == #"1:13: invalid number "01": leading zeros are not allowed"#)
  }

  @Test func unknownFieldsAreSkippedWhenAllowed() throws {
    let options = JSONMappingOptions(allowUnknownFields: true)
    #expect(
      try point(#"{"foo":{"bar":[1,null,"x"]},"latitude":3}"#, options).get()
        == Point(latitude: 3))
  }

  @Test func nestedMessagesAndTheirErrors() throws {
    let text = #"{"name":"Patriots Path","location":{"latitude":1,"longitude":2}}"#
    #expect(
      try decodeChecked(Feature.self, text.utf8).get()
        == Feature(name: "Patriots Path", location: Point(latitude: 1, longitude: 2)))
    #expect(
      try decodeChecked(Feature.self, #"{"location":{}}"#.utf8).get()
        == Feature(location: Point()))
    #expect(try decodeChecked(Feature.self, #"{"location":null}"#.utf8).get() == Feature())
    #expect(
      errorText(decodeChecked(Rectangle.self, #"{"lo":{"latitude":0.5}}"#.utf8))
        == "1:19: lo.latitude: 0.5 is not an integer")
    #expect(
      errorText(decodeChecked(Rectangle.self, #"{"hi":{"x":1}}"#.utf8))
        == #"1:8: hi: unknown field "x" in routeguide.Point"#)
    #expect(
      errorText(decodeChecked(RouteNote.self, #"{"location":[]}"#.utf8))
        == "1:13: location: expected a JSON object for routeguide.Point, got an array")
    #expect(
      errorText(decodeChecked(Feature.self, #"{"name":5}"#.utf8))
        == "1:9: name: expected a string, got a number")
  }

  @Test func summaryAcceptsBothNamesButNotTheSameFieldTwice() throws {
    let camel = #"{"pointCount":1,"featureCount":2,"distance":3,"elapsedTime":4}"#
    let snake = #"{"point_count":1,"feature_count":2,"distance":3,"elapsed_time":4}"#
    let expected = RouteSummary(pointCount: 1, featureCount: 2, distance: 3, elapsedTime: 4)
    #expect(try decodeChecked(RouteSummary.self, camel.utf8).get() == expected)
    #expect(try decodeChecked(RouteSummary.self, snake.utf8).get() == expected)
    #expect(
      errorText(decodeChecked(RouteSummary.self, #"{"pointCount":1,"point_count":2}"#.utf8))
        == #"1:17: duplicate field "point_count" (also given as "pointCount")"#)
  }

  @Test func outputOmitsDefaultsUnlessAskedAndKeepsSetMessages() {
    let defaults = JSONMappingOptions(emitDefaults: true)
    #expect(Point().jsonString() == "{}")
    #expect(Point().jsonString(options: defaults) == #"{"latitude":0,"longitude":0}"#)
    #expect(Feature(location: Point()).jsonString() == #"{"location":{}}"#)
    #expect(Feature().jsonString(options: defaults) == #"{"name":""}"#)
    #expect(
      RouteNote(location: Point(latitude: -1)).jsonString(options: defaults)
        == #"{"location":{"latitude":-1,"longitude":0},"message":""}"#)
    #expect(Rectangle(hi: Point(longitude: 2)).jsonString() == #"{"hi":{"longitude":2}}"#)
  }

  @Test func outputUsesProtoNamesOnRequest() {
    let summary = RouteSummary(pointCount: 3, elapsedTime: 9)
    #expect(summary.jsonString() == #"{"pointCount":3,"elapsedTime":9}"#)
    #expect(
      summary.jsonString(options: JSONMappingOptions(protoNames: true))
        == #"{"point_count":3,"elapsed_time":9}"#)
    #expect(
      summary.jsonString(options: JSONMappingOptions(emitDefaults: true, protoNames: true))
        == #"{"point_count":3,"feature_count":0,"distance":0,"elapsed_time":9}"#)
  }

  @Test func outputLinesAppendNewlineAndKeepUTF8() {
    var bytes = Array("x".utf8)
    Feature(name: "é\u{1F389}\n").appendJSONLine(to: &bytes, options: .init())
    #expect(String(decoding: bytes, as: UTF8.self) == "x{\"name\":\"é\u{1F389}\\n\"}\n")
  }

  @Test func everyMessageRoundTrips() throws {
    let feature = Feature(name: "a\"b\\c\u{1}", location: Point(latitude: -5, longitude: 7))
    #expect(try Feature(jsonText: feature.jsonString()) == feature)
    let note = RouteNote(location: Point(), message: "日本")
    #expect(try RouteNote(jsonText: note.jsonString()) == note)
    let rectangle = Rectangle(lo: Point(latitude: 1), hi: Point(longitude: .min))
    #expect(try Rectangle(jsonText: rectangle.jsonString()) == rectangle)
    let summary = RouteSummary(pointCount: .max, featureCount: 1, distance: 2, elapsedTime: 3)
    #expect(try RouteSummary(jsonText: summary.jsonString()) == summary)
  }
}
