/// Walks one file's definitions into full names, refusing a name defined twice.
struct SymbolCollector {
  let file: String
  let existing: [String: DescriptorPool.Symbol]
  private(set) var added: [String: DescriptorPool.Symbol] = [:]

  init(file: String, existing: [String: DescriptorPool.Symbol]) {
    self.file = file
    self.existing = existing
  }

  mutating func collect(_ file: FileDescriptorProto) throws(DescriptorPoolError) {
    let scope = file.package
    for message in file.messageTypes { try collect(message, in: scope) }
    for enumType in file.enumTypes { try collect(enumType, in: scope) }
    for service in file.services {
      let name = Self.qualified(service.name, in: scope)
      try define(name, .service(service))
      for method in service.methods {
        try define(Self.qualified(method.name, in: name), .method(method, service: name))
      }
    }
  }

  /// Depth is bounded: DescriptorProto refuses nesting past `maximumDepth` as it decodes.
  private mutating func collect(_ message: DescriptorProto, in scope: String)
    throws(DescriptorPoolError)
  {
    let name = Self.qualified(message.name, in: scope)
    try define(name, .message(message))
    for field in message.fields {
      try define(Self.qualified(field.name, in: name), .field(field, message: name))
    }
    for nested in message.nestedTypes { try collect(nested, in: name) }
    for enumType in message.enumTypes { try collect(enumType, in: name) }
  }

  /// Enum values are siblings of their enum, in the scope that holds it (C++ scoping).
  private mutating func collect(_ enumType: EnumDescriptorProto, in scope: String)
    throws(DescriptorPoolError)
  {
    let name = Self.qualified(enumType.name, in: scope)
    try define(name, .enumType(enumType))
    for value in enumType.values {
      try define(Self.qualified(value.name, in: scope), .enumValue(value, enumType: name))
    }
  }

  private mutating func define(_ name: String, _ definition: DescriptorPool.Definition)
    throws(DescriptorPoolError)
  {
    if let earlier = added[name] ?? existing[name] {
      throw .duplicateSymbol(name, file: file, otherFile: earlier.file)
    }
    added[name] = DescriptorPool.Symbol(fullName: name, file: file, definition: definition)
  }

  static func qualified(_ name: String, in scope: String) -> String {
    scope.isEmpty ? name : scope + "." + name
  }
}
