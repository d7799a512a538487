import COpenSSL
import Glibc

/// The system trust store, looked up lazily: OpenSSL's hashed-directory lookup reads only the
/// issuers a chain needs (one or two small files), where loading the CA bundle parses every
/// one of its ~140 certificates (20 ms) before the first byte is sent; a bundle that is to be
/// trusted as well is read only when the directories lack an issuer (TLSLazyBundle).
///
/// What is trusted is what OpenSSL's `SSL_CTX_set_default_verify_paths` trusts: the file
/// (`SSL_CERT_FILE`, else the default bundle) and the directories (`SSL_CERT_DIR`, else the
/// default directory). With `SSL_CERT_DIR` set, the default directory is searched after it:
/// it holds what the default bundle holds (Debian builds /etc/ssl/certs/ca-certificates.crt
/// from /etc/ssl/certs), so the bundle OpenSSL would load is found without reading it.
enum TLSSystemTrust {
  /// What `install` will use: hashed directories in lookup order, and the file to load (if any).
  struct Plan: Equatable {
    var directories: [String]
    var file: String?
  }

  /// Adds the directory lookups to the context's store and returns the bundle, to be loaded
  /// only if they fail (TLSLazyBundle), which the caller keeps as long as the context.
  static func install(_ locations: SystemTrustLocations, into context: OpaquePointer)
    throws(TransportError) -> TLSLazyBundle?
  {
    let plan = plan(
      locations, defaultFile: String(cString: X509_get_default_cert_file()),
      defaultDirectory: String(cString: X509_get_default_cert_dir()),
      isHashedDirectory: isHashedDirectory)
    OpenSSLErrors.clear()
    guard let store = SSL_CTX_get_cert_store(context) else {
      throw TransportError(.tls, "cannot use the system trust store: no certificate store")
    }
    if !plan.directories.isEmpty {
      guard let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()) else {
        let why = OpenSSLErrors.message(fallback: "failed")
        throw TransportError(.tls, "cannot use the system trust store: \(why)")
      }
      for directory in plan.directories {
        _ = rg_X509_LOOKUP_add_dir(lookup, directory, Int(X509_FILETYPE_PEM))
      }
    }
    guard let file = plan.file else { return nil }
    // A bundle the user named must be there; a missing default one leaves the lookup to fail
    // with OpenSSL's own "unable to get local issuer certificate", as for any OpenSSL user.
    if let named = locations.file, access(named, R_OK) != 0 {
      throw TransportError(.tls, "cannot load SSL_CERT_FILE \(named): \(SystemError.text(errno))")
    }
    let bundle = TLSLazyBundle(path: file)
    bundle.install(on: context)
    return bundle
  }

  /// The decision, apart from the file system and OpenSSL, so it can be tested with values.
  static func plan(
    _ locations: SystemTrustLocations, defaultFile: String, defaultDirectory: String,
    isHashedDirectory: (String) -> Bool
  ) -> Plan {
    var candidates: [String] = []
    if let directories = locations.directories {
      candidates = directories.split(separator: ":").map(String.init)
    }
    let defaultIsHashed = isHashedDirectory(defaultDirectory)
    if defaultIsHashed { candidates.append(defaultDirectory) }
    var directories: [String] = []
    for candidate in candidates where !directories.contains(candidate) {
      if candidate == defaultDirectory ? defaultIsHashed : isHashedDirectory(candidate) {
        directories.append(candidate)
      }
    }
    return Plan(directories: directories, file: locations.file ?? defaultFile)
  }

  /// A directory that holds at least one `HASH.N` entry, as `c_rehash`/`openssl rehash` and
  /// update-ca-certificates make them; a directory of plain PEM files is no use to the lookup.
  static func isHashedDirectory(_ path: String) -> Bool {
    guard let directory = opendir(path) else { return false }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let isHash = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        isHashName(raw.prefix { $0 != 0 })
      }
      if isHash { return true }
    }
    return false
  }

  /// `3b4a6e1f.0`: eight hex digits, a dot, a decimal sequence number.
  static func isHashName<Bytes: Collection<UInt8>>(_ name: Bytes) -> Bool {
    let bytes = Array(name)
    guard bytes.count >= 10, bytes[8] == UInt8(ascii: ".") else { return false }
    let isHex = bytes[..<8].allSatisfy { byte in
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
    return isHex && bytes[9...].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }
}
