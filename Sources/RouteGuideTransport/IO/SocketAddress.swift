import Glibc

/// A resolved socket address (IPv4, IPv6 or unix) as the kernel takes it.
struct SocketAddress {
  var storage = sockaddr_storage()
  var length: socklen_t = 0

  var family: Int32 { Int32(storage.ss_family) }

  init() {}

  /// Copies an address getaddrinfo or accept returned.
  init(_ address: UnsafePointer<sockaddr>, length: socklen_t) {
    let size = min(Int(length), MemoryLayout<sockaddr_storage>.size)
    withUnsafeMutableBytes(of: &storage) { target in
      target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: size))
    }
    self.length = socklen_t(size)
  }

  /// A unix-domain address; the path must fit sun_path with its terminating NUL.
  init(unixPath path: String) throws(TransportError) {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else {
      throw TransportError(
        .io, "invalid unix socket path '\(path)' (at most \(capacity - 1) bytes)")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { target in
      target.copyBytes(from: bytes)
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    self = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        SocketAddress($0, length: length)
      }
    }
  }

  func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    withUnsafePointer(to: storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
    }
  }

  /// The numeric host and port, or the unix path, as a ServerAddress.
  var serverAddress: ServerAddress {
    switch family {
    case AF_UNIX:
      return .unix(path: unixPath)
    case AF_INET:
      return withUnsafeBytes(of: storage) { raw in
        let address = raw.load(as: sockaddr_in.self)
        var ip = address.sin_addr
        return .tcp(host: Self.numeric(AF_INET, &ip), port: UInt16(bigEndian: address.sin_port))
      }
    default:
      return withUnsafeBytes(of: storage) { raw in
        let address = raw.load(as: sockaddr_in6.self)
        var ip = address.sin6_addr
        return .tcp(host: Self.numeric(AF_INET6, &ip), port: UInt16(bigEndian: address.sin6_port))
      }
    }
  }

  private var unixPath: String {
    withUnsafeBytes(of: storage) { raw in
      let offset = MemoryLayout<sa_family_t>.size
      let end = min(Int(length), raw.count)
      guard end > offset else { return "" }
      let bytes = raw[offset..<end].prefix { $0 != 0 }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  private static func numeric(_ family: Int32, _ address: UnsafeRawPointer) -> String {
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    guard inet_ntop(family, address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
