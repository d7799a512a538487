/// `FieldDescriptorProto.Type`: a field's wire type and meaning; numbers protobuf does not
/// have are kept as they came.
public struct FieldType: Hashable, Sendable, CustomStringConvertible {
  public var rawValue: Int32

  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  public static let double = FieldType(rawValue: 1)
  public static let float = FieldType(rawValue: 2)
  public static let int64 = FieldType(rawValue: 3)
  public static let uint64 = FieldType(rawValue: 4)
  public static let int32 = FieldType(rawValue: 5)
  public static let fixed64 = FieldType(rawValue: 6)
  public static let fixed32 = FieldType(rawValue: 7)
  public static let bool = FieldType(rawValue: 8)
  public static let string = FieldType(rawValue: 9)
  public static let group = FieldType(rawValue: 10)
  public static let message = FieldType(rawValue: 11)
  public static let bytes = FieldType(rawValue: 12)
  public static let uint32 = FieldType(rawValue: 13)
  public static let `enum` = FieldType(rawValue: 14)
  public static let sfixed32 = FieldType(rawValue: 15)
  public static let sfixed64 = FieldType(rawValue: 16)
  public static let sint32 = FieldType(rawValue: 17)
  public static let sint64 = FieldType(rawValue: 18)

  private static let names = [
    "double", "float", "int64", "uint64", "int32", "fixed64", "fixed32", "bool", "string",
    "group", "message", "bytes", "uint32", "enum", "sfixed32", "sfixed64", "sint32", "sint64",
  ]

  /// The keyword as .proto source writes it (`int32`), `message` and `enum` for named types;
  /// nil for a number protobuf does not have.
  public var keyword: String? {
    (1...Int32(Self.names.count)).contains(rawValue) ? Self.names[Int(rawValue) - 1] : nil
  }

  /// Whether values name a type (`typeName` says which).
  public var isNamed: Bool { self == .message || self == .enum || self == .group }

  public var description: String { keyword ?? "type \(rawValue)" }
}
