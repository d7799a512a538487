/// A type that reads itself from one argument's text, with a precise reason when it cannot.
public protocol ArgumentConvertible {
  init(argument: String) throws(ValidationError)
}

extension String: ArgumentConvertible {
  public init(argument: String) throws(ValidationError) {
    self = argument
  }
}

extension Int: ArgumentConvertible {
  public init(argument: String) throws(ValidationError) {
    guard let value = Int(argument) else {
      throw ValidationError("not a whole number")
    }
    self = value
  }
}
