import RouteGuideProtocol

/// A message that is something at a place: a GeoJSON Point feature with its own properties.
protocol GeoJSONPlace {
  var place: Point? { get }
  /// The members of the feature's `properties` object.
  func writeGeoJSONProperties(to writer: inout JSONWriter)
}

extension Feature: GeoJSONPlace {
  var place: Point? { location }

  /// The name, also when it is empty (an unnamed feature is still a place).
  func writeGeoJSONProperties(to writer: inout JSONWriter) {
    writer.writeKey("name")
    writer.writeString(name)
  }
}

extension RouteNote: GeoJSONPlace {
  var place: Point? { location }

  func writeGeoJSONProperties(to writer: inout JSONWriter) {
    writer.writeKey("message")
    writer.writeString(message)
  }
}
