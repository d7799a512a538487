import RouteGuideProtocol

/// `--format json`: each message pretty-printed with a 2-space indent, as `jq .` and grpcurl
/// print it, for people reading a terminal.
final class PrettyJSONFormatter: OutputFormatter {
  let mapping: JSONMappingOptions
  /// The compact form, re-indented into the output (reused between messages).
  private var compact: [UInt8] = []

  init(mapping: JSONMappingOptions) {
    self.mapping = mapping
  }

  func append<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8]) {
    var writer = JSONWriter()
    swap(&writer.bytes, &compact)
    writer.bytes.removeAll(keepingCapacity: true)
    message.writeJSON(to: &writer, options: mapping)
    swap(&writer.bytes, &compact)
    Self.reindent(compact, into: &buffer)
  }

  func appendError(_ error: CallError, into buffer: inout [UInt8]) {
    var writer = JSONWriter()
    error.writeErrorObject(to: &writer)
    Self.reindent(writer.bytes, into: &buffer)
  }

  /// Re-indents compact JSON (no whitespace outside strings, as JSONWriter writes it) the way
  /// jq does: a member or element per line, `": "` after keys, `{}` and `[]` kept as they are,
  /// and a newline at the end.
  static func reindent(_ compact: [UInt8], into out: inout [UInt8]) {
    var depth = 0
    var index = 0
    while index < compact.count {
      let byte = compact[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        index = copyString(compact, from: index, into: &out)
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        out.append(byte)
        let closer = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if index < compact.count && compact[index] == closer {
          out.append(closer)
          index += 1
        } else {
          depth += 1
          newline(&out, depth)
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        newline(&out, depth)
        out.append(byte)
      case UInt8(ascii: ","):
        out.append(byte)
        newline(&out, depth)
      case UInt8(ascii: ":"):
        out.append(byte)
        out.append(0x20)
      default:
        out.append(byte)
      }
    }
    out.append(0x0A)
  }

  /// Copies a string from its opening quote (before `start`) through its closing one, where
  /// braces and commas are text; returns the index after it.
  private static func copyString(_ compact: [UInt8], from start: Int, into out: inout [UInt8])
    -> Int
  {
    out.append(UInt8(ascii: "\""))
    var index = start
    var escaped = false
    while index < compact.count {
      let byte = compact[index]
      index += 1
      out.append(byte)
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        return index
      }
    }
    return index
  }

  private static func newline(_ out: inout [UInt8], _ depth: Int) {
    out.append(0x0A)
    out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
  }
}
