import RouteGuideProtocol

/// `--format geojson` (one RFC 7946 FeatureCollection) and `--format geojsonseq` (RFC 8142
/// text sequences: each Feature after an RS byte, ending in a newline), written as answers
/// arrive: nothing is held but the feature being written.
///
/// A place (a Feature, a RouteNote) is a Point feature with its name or message as properties.
/// A route rg streams (`record`: the Points it sends) is one LineString feature, its points
/// written as they are sent and the server's answer (the RouteSummary) as its properties. Any
/// other message, and a failed call with `--errors json`, is a feature without geometry.
final class GeoJSONFormatter: OutputFormatter {
  private let sequence: Bool
  private let mapping: JSONMappingOptions
  /// Whether the requests form a route (client streaming: rg sends a stream of Points).
  let observesRequests: Bool
  private var features = 0
  private var route = GeoJSONRoute()

  /// `sequence`: RFC 8142 text sequences instead of one FeatureCollection.
  init(sequence: Bool, shape: CallShape, mapping: JSONMappingOptions) {
    self.sequence = sequence
    self.mapping = mapping
    observesRequests = shape.isClientStreaming
  }

  func begin(into buffer: inout [UInt8]) {
    guard !sequence else { return }
    buffer.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
  }

  func append<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8]) {
    guard let place = message as? any GeoJSONPlace else {
      return writeOther(into: &buffer) { message.writeJSON(to: &$0, options: mapping) }
    }
    startFeature(into: &buffer)
    appendPointGeometry(place.place, to: &buffer)
    appendProperties(into: &buffer) { writer in
      writer.beginObject()
      place.writeGeoJSONProperties(to: &writer)
      writer.endObject()
    }
    endFeature(into: &buffer)
  }

  func appendError(_ error: CallError, into buffer: inout [UInt8]) {
    writeOther(into: &buffer) { writer in
      writer.beginObject()
      writer.writeKey("error")
      error.writeJSON(to: &writer)
      writer.endObject()
    }
  }

  func request<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8]) {
    guard let point = message as? Point else { return }
    switch route.add(point) {
    case .held:
      break
    case .opened(let first, let second):
      // The LineString opens with its first two points; later ones follow one by one.
      startFeature(into: &buffer)
      buffer.append(contentsOf: #","geometry":{"type":"LineString","coordinates":["#.utf8)
      GeoJSONCoordinates.appendPosition(first, to: &buffer)
      buffer.append(UInt8(ascii: ","))
      GeoJSONCoordinates.appendPosition(second, to: &buffer)
    case .continued:
      buffer.append(UInt8(ascii: ","))
      GeoJSONCoordinates.appendPosition(point, to: &buffer)
    }
  }

  func end(into buffer: inout [UInt8]) {
    if route.hasPoints { closeRoute(into: &buffer) { $0.writeNull() } }
    guard !sequence else { return }
    buffer.append(contentsOf: "]}\n".utf8)
  }

  /// A message with no place: after a route, the route's properties; else a feature of its own.
  private func writeOther(
    into buffer: inout [UInt8], _ properties: (inout JSONWriter) -> Void
  ) {
    if route.hasPoints { return closeRoute(into: &buffer, properties: properties) }
    startFeature(into: &buffer)
    buffer.append(contentsOf: #","geometry":null"#.utf8)
    appendProperties(into: &buffer, properties)
    endFeature(into: &buffer)
  }

  /// Ends the route's feature: the rest of its geometry, then `properties`.
  private func closeRoute(
    into buffer: inout [UInt8], properties: (inout JSONWriter) -> Void
  ) {
    if route.isOpen {
      buffer.append(contentsOf: "]}".utf8)
    } else {
      // Fewer than two points: a Point, or no geometry at all.
      startFeature(into: &buffer)
      appendPointGeometry(route.first, to: &buffer)
    }
    route = GeoJSONRoute()
    appendProperties(into: &buffer, properties)
    endFeature(into: &buffer)
  }

  /// The separator before a feature, then `{"type":"Feature"`.
  private func startFeature(into buffer: inout [UInt8]) {
    if sequence {
      buffer.append(0x1E)
    } else if features > 0 {
      buffer.append(UInt8(ascii: ","))
    }
    features += 1
    buffer.append(contentsOf: #"{"type":"Feature""#.utf8)
  }

  private func endFeature(into buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "}"))
    if sequence { buffer.append(0x0A) }
  }

  /// `,"properties":` and the value `write` writes.
  private func appendProperties(
    into buffer: inout [UInt8], _ write: (inout JSONWriter) -> Void
  ) {
    buffer.append(contentsOf: #","properties":"#.utf8)
    var writer = JSONWriter()
    swap(&writer.bytes, &buffer)
    write(&writer)
    swap(&writer.bytes, &buffer)
  }

  /// `,"geometry":{"type":"Point","coordinates":[lon,lat]}`, or null without a valid place.
  private func appendPointGeometry(_ point: Point?, to buffer: inout [UInt8]) {
    guard let point, GeoJSONCoordinates.isValid(point) else {
      return buffer.append(contentsOf: #","geometry":null"#.utf8)
    }
    buffer.append(contentsOf: #","geometry":{"type":"Point","coordinates":"#.utf8)
    GeoJSONCoordinates.appendPosition(point, to: &buffer)
    buffer.append(UInt8(ascii: "}"))
  }
}
