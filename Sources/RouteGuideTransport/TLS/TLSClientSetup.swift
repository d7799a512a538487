import COpenSSL
import Glibc

/// The TLS part of a client connection attempt: per-connection settings (SNI, the name or IP to
/// verify) and the non-blocking handshake driven by the EventLoop, ending with the ALPN check.
final class TLSClientSetup {
  private let context: TLSContext
  private let configuration: TLSClientConfiguration
  private let address: ServerAddress
  private var stream: TLSStream?
  private var loop: EventLoop?
  private var watch: EventLoop.Token?
  private var completion: ((Result<any ByteStream, TransportError>) -> Void)?

  var isHandshaking: Bool { completion != nil }

  init(configuration: TLSClientConfiguration, address: ServerAddress) throws(TransportError) {
    context = try TLSClientContext.make(configuration)
    self.configuration = configuration
    self.address = address
  }

  /// Starts the handshake over a connected stream; `completion` gets the verified TLS stream.
  func startHandshake(
    over transport: any ByteStream, loop: EventLoop,
    completion: @escaping (Result<any ByteStream, TransportError>) -> Void
  ) {
    self.loop = loop
    self.completion = completion
    do throws(TransportError) {
      let stream = try TLSStream(over: transport, context: context)
      self.stream = stream
      try configureNames(stream)
    } catch {
      transport.close()
      return finish(.failure(error))
    }
    watch = loop.watch(transport.fd, for: .writable) { [self] _ in step() }
    step()
  }

  /// Stops a handshake in progress (the connect timeout); the stream is closed.
  func cancel() {
    guard completion != nil else { return }
    completion = nil
    endWatch()
    stream?.close()
    stream = nil
  }

  private func step() {
    guard let stream else { return }
    do throws(TransportError) {
      if let wanted = try stream.handshake() {
        if let watch { loop?.setInterest(watch, wanted) }
        return
      }
      guard stream.negotiatedProtocol == "h2" else {
        throw TransportError(
          .tls,
          "TLS handshake with \(stream.peerDescription) failed: "
            + "server did not negotiate HTTP/2 via ALPN")
      }
      self.stream = nil
      finish(.success(stream))
    } catch {
      stream.close()
      self.stream = nil
      finish(.failure(error))
    }
  }

  private func finish(_ result: Result<any ByteStream, TransportError>) {
    guard let completion else { return }
    self.completion = nil
    endWatch()
    completion(result)
  }

  private func endWatch() {
    if let watch { loop?.unwatch(watch) }
    watch = nil
  }

  /// SNI and the verified identity: a host name is sent and checked as a DNS name; an IP
  /// literal is not sent (SNI forbids it) but checked against the certificate's IP entries.
  /// Only subjectAltName counts: a name in the subject CN is never accepted (RFC 6125, as
  /// browsers and Go do), since the CN is not typed and may not be a host name at all.
  private func configureNames(_ stream: TLSStream) throws(TransportError) {
    let ssl = stream.ssl
    let name: String
    switch (configuration.serverName, address) {
    case (let explicit?, _): name = explicit
    case (nil, .tcp(let host, _)): name = host
    case (nil, .unix): name = "localhost"
    }
    stream.channel.verifiedName = name
    SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
    OpenSSLErrors.clear()
    if Self.isIPLiteral(name) {
      if !configuration.insecure && X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) != 1 {
        throw TransportError(.tls, "cannot verify IP address \(name)")
      }
      return
    }
    guard rg_SSL_set_tlsext_host_name(ssl, name) == 1 else {
      throw TransportError(.tls, "invalid TLS server name '\(name)'")
    }
    if !configuration.insecure && SSL_set1_host(ssl, name) != 1 {
      throw TransportError(.tls, "cannot verify server name '\(name)'")
    }
  }

  static func isIPLiteral(_ name: String) -> Bool {
    var buffer = in6_addr()
    return inet_pton(AF_INET, name, &buffer) == 1 || inet_pton(AF_INET6, name, &buffer) == 1
  }
}
