/// An array or object whose closing bracket has not been read yet: one entry of the reader's
/// explicit stack.
struct JSONContainerFrame {
  let isObject: Bool
  let line: Int
  let column: Int
  var elements: [JSONValue] = []
  var members: [JSONMember] = []
  var pendingKey = ""
  var pendingKeyLine = 0
  var pendingKeyColumn = 0
  /// Keys seen so far, built once an object is big enough that a linear search would make
  /// duplicate detection quadratic.
  var keySet: Set<String>?

  init(isObject: Bool, line: Int, column: Int) {
    self.isObject = isObject
    self.line = line
    self.column = column
  }

  /// Records `key` as seen; false when the object already has it.
  mutating func insertKey(_ key: String) -> Bool {
    if let inserted = keySet?.insert(key).inserted { return inserted }
    if members.count < 16 { return !members.contains { $0.key == key } }
    var keys = Set(members.map(\.key))
    let inserted = keys.insert(key).inserted
    keySet = keys
    return inserted
  }

  /// The finished container.
  func value() -> JSONValue {
    JSONValue(isObject ? .object(members) : .array(elements), line: line, column: column)
  }
}

extension JSONReader {
  mutating func openContainer(isObject: Bool) throws(JSONInputError) {
    guard stack.count < maxDepth else {
      throw errorHere("nesting is deeper than \(maxDepth) levels")
    }
    stack.append(JSONContainerFrame(isObject: isObject, line: line, column: columnHere))
    position += 1
    expectation = isObject ? .firstKeyOrEnd : .firstValueOrEnd
  }

  /// Reads an object key and checks it is new; false when the buffer ended inside it.
  mutating func readKey() throws(JSONInputError) -> Bool {
    let keyLine = line
    let keyColumn = columnHere
    guard let key = try scanString() else { return false }
    let top = stack.count - 1
    guard stack[top].insertKey(key) else {
      throw JSONInputError(
        line: keyLine, column: keyColumn, message: "duplicate key \(quoted(key))")
    }
    stack[top].pendingKey = key
    stack[top].pendingKeyLine = keyLine
    stack[top].pendingKeyColumn = keyColumn
    expectation = .colon
    return true
  }

  /// Hands a finished value to its container; returns it when it is a top-level value.
  mutating func deliver(_ value: JSONValue) -> JSONValue? {
    guard !stack.isEmpty else {
      expectation = .value
      return value
    }
    let top = stack.count - 1
    if stack[top].isObject {
      // Read the key fields one by one: copying the whole frame would copy its members array.
      let member = JSONMember(
        key: stack[top].pendingKey, line: stack[top].pendingKeyLine,
        column: stack[top].pendingKeyColumn, value: value)
      stack[top].members.append(member)
    } else {
      stack[top].elements.append(value)
    }
    expectation = .commaOrEnd
    return nil
  }

  mutating func closeContainer() -> JSONValue? {
    let frame = stack.removeLast()
    return deliver(frame.value())
  }
}
