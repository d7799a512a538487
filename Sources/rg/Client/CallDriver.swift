import RouteGuideTransport

/// One RPC's client behaviour: starts its calls, feeds them input, writes their answers.
///
/// The runner owns connecting, output and exit; a driver only ever reports how it ended.
protocol CallDriver: AnyObject {
  /// Set by the runner before `start`: called once, when the driver is done.
  var onFinish: ((ClientOutcome) -> Void)? { get set }
  /// Whether the driver calls a server (false for `--dry-run`).
  var needsConnection: Bool { get }
  /// Begins once the channel's first connection is up; without a channel when the driver
  /// needs no connection.
  func start(on channel: ClientChannel?)
  /// Cancels every open call with RST_STREAM(CANCEL) and stops reading input (stdout closed,
  /// SIGINT, lost connection); `onFinish` is no longer expected.
  func cancelAll()
  /// stdout caught up after falling behind (drivers that pause for it go on).
  func outputDidCatchUp()
  /// Whether the driver starts its calls again when the connection is lost (`health --wait`),
  /// so the run goes on.
  var retriesAfterLostConnection: Bool { get }
}

extension CallDriver {
  var needsConnection: Bool { true }
  var retriesAfterLostConnection: Bool { false }
  func outputDidCatchUp() {}
}
