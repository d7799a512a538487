import RouteGuideProtocol

/// Runs `rg describe`: one reflection stream, then the services, a definition or the check.
enum DescribeRunner {
  static func run(_ options: DescribeOptions) -> Int32 {
    let session = ClientSession(options.client, numbersCalls: true)
    return ClientRunner.run(session: session, options: options.client) { session in
      let settings = CallSettings(
        metadata: options.client.headers, timeoutNanoseconds: options.client.timeoutNanoseconds,
        maxReceiveMessageSize: options.client.maxMessageSize, log: session.log)
      return .success(
        DescribeDriver(
          mode: options.mode, format: options.format, settings: settings, sink: session.sink))
    }
  }
}
