/// A proto3 enum as JSON maps it: its value name on output, a name or a number on input; a
/// number the enum does not name is kept as that number, in both directions.
public protocol JSONEnum: Hashable, Sendable {
  /// The full proto name, e.g. `grpc.health.v1.HealthCheckResponse.ServingStatus`.
  static var protoEnumName: String { get }
  /// Every named value, in declaration order.
  static var jsonNames: [(number: Int32, name: StaticString)] { get }
  init(rawValue: Int32)
  var rawValue: Int32 { get }
}

extension JSONEnum {
  /// The value's name; nil for a number the enum does not name.
  public var name: String? {
    Self.jsonNames.first { $0.number == rawValue }.map { "\($0.name)" }
  }

  /// The value a name stands for; nil for a name the enum does not have.
  public init?(name: String) {
    guard let entry = Self.jsonNames.first(where: { "\($0.name)" == name }) else { return nil }
    self.init(rawValue: entry.number)
  }

  /// The name, or the number when the enum has no name for it.
  public var description: String { name ?? "\(rawValue)" }
}

extension JSONValue {
  /// The value of an enum field: a value name, or an int32 number (kept if unnamed).
  func enumValue<E: JSONEnum>(_ type: E.Type, path: String, key: String) throws(JSONInputError)
    -> E
  {
    guard case .string(let text) = kind else {
      if case .number = kind { return E(rawValue: try int32(path: path, key: key)) }
      throw error(
        "\(joined(path, key)): expected a \(E.protoEnumName) name or number, got "
          + kindDescription)
    }
    guard let value = E(name: text) else {
      let names = E.jsonNames.map { "\($0.name)" }.joined(separator: ", ")
      throw error(
        "\(joined(path, key)): \(quoted(text)) is not a \(E.protoEnumName) (one of \(names))")
    }
    return value
  }
}

extension JSONWriter {
  /// Writes the value's name as a string, or its number when it has no name.
  public mutating func writeEnum<E: JSONEnum>(_ value: E) {
    if let name = value.name {
      writeString(name)
    } else {
      writeInt32(value.rawValue)
    }
  }
}
