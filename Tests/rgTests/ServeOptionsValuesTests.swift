import Testing

@testable import rg

@Suite struct ServeOptionsValuesTests {
  func serveOptions(_ words: [String]) -> ServeOptions? {
    (parsedCommand(["serve"] + words) as? ServeCommand)?.options
  }

  @Test func defaults() {
    #expect(serveOptions([]) == ServeOptions())
    #expect(ServeOptions().bind == "127.0.0.1")
    #expect(ServeOptions().port == 50051)
    #expect(ServeOptions().maxConcurrentStreams == 100)
    #expect(ServeOptions().maxMessageSize == 4 << 20)
    #expect(ServeOptions().maxConnections == nil)
    #expect(ServeOptions().maxConnectionIdle == 300_000_000_000)
    #expect(ServeOptions().minPingInterval == 300_000_000_000)
    #expect(ServeOptions().threads == nil)
  }

  @Test func everyOptionLandsInItsField() {
    let options = serveOptions([
      "--bind", "[::1]", "--port", "0", "--db", "db.json", "--tls-cert", "c.pem", "--tls-key",
      "k.pem", "--max-concurrent-streams", "8", "--max-msg-size", "1M", "--max-connections",
      "50", "--max-connection-idle", "90s", "--min-ping-interval", "10s", "--shared-chat",
      "--compress", "deflate",
      "--threads", "3",
    ])
    #expect(
      options
        == ServeOptions(
          bind: "::1", port: 0, db: "db.json", tlsCertificate: "c.pem", tlsKey: "k.pem",
          maxConcurrentStreams: 8, maxMessageSize: 1 << 20, maxConnections: 50,
          maxConnectionIdle: 90_000_000_000, minPingInterval: 10_000_000_000, sharedChat: true,
          compression: options?.compression, threads: 3))
    #expect(options?.compression?.name == "deflate")
    #expect(serveOptions(["--compress", "identity"])?.compression == nil)
  }

  @Test(arguments: [
    (["--port", "65536"], "invalid --port '65536': out of range (0-65535; 0 picks a free port)"),
    (["--port", "x"], "invalid --port 'x': not a number"),
    (
      ["--bind", "1.2.3.4:5"],
      "invalid --bind '1.2.3.4:5': expected an IP address or host name, without a port (use --port)"
    ),
    (["--bind", ""], "invalid --bind '': an address cannot be empty"),
    (["--tls-cert", "c.pem"], "--tls-cert needs --tls-key (the private key of the certificate)"),
    (["--tls-key", "k.pem"], "--tls-key needs --tls-cert (the server certificate)"),
    (
      ["--max-concurrent-streams", "0"],
      "invalid --max-concurrent-streams '0': must be between 1 and 2147483647"
    ),
    (["--max-msg-size", "0"], "invalid --max-msg-size '0': a size must be greater than 0"),
    (["--max-connections", "0"], "invalid --max-connections '0': must be at least 1"),
    (["--max-connections", "many"], "invalid --max-connections 'many': not a whole number"),
    (
      ["--max-connection-idle", "0"],
      "invalid --max-connection-idle '0': a duration must be greater than 0"
    ),
    (
      ["--min-ping-interval", "5x"],
      "invalid --min-ping-interval '5x': unknown unit 'x' (use ms, s, m or h)"
    ),
    (["--threads", "0"], "invalid --threads '0': must be between 1 and 256"),
    (["--threads", "257"], "invalid --threads '257': must be between 1 and 256"),
    (["--threads", "two"], "invalid --threads 'two': not a whole number"),
    (["localhost:1"], "unexpected argument 'localhost:1'"),
    (["--plaintext"], "unknown option --plaintext"),
    (["--compress", "br"], "invalid --compress 'br': expected one of: identity, gzip, deflate"),
  ])
  func usageErrors(words: [String], message: String) {
    #expect(usageError(["serve"] + words) == message)
  }
}

/// `--bind unix:/path` is kept whole for ServeSetup to listen on a unix socket.
@Suite struct ServeOptionsUnixBindTests {
  @Test func unixBindIsKept() throws {
    #expect(try ServeOptions.bindAddress("unix:/run/rg.sock") == "unix:/run/rg.sock")
    #expect(throws: OptionValueError("'unix:' needs a socket path")) {
      try ServeOptions.bindAddress("unix:")
    }
  }
}
