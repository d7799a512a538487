import TestSupport

/// A TLS server without ALPN (Python's ssl module), in a child process.
final class PythonTLSServer {
  private let process: ServerProcess
  var port: UInt16 { UInt16(process.port) }

  init(_ certificates: TestCertificates) throws {
    let script = """
      import socket, ssl, sys
      context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
      context.load_cert_chain(sys.argv[1], sys.argv[2])
      listener = socket.create_server(("127.0.0.1", 0))
      print("listening on 127.0.0.1:%d" % listener.getsockname()[1], file=sys.stderr, flush=True)
      while True:
          connection, _ = listener.accept()
          try:
              tls = context.wrap_socket(connection, server_side=True)
              tls.recv(1)
          except (ssl.SSLError, OSError):
              pass
          connection.close()
      """
    process = try ServerProcess(
      "/usr/bin/python3",
      ["-c", script, certificates.serverCertificate, certificates.serverKey])
  }

  func stop() { process.stop() }
}
