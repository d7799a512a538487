/// A message with a proto3 JSON form (DESIGN §4), read from a `JSONValue` and written compactly.
public protocol JSONMessage: Sendable {
  /// The full proto name, e.g. `routeguide.Point`, as error messages name it.
  static var protoMessageName: String { get }

  /// Maps a parsed value; errors carry the line and column of the offending value or key.
  init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError)

  /// Writes the compact JSON object (fields in field-number order).
  func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions)

  /// Decodes a simple value straight from bytes with no allocation; nil sends the value down the
  /// general path, which also produces every error. Only `MessageReader` calls this.
  static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions) -> Self?
}

extension JSONMessage {
  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> Self?
  {
    nil
  }

  /// Appends the compact JSON and a newline: one NDJSON line.
  public func appendJSONLine(to bytes: inout [UInt8], options: JSONMappingOptions) {
    var writer = JSONWriter()
    swap(&writer.bytes, &bytes)
    writeJSON(to: &writer, options: options)
    writer.bytes.append(0x0A)
    swap(&writer.bytes, &bytes)
  }

  /// The compact JSON as a string.
  public func jsonString(options: JSONMappingOptions = JSONMappingOptions()) -> String {
    var writer = JSONWriter()
    writeJSON(to: &writer, options: options)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// Parses one JSON text that must hold exactly one value.
  public init(jsonText: String, options: JSONMappingOptions = JSONMappingOptions())
    throws(JSONInputError)
  {
    var reader = MessageReader<Self>(options: options)
    reader.feed(Array(jsonText.utf8))
    reader.finish()
    guard let message = try reader.next() else {
      throw JSONInputError(line: 1, column: 1, message: "no JSON value in the input")
    }
    if try reader.next() != nil {
      throw JSONInputError(line: 1, column: 1, message: "more than one JSON value in the input")
    }
    self = message
  }
}
