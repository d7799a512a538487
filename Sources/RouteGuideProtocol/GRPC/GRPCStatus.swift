/// The outcome of a call: a code and a human-readable message.
public struct GRPCStatus: Error, Hashable, Sendable, CustomStringConvertible {
  public var code: GRPCStatusCode
  public var message: String

  public init(_ code: GRPCStatusCode, _ message: String = "") {
    self.code = code
    self.message = message
  }

  public static let ok = GRPCStatus(.ok)

  /// `CODE_NAME: message`, as rg prints it after `rg: `.
  public var description: String {
    message.isEmpty ? code.name : "\(code.name): \(message)"
  }
}
