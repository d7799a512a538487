import RouteGuideProtocol

/// `rg describe --check`: what the server exports against the RouteGuide rg speaks — the
/// methods' paths and call shapes, and the field numbers and types of every message they
/// carry, followed through nested messages.
///
/// rg's side is data, not a list written here: the methods come from `RouteGuide.methods`
/// and the messages from the built-in route_guide.proto descriptor. Only what rg speaks is
/// compared: a field or method the server has besides is no difference (rg skips unknown
/// fields, as protobuf does).
struct RouteGuideCheck {
  /// One way the server differs, named by what rg speaks: `routeguide.Point.latitude`.
  struct Difference: Hashable {
    let symbol: String
    let text: String

    var line: String { "\(symbol): \(text)" }
  }

  let rgSpeaks: DescriptorPool
  let methods: [MethodInfo]

  /// rg's own RouteGuide: the built-in descriptor and the method table.
  static func builtin() -> RouteGuideCheck {
    var pool = DescriptorPool()
    do {
      try pool.add(try FileDescriptorProto(protobuf: BuiltinDescriptors.routeGuide))
    } catch {
      preconditionFailure("the built-in route_guide.proto descriptor does not load: \(error)")
    }
    return RouteGuideCheck(rgSpeaks: pool, methods: RouteGuide.methods)
  }

  /// The service rg speaks (every method of the table is in it).
  var serviceName: String { methods.first?.service ?? RouteGuide.serviceName }

  /// Every difference, in the order of the methods and then of the fields.
  func differences(server: DescriptorPool) -> [Difference] {
    guard let service = server.service(serviceName) else {
      return [Difference(symbol: serviceName, text: "the server has no such service")]
    }
    var differences: [Difference] = []
    for method in methods {
      let symbol = "\(serviceName).\(method.name)"
      guard let theirs = service.methods.first(where: { $0.name == method.name }) else {
        differences.append(Difference(symbol: symbol, text: "the server has no such method"))
        continue
      }
      if theirs.shape != method.shape {
        differences.append(
          Difference(
            symbol: symbol,
            text: "server has it \(Self.words(theirs.shape)), rg speaks \(Self.words(method.shape))"
          ))
      }
      let input = Self.bare(theirs.inputType)
      let output = Self.bare(theirs.outputType)
      if input != method.requestType {
        differences.append(
          Difference(symbol: symbol, text: "server takes \(input), rg sends \(method.requestType)"))
      }
      if output != method.responseType {
        differences.append(
          Difference(
            symbol: symbol, text: "server returns \(output), rg expects \(method.responseType)"))
      }
    }
    return differences + messageDifferences(server: server)
  }

  /// Compares each message rg's methods carry, directly or in a field, with the server's
  /// message of the same name (a method that names another type is reported as such).
  private func messageDifferences(server: DescriptorPool) -> [Difference] {
    var differences: [Difference] = []
    for name in messagesReached() {
      guard let ours = rgSpeaks.message(name) else { continue }
      guard let theirs = server.message(name) else {
        differences.append(Difference(symbol: name, text: "the server does not define it"))
        continue
      }
      for field in ours.fields {
        let symbol = "\(name).\(field.name)"
        let ourType = Self.typeText(field)
        guard let their = theirs.fields.first(where: { $0.number == field.number }) else {
          differences.append(
            Difference(
              symbol: symbol, text: "server has no field \(field.number), rg speaks \(ourType)"))
          continue
        }
        let theirType = Self.typeText(their)
        if theirType != ourType {
          differences.append(
            Difference(
              symbol: symbol,
              text: "server has field \(field.number) as \(theirType), rg speaks \(ourType)"))
        }
      }
    }
    return differences
  }

  /// rg's messages in the order the methods reach them: requests and responses, then the
  /// message types of their fields.
  private func messagesReached() -> [String] {
    var order = methods.flatMap { [$0.requestType, $0.responseType] }
    var index = 0
    while index < order.count {
      for field in rgSpeaks.message(order[index])?.fields ?? [] where field.type == .message {
        order.append(field.typeFullName)
      }
      index += 1
    }
    var seen: Set<String> = []
    return order.filter { seen.insert($0).inserted }
  }

  /// `int32`, `routeguide.Point`, `repeated routeguide.Feature`: what decides the wire.
  static func typeText(_ field: FieldDescriptorProto) -> String {
    let type = field.type.isNamed ? field.typeFullName : field.type.description
    return field.label == .repeated ? "repeated " + type : type
  }

  static func words(_ shape: CallShape) -> String {
    switch shape {
    case .unary: "unary"
    case .serverStreaming: "server-streaming"
    case .clientStreaming: "client-streaming"
    case .bidiStreaming: "bidi-streaming"
    }
  }

  private static func bare(_ name: String) -> String {
    name.hasPrefix(".") ? String(name.dropFirst()) : name
  }
}
