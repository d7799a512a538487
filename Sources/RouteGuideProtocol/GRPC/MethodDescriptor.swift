/// A message a gRPC method sends or receives: protobuf on the wire, proto3 JSON for people.
///
/// One protocol rather than a composition: a generic type over messages is then instantiated
/// with one conformance lookup per message instead of two, which a one-shot run pays at start.
public protocol GRPCMessage: JSONMessage, ProtobufMessage {}

/// One RPC, as data: where it lives, its shape, and the messages it carries.
///
/// Code that works for any method (client drivers, the server router, the terminal hint,
/// `--dry-run`) reads these values instead of listing methods.
///
/// The message types are unconstrained here and constrained where a descriptor is made (and
/// where code uses them): every subcommand's descriptor is touched while the command line is
/// parsed, and a constrained generic type costs conformance lookups at its first use, which a
/// one-shot `rg get` pays at start.
public struct MethodDescriptor<Request, Response>: Sendable {
  /// The full service name, e.g. `routeguide.RouteGuide`.
  public let service: String
  /// The method's name, e.g. `GetFeature`.
  public let name: String
  public let shape: CallShape
  /// What the input holds, for the note rg prints before reading a terminal
  /// (e.g. "Point JSON", "Points as NDJSON").
  public let inputDescription: String

  /// The HTTP/2 `:path`: `/routeguide.RouteGuide/GetFeature`.
  public let path: String
  /// The same method without its Swift types, for tables of methods.
  public let info: MethodInfo

  /// `typePackage` names the messages' package when one Swift type serves two (the v1 and
  /// v1alpha reflection messages are the same fields in two packages); nil keeps the types'.
  public init(
    service: String, name: String, shape: CallShape, inputDescription: String,
    typePackage: String? = nil
  )
  where Request: GRPCMessage, Response: GRPCMessage {
    self.service = service
    self.name = name
    self.shape = shape
    self.inputDescription = inputDescription
    // Built once: every call of a run sends the path.
    path = "/\(service)/\(name)"
    info = MethodInfo(
      path: path, shape: shape,
      requestType: MethodInfo.typeName(Request.protoMessageName, in: typePackage),
      responseType: MethodInfo.typeName(Response.protoMessageName, in: typePackage))
  }
}

/// A method's path, shape and message type names, without the Swift types.
public struct MethodInfo: Hashable, Sendable {
  public let path: String
  public let shape: CallShape
  /// Full proto names, e.g. `routeguide.Point`.
  public let requestType: String
  public let responseType: String

  public init(path: String, shape: CallShape, requestType: String, responseType: String) {
    self.path = path
    self.shape = shape
    self.requestType = requestType
    self.responseType = responseType
  }

  /// `routeguide.RouteGuide` of `/routeguide.RouteGuide/GetFeature`.
  public var service: String {
    String(path.dropFirst().prefix { $0 != "/" })
  }

  /// `GetFeature` of `/routeguide.RouteGuide/GetFeature`.
  public var name: String {
    String(path.split(separator: "/").last ?? "")
  }

  /// `name` moved to `package`: `grpc.reflection.v1alpha.ErrorResponse` for
  /// `grpc.reflection.v1.ErrorResponse`.
  static func typeName(_ name: String, in package: String?) -> String {
    guard let package else { return name }
    return package + "." + (name.split(separator: ".").last.map(String.init) ?? name)
  }
}
