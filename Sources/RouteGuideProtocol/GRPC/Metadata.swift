/// Custom call metadata: header names and values as they go on the wire, in order.
public struct Metadata: Sendable {
  public var entries: [(name: String, value: String)]

  public init(_ entries: [(name: String, value: String)] = []) {
    self.entries = entries
  }

  public mutating func append(name: String, value: String) {
    entries.append((name: name, value: value))
  }

  /// Every value sent under `name`, in order.
  public func values(for name: String) -> [String] {
    entries.filter { $0.name == name }.map(\.value)
  }

  /// Whether `name` carries binary values, base64-encoded on the wire.
  public static func isBinary(_ name: String) -> Bool {
    name.hasSuffix("-bin")
  }

  /// Names the user may not set, with the reason; nil for a name that is free to use.
  public static func reservation(of name: String) -> String? {
    switch name {
    case "host": return "rg sets :authority itself (use --authority)"
    case "te", "content-type", "user-agent": return "rg sets it itself"
    case "content-length", "connection", "keep-alive", "proxy-connection", "transfer-encoding",
      "upgrade":
      return "it is an HTTP/1 header that HTTP/2 forbids or rg manages"
    case "grpc-timeout": return "rg sets it from --timeout"
    default:
      return name.hasPrefix("grpc-") ? "grpc-* names are reserved for gRPC itself" : nil
    }
  }
}
