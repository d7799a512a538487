/// Files by name and the fully-qualified names they define: the lookups reflection needs,
/// on both sides (rg serve's index, rg describe's view of a server).
public struct DescriptorPool: Sendable {
  /// What a full name stands for.
  public enum Definition: Sendable {
    case message(DescriptorProto)
    case enumType(EnumDescriptorProto)
    case service(ServiceDescriptorProto)
    case method(MethodDescriptorProto, service: String)
    case field(FieldDescriptorProto, message: String)
    case enumValue(EnumDescriptorProto.Value, enumType: String)
  }

  /// One defined name and the file that defines it.
  public struct Symbol: Sendable {
    /// Without a leading dot: `routeguide.Point`.
    public let fullName: String
    public let file: String
    public let definition: Definition
  }

  /// The files, in the order they were added.
  public private(set) var files: [FileDescriptorProto] = []
  private var fileIndex: [String: Int] = [:]
  private var symbols: [String: Symbol] = [:]

  public init() {}

  /// Adds `file` and its names; a file already there (by name) is left as it was. A name
  /// defined twice is an error, and then nothing of `file` is added.
  @discardableResult
  public mutating func add(_ file: FileDescriptorProto) throws(DescriptorPoolError) -> Bool {
    guard fileIndex[file.name] == nil else { return false }
    var collector = SymbolCollector(file: file.name, existing: symbols)
    try collector.collect(file)
    symbols.merge(collector.added) { first, _ in first }
    fileIndex[file.name] = files.count
    files.append(file)
    return true
  }

  public func file(named name: String) -> FileDescriptorProto? {
    fileIndex[name].map { files[$0] }
  }

  /// The definition of `name`; a leading dot (as in a field's type name) is allowed.
  public func symbol(_ name: String) -> Symbol? {
    symbols[name.hasPrefix(".") ? String(name.dropFirst()) : name]
  }

  public func message(_ name: String) -> DescriptorProto? {
    if case .message(let message)? = symbol(name)?.definition { return message }
    return nil
  }

  public func enumType(_ name: String) -> EnumDescriptorProto? {
    if case .enumType(let enumType)? = symbol(name)?.definition { return enumType }
    return nil
  }

  public func service(_ name: String) -> ServiceDescriptorProto? {
    if case .service(let service)? = symbol(name)?.definition { return service }
    return nil
  }

  /// Calls `body` with every defined name, in no particular order.
  public func forEachSymbol(_ body: (Symbol) -> Void) {
    for symbol in symbols.values { body(symbol) }
  }

  /// The names of the files `name` imports that the pool does not have.
  public func missingImports(of name: String) -> [String] {
    (file(named: name)?.dependencies ?? []).filter { fileIndex[$0] == nil }
  }

  /// `name` and every file it imports, directly or not, each once, `name` first: what a
  /// reflection answer holds. Throws when one is missing or the imports go round in a circle.
  public func closure(of name: String) throws(DescriptorPoolError) -> [String] {
    var order: [String] = []
    var done: Set<String> = []
    var path: [String] = []
    try visit(name, importedBy: nil, order: &order, done: &done, path: &path)
    return [name] + order.filter { $0 != name }
  }

  private func visit(
    _ name: String, importedBy: String?, order: inout [String], done: inout Set<String>,
    path: inout [String]
  ) throws(DescriptorPoolError) {
    if let start = path.firstIndex(of: name) { throw .importCycle(path[start...] + [name]) }
    guard !done.contains(name) else { return }
    guard let file = file(named: name) else {
      throw .missingImport(name, importedBy: importedBy ?? name)
    }
    path.append(name)
    for dependency in file.dependencies {
      try visit(dependency, importedBy: name, order: &order, done: &done, path: &path)
    }
    path.removeLast()
    done.insert(name)
    order.append(name)
  }
}
