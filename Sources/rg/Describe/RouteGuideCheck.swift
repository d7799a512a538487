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
    var pairs: [(rg: String, server: String)] = []
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
      pairs += [(method.requestType, input), (method.responseType, output)]
    }
    return differences + messageDifferences(pairs, server: server)
  }

  /// Compares each (rg's message, the server's message at the same place) pair once, and the
  /// pairs their message fields lead to.
  private func messageDifferences(_ start: [(rg: String, server: String)], server: DescriptorPool)
    -> [Difference]
  {
    var queue = start
    var seen: Set<String> = []
    var differences: [Difference] = []
    while !queue.isEmpty {
      let (rgName, serverName) = queue.removeFirst()
      guard seen.insert(rgName + " " + serverName).inserted,
        let ours = rgSpeaks.message(rgName)
      else { continue }
      guard let theirs = server.message(serverName) else {
        differences.append(
          Difference(symbol: rgName, text: "the server does not define \(serverName)"))
        continue
      }
      for field in ours.fields {
        let symbol = "\(rgName).\(field.name)"
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
        } else if field.type == .message {
          queue.append((field.typeFullName, their.typeFullName))
        }
      }
    }
    return differences
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
