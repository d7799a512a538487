import COpenSSL

/// A BIO method that carries TLS records over a ByteStream instead of a bare descriptor, so
/// socket errors stay Swift errors (EPIPE never becomes SIGPIPE) and EOF is seen for what it is.
final class StreamBIOMethod {
  private let method: OpaquePointer

  init() throws(TransportError) {
    let type = BIO_get_new_index() | BIO_TYPE_SOURCE_SINK
    guard let method = BIO_meth_new(type, "rg byte stream") else {
      throw TransportError(.tls, "BIO_meth_new: \(OpenSSLErrors.message(fallback: "failed"))")
    }
    self.method = method
    _ = BIO_meth_set_write(method, streamBIOWrite)
    _ = BIO_meth_set_read(method, streamBIORead)
    _ = BIO_meth_set_ctrl(method, streamBIOControl)
  }

  deinit { BIO_meth_free(method) }

  /// A BIO over `channel`, which must outlive it (the TLSStream owns both).
  func makeBIO(for channel: TLSChannel) throws(TransportError) -> OpaquePointer {
    guard let bio = BIO_new(method) else {
      throw TransportError(.tls, "BIO_new: \(OpenSSLErrors.message(fallback: "failed"))")
    }
    BIO_set_data(bio, Unmanaged.passUnretained(channel).toOpaque())
    BIO_set_init(bio, 1)
    return bio
  }
}

private func channel(of bio: OpaquePointer?) -> TLSChannel? {
  guard let bio, let data = BIO_get_data(bio) else { return nil }
  return Unmanaged<TLSChannel>.fromOpaque(data).takeUnretainedValue()
}

private func streamBIOWrite(_ bio: OpaquePointer?, _ data: UnsafePointer<CChar>?, _ length: Int32)
  -> Int32
{
  rg_BIO_clear_retry_flags(bio)
  guard let channel = channel(of: bio), let data, length > 0 else { return 0 }
  do {
    switch try channel.transport.write(UnsafeRawBufferPointer(start: data, count: Int(length))) {
    case .bytes(let count): return Int32(count)
    case .wouldBlock:
      rg_BIO_set_retry_write(bio)
      return -1
    case .eof: return -1
    }
  } catch {
    channel.transportError = error
    return -1
  }
}

private func streamBIORead(
  _ bio: OpaquePointer?, _ data: UnsafeMutablePointer<CChar>?, _ length: Int32
)
  -> Int32
{
  rg_BIO_clear_retry_flags(bio)
  guard let channel = channel(of: bio), let data, length > 0 else { return 0 }
  do {
    let buffer = UnsafeMutableRawBufferPointer(start: data, count: Int(length))
    switch try channel.transport.read(into: buffer) {
    case .bytes(let count): return Int32(count)
    case .wouldBlock:
      rg_BIO_set_retry_read(bio)
      return -1
    case .eof:
      channel.sawEOF = true
      return 0
    }
  } catch {
    channel.transportError = error
    return -1
  }
}

private func streamBIOControl(
  _ bio: OpaquePointer?, _ command: Int32, _ argument: Int, _ pointer: UnsafeMutableRawPointer?
) -> Int {
  // Writes go straight to the transport, so there is never anything to flush.
  command == BIO_CTRL_FLUSH ? 1 : 0
}
