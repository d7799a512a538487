/// What a request's content-type says about its messages.
///
/// `application/grpc`, optionally followed by `+codec` or `;parameters` (case-insensitive);
/// no codec (or an empty one) means protobuf, as does `+proto`.
public enum GRPCContentType: Equatable, Sendable {
  /// Protobuf messages: `application/grpc` or `application/grpc+proto`.
  case protobuf
  /// gRPC with another codec, e.g. `json` for `application/grpc+json`.
  case otherCodec(String)
  /// Not a gRPC content-type at all.
  case notGRPC

  public init(_ value: String) {
    // What clients send, without the lower-casing copy: this runs once per call.
    if value == "application/grpc" {
      self = .protobuf
      return
    }
    let lowered = value.lowercased()
    guard lowered.hasPrefix("application/grpc") else {
      self = .notGRPC
      return
    }
    let rest = lowered.dropFirst("application/grpc".count)
    if rest.isEmpty || rest.hasPrefix(";") {
      self = .protobuf
    } else if rest.hasPrefix("+") {
      let codec = rest.dropFirst().prefix { $0 != ";" && $0 != " " }
      // An empty codec is the default, as grpc-go reads it.
      self = codec == "proto" || codec.isEmpty ? .protobuf : .otherCodec(String(codec))
    } else {
      self = .notGRPC
    }
  }
}
