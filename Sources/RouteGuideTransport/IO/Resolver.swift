import Glibc

/// Host-name resolution with getaddrinfo (blocking, as rg resolves once before connecting).
enum Resolver {
  /// All stream-socket addresses of `host`, in the order getaddrinfo prefers them.
  static func resolve(host: String, port: UInt16, passive: Bool = false) throws(TransportError)
    -> [SocketAddress]
  {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      let reason =
        status == EAI_SYSTEM ? SystemError.text(errno) : String(cString: gai_strerror(status))
      throw TransportError(.unavailable, "could not resolve \(host): \(reason)")
    }
    defer { freeaddrinfo(first) }
    var addresses: [SocketAddress] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let entry = cursor {
      if let address = entry.pointee.ai_addr {
        addresses.append(SocketAddress(address, length: entry.pointee.ai_addrlen))
      }
      cursor = entry.pointee.ai_next
    }
    guard !addresses.isEmpty else {
      throw TransportError(.unavailable, "could not resolve \(host): no addresses")
    }
    return addresses
  }
}
