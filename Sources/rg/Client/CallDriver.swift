import RouteGuideTransport

/// One RPC's client behaviour: starts its calls, feeds them input, writes their answers.
///
/// The runner owns connecting, output and exit; a driver only ever reports how it ended.
protocol CallDriver: AnyObject {
  /// Set by the runner before `start`: called once, when the driver is done.
  var onFinish: ((ClientOutcome) -> Void)? { get set }
  /// Begins once the channel's first connection is up.
  func start(on channel: ClientChannel)
  /// Cancels every open call with RST_STREAM(CANCEL) and stops reading input (stdout closed,
  /// SIGINT, lost connection); `onFinish` is no longer expected.
  func cancelAll()
}
