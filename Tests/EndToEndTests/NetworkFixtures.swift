import Foundation
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A real HTTP proxy for the proxy tests: Debian's tinyproxy on a free loopback port, with a
/// config the test writes (Basic credentials, allowed CONNECT ports), always stopped.
final class TinyProxy: @unchecked Sendable {
  let port: Int
  private let child: ChildProcess
  private let directory: TemporaryDirectory
  private var stopped = false

  var url: String { "http://127.0.0.1:\(port)" }
  /// tinyproxy's log: one line per CONNECT it handled, among others.
  var log: String { (try? String(contentsOfFile: directory.path + "/log", encoding: .utf8)) ?? "" }

  /// `hosts`: an /etc/hosts of its own (a mount namespace), so tinyproxy resolves test names
  /// such as `grpc.test` that the machine does not know.
  init(
    credentials: (user: String, password: String)? = nil, connectPorts: [Int] = [],
    hosts: String? = nil
  ) throws {
    let executable = "/usr/bin/tinyproxy"
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw SubprocessError("tinyproxy is not installed: run `make deps`")
    }
    directory = try TemporaryDirectory()
    port = try NetworkFixtures.unusedPort()
    var config = [
      "Port \(port)", "Listen 127.0.0.1", "Timeout 30", "MaxClients 20", "Allow 127.0.0.1",
      "LogLevel Connect", "LogFile \"\(directory.path)/log\"",
    ]
    if let credentials { config.append("BasicAuth \(credentials.user) \(credentials.password)") }
    config += connectPorts.map { "ConnectPort \($0)" }
    let configPath = try directory.write("tinyproxy.conf", config.joined(separator: "\n") + "\n")
    let (program, arguments) = try NetworkFixtures.command(
      executable, ["-d", "-c", configPath], hosts: hosts, in: directory)
    child = try ChildProcess(
      program, arguments, pipeStdin: false, pipeStdout: false, pipeStderr: false,
      stdoutPath: directory.path + "/stdout", stderrPath: directory.path + "/stderr")
    do {
      try NetworkFixtures.waitUntilAccepting(port: port, timeout: 10)
    } catch {
      stop()
      let stderr = (try? String(contentsOfFile: directory.path + "/stderr", encoding: .utf8))
      throw SubprocessError("tinyproxy did not start: \(error) \(stderr ?? "")")
    }
  }

  deinit { stop() }

  func stop() {
    guard !stopped else { return }
    stopped = true
    child.signal(SIGTERM)
    if (try? child.wait(timeout: 3)) == nil {
      child.signal(SIGKILL)
      _ = try? child.wait(timeout: 3)
    }
  }
}

enum NetworkFixtures {
  /// A loopback TCP port nothing listens on at the moment.
  static func unusedPort(host: String = "127.0.0.1") throws -> Int {
    let listener = try LoopbackListener(host: host, backlog: 1)
    return listener.port
  }

  /// `executable arguments`, or the same in a mount namespace whose /etc/hosts is `hosts`:
  /// how a test gives a name addresses of its choosing without touching the machine's file.
  static func command(
    _ executable: String, _ arguments: [String], hosts: String?, in directory: TemporaryDirectory
  ) throws -> (String, [String]) {
    guard let hosts else { return (executable, arguments) }
    let hostsPath = try directory.write("hosts", hosts)
    let script = #"mount --bind "$0" /etc/hosts && exec "$@""#
    return ("/usr/bin/unshare", ["-m", "/bin/sh", "-c", script, hostsPath, executable] + arguments)
  }

  static func waitUntilAccepting(port: Int, timeout: Double) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if (try? LoopbackListener.canConnect(port: port)) == true { return }
      usleep(20_000)
    }
    throw SubprocessError("nothing accepts on 127.0.0.1:\(port) after \(timeout) s")
  }
}

/// A listening loopback socket made with the C API: a port to hold, or (with a full backlog)
/// an address that takes no connection and refuses none, as a host that drops packets.
final class LoopbackListener {
  let fd: Int32
  let port: Int
  private var queued: [Int32] = []

  init(host: String, port: Int = 0, backlog: Int32) throws {
    let family = host.contains(":") ? AF_INET6 : AF_INET
    let socketFD = socket(family, Int32(SOCK_STREAM.rawValue), 0)
    var one: Int32 = 1
    _ = setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var storage = sockaddr_storage()
    var length = try Self.fill(&storage, family: family, host: host, port: port)
    let bound = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(socketFD, generic, length) == 0 && listen(socketFD, backlog) == 0
          && getsockname(socketFD, generic, &length) == 0
      }
    }
    guard bound else {
      close(socketFD)
      throw SubprocessError("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
    }
    fd = socketFD
    self.port = withUnsafeBytes(of: storage) { raw in
      Int(UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self)))
    }
  }

  deinit {
    for queuedFD in queued { close(queuedFD) }
    close(fd)
  }

  /// Fills the accept queue (nothing is ever accepted), so that later SYNs are dropped and a
  /// connect to this address hangs until the connecting side gives up.
  func makeUnresponsive(host: String) throws {
    let family = host.contains(":") ? AF_INET6 : AF_INET
    for _ in 0..<4 {
      let client = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
      var storage = sockaddr_storage()
      let length = try Self.fill(&storage, family: family, host: host, port: port)
      _ = withUnsafePointer(to: &storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) }
      }
      queued.append(client)
    }
    usleep(100_000)
  }

  static func canConnect(port: Int) throws -> Bool {
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(client) }
    var storage = sockaddr_storage()
    let length = try fill(&storage, family: AF_INET, host: "127.0.0.1", port: port)
    return withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
    }
  }

  private static func fill(
    _ storage: inout sockaddr_storage, family: Int32, host: String, port: Int
  ) throws -> socklen_t {
    try withUnsafeMutableBytes(of: &storage) { raw in
      if family == AF_INET6 {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(port).bigEndian
        guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
          throw SubprocessError("not an IPv6 address: \(host)")
        }
        raw.storeBytes(of: address, as: sockaddr_in6.self)
        return socklen_t(MemoryLayout<sockaddr_in6>.size)
      }
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = UInt16(port).bigEndian
      guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        throw SubprocessError("not an IPv4 address: \(host)")
      }
      raw.storeBytes(of: address, as: sockaddr_in.self)
      return socklen_t(MemoryLayout<sockaddr_in>.size)
    }
  }
}
