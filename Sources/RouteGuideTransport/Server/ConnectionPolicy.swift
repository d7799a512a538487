/// What a client may cost one server connection beyond HTTP/2's own limits, and when the
/// server ends the connection (each time with a GOAWAY whose debug data says why).
public struct ConnectionPolicy: Sendable {
  /// A connection without open calls is closed after this long (GOAWAY `max_idle`); nil keeps
  /// it forever, as grpc-go does unless MaxConnectionIdle is set.
  public var maxIdleNanoseconds: UInt64?
  /// Client PINGs closer together than this are strikes (gRPC's "permit keepalive time";
  /// grpc-core's min_recv_ping_interval_without_data, 5 minutes).
  public var minPingIntervalNanoseconds: UInt64
  /// Strikes tolerated before GOAWAY ENHANCE_YOUR_CALM `too_many_pings` (2, as gRPC).
  public var maxPingStrikes: Int
  /// RST_STREAM frames tolerated at once, and per second after that, before GOAWAY
  /// ENHANCE_YOUR_CALM `too_many_resets`.
  public var resetBurst: Int
  public var resetsPerSecond: Int

  public init(
    maxIdleNanoseconds: UInt64? = 300_000_000_000,
    minPingIntervalNanoseconds: UInt64 = 300_000_000_000,
    maxPingStrikes: Int = 2, resetBurst: Int = 200, resetsPerSecond: Int = 20
  ) {
    self.maxIdleNanoseconds = maxIdleNanoseconds
    self.minPingIntervalNanoseconds = minPingIntervalNanoseconds
    self.maxPingStrikes = maxPingStrikes
    self.resetBurst = resetBurst
    self.resetsPerSecond = resetsPerSecond
  }
}
