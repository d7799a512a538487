import RouteGuideProtocol

/// Descriptor pools for the describe tests: rg's own files, and a file with what RouteGuide
/// lacks (maps, proto2 labels, proto3 optional, nesting).
enum DescribeFixtures {
  static func builtinPool() -> DescriptorPool {
    var pool = DescriptorPool()
    for (_, bytes) in BuiltinDescriptors.files {
      if let file = try? FileDescriptorProto(protobuf: bytes) { _ = try? pool.add(file) }
    }
    return pool
  }

  static let shapes = FileDescriptorProto(
    name: "shapes.proto", package: "s",
    messageTypes: [
      DescriptorProto(
        name: "Bag",
        fields: [
          FieldDescriptorProto(
            name: "counts", number: 1, label: .repeated, type: .message,
            typeName: ".s.Bag.CountsEntry", jsonName: "counts"),
          FieldDescriptorProto(
            name: "maybe", number: 2, type: .string, oneofIndex: 0, jsonName: "maybe",
            proto3Optional: true),
          FieldDescriptorProto(
            name: "tags", number: 3, label: .repeated, type: .string, jsonName: "tags"),
          FieldDescriptorProto(
            name: "kind", number: 4, type: .enum, typeName: ".s.Bag.Kind", jsonName: "kind"),
        ],
        nestedTypes: [
          DescriptorProto(
            name: "CountsEntry",
            fields: [
              FieldDescriptorProto(name: "key", number: 1, type: .string),
              FieldDescriptorProto(name: "value", number: 2, type: .int64),
            ], isMapEntry: true),
          DescriptorProto(
            name: "Inner", fields: [FieldDescriptorProto(name: "x", number: 1, type: .bool)]),
        ],
        enumTypes: [EnumDescriptorProto(name: "Kind", values: [.init(name: "NONE", number: 0)])],
        oneofNames: ["_maybe"])
    ], syntax: "proto3")

  static let legacy = FileDescriptorProto(
    name: "legacy.proto", package: "l",
    messageTypes: [
      DescriptorProto(
        name: "Old",
        fields: [
          FieldDescriptorProto(name: "a", number: 1, label: .optional, type: .int32),
          FieldDescriptorProto(name: "b", number: 2, label: .required, type: .string),
          FieldDescriptorProto(
            name: "c", number: 3, label: .optional, type: .sint32, oneofIndex: 0),
        ], oneofNames: ["choice"])
    ])

  static func pool(_ files: FileDescriptorProto...) -> DescriptorPool {
    var pool = DescriptorPool()
    for file in files { _ = try? pool.add(file) }
    return pool
  }
}
