/// Why an option's text is not a valid value; the parser adds which option and text it was.
struct OptionValueError: Error, Hashable, Sendable, CustomStringConvertible {
  var reason: String

  init(_ reason: String) {
    self.reason = reason
  }

  var description: String { reason }
}
