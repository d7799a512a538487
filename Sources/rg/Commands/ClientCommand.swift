import ArgumentParsing
import RouteGuideProtocol

/// A subcommand that calls one method: its arguments, options and run all follow from the
/// method's descriptor, so a command for another method is a configuration and a descriptor.
protocol ClientCommand: ParsableCommand {
  associatedtype Request: GRPCMessage
  associatedtype Response: GRPCMessage
  static var method: MethodDescriptor<Request, Response> { get }
  var options: ClientOptions { get }
  init(options: ClientOptions)
}

extension ClientCommand {
  static var arguments: [ArgumentDefinition] { ClientArguments.all(for: method.shape) }
  static var environment: [EnvironmentKey] { ClientArguments.environment }

  init(values: ParsedValues) throws(ValidationError) {
    self.init(options: try ClientOptions(values: values, shape: Self.method.shape))
  }

  func run() -> Int32 {
    ClientRunner.run(Self.method, options)
  }
}
