/// Opens client connections: resolve, connect (bounded by a timeout), then TLS when configured.
public enum Connector {
  /// Connects to `address` on `loop`; `completion` runs exactly once, on the loop, never inside
  /// this call. With `tls`, the stream it gets has finished a verified handshake that selected h2.
  /// The timeout bounds connecting, the proxy's CONNECT and the TLS handshake together;
  /// resolution is not bounded. With `proxy`, a TCP address is reached through its tunnel.
  public static func connect(
    to address: ServerAddress, tls: TLSClientConfiguration?, proxy: HTTPProxy? = nil,
    timeoutNanoseconds: UInt64, loop: EventLoop,
    completion: @escaping (Result<any ByteStream, TransportError>) -> Void
  ) {
    let operation = ConnectOperation(
      address: address, tls: tls, proxy: proxy, timeoutNanoseconds: timeoutNanoseconds,
      loop: loop, completion: completion)
    // Starting from a timer keeps even immediate failures off the caller's stack.
    loop.schedule(after: 0) { operation.start() }
  }
}
