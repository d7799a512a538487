import RouteGuideProtocol

/// One compact proto3-JSON object per line: rg's default output, made for `jq` and pipes.
final class NDJSONFormatter: OutputFormatter {
  let mapping: JSONMappingOptions

  init(mapping: JSONMappingOptions) {
    self.mapping = mapping
  }

  func append<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8]) {
    message.appendJSONLine(to: &buffer, options: mapping)
  }

  func appendError(_ error: CallError, into buffer: inout [UInt8]) {
    var writer = JSONWriter()
    swap(&writer.bytes, &buffer)
    error.writeErrorObject(to: &writer)
    writer.bytes.append(0x0A)
    swap(&writer.bytes, &buffer)
  }
}
