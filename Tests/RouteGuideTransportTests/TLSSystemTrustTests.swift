import Foundation
import Glibc
import Testing

@testable import RouteGuideTransport

/// The system trust store's plan: hashed directories looked up lazily, then the bundle (read
/// only when they lack an issuer: TLSLazyBundle), SSL_CERT_FILE and SSL_CERT_DIR as OpenSSL
/// reads them.
@Suite struct TLSSystemTrustTests {
  static let defaultFile = "/usr/lib/ssl/cert.pem"
  static let defaultDirectory = "/usr/lib/ssl/certs"

  static func plan(
    file: String? = nil, directories: String? = nil, hashed: Set<String> = [defaultDirectory]
  ) -> TLSSystemTrust.Plan {
    TLSSystemTrust.plan(
      SystemTrustLocations(file: file, directories: directories), defaultFile: defaultFile,
      defaultDirectory: defaultDirectory, isHashedDirectory: { hashed.contains($0) })
  }

  @Test func theDefaultDirectoryComesBeforeTheBundle() {
    #expect(Self.plan() == .init(directories: [Self.defaultDirectory], file: Self.defaultFile))
  }

  @Test func withoutAHashedDefaultDirectoryOnlyTheBundleIsLeft() {
    #expect(Self.plan(hashed: []) == .init(directories: [], file: Self.defaultFile))
  }

  @Test func sslCertDirIsSearchedFirst() {
    #expect(
      Self.plan(directories: "/a:/b::/a", hashed: ["/a", "/b", Self.defaultDirectory])
        == .init(directories: ["/a", "/b", Self.defaultDirectory], file: Self.defaultFile))
    #expect(
      Self.plan(directories: "/plain", hashed: [Self.defaultDirectory])
        == .init(directories: [Self.defaultDirectory], file: Self.defaultFile))
    #expect(
      Self.plan(directories: "/a", hashed: ["/a"])
        == .init(directories: ["/a"], file: Self.defaultFile))
  }

  @Test func sslCertFileIsAlwaysRead() {
    #expect(
      Self.plan(file: "/bundle.pem")
        == .init(directories: [Self.defaultDirectory], file: "/bundle.pem"))
  }

  @Test func hashNames() {
    for name in ["3b4a6e1f.0", "002c0b4f.12"] {
      #expect(TLSSystemTrust.isHashName(Array(name.utf8)), "\(name)")
    }
    for name in ["ca.pem", "3b4a6e1f", "3b4a6e1f.", "3B4A6E1F.0", "3b4a6e1f.r0", "3b4a6e1g.0"] {
      #expect(!TLSSystemTrust.isHashName(Array(name.utf8)), "\(name)")
    }
  }

  @Test func aDirectoryIsHashedWhenItHasAHashEntry() throws {
    let path = NSTemporaryDirectory() + "rg-trust-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(!TLSSystemTrust.isHashedDirectory(path))
    #expect(FileManager.default.createFile(atPath: path + "/ca.pem", contents: Data()))
    #expect(!TLSSystemTrust.isHashedDirectory(path))
    try FileManager.default.createSymbolicLink(
      atPath: path + "/9d66eef0.0", withDestinationPath: "ca.pem")
    #expect(TLSSystemTrust.isHashedDirectory(path))
    #expect(!TLSSystemTrust.isHashedDirectory(path + "/missing"))
  }
}
