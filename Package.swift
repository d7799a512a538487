// swift-tools-version: 6.1
import PackageDescription

// No Swift package dependencies and no Foundation in anything `rg` links: start-up time is a
// feature of a shell tool (DESIGN.md §2). Tests may use Foundation.
// The source targets do not import _StringProcessing, which Swift imports implicitly: linked
// statically it adds 1 MB of code and a fifth of the protocol conformance records that every
// conformance lookup at start-up scans (String+Search.swift has what rg needed from it).
let sources: [SwiftSetting] = [
  .unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import"])
]

let package = Package(
  name: "rg",
  products: [
    .executable(name: "rg", targets: ["rg"])
  ],
  targets: [
    // No pkgConfig: on Debian it adds only `-L/usr/lib/x86_64-linux-gnu`, placed before any
    // -Xlinker -L, which would make the release link pick the shared libraries over the
    // archives the Makefile selects (see RELEASE_LINK_FLAGS there). `make deps` installs both.
    .systemLibrary(name: "CNGHTTP2", providers: [.apt(["libnghttp2-dev"])]),
    .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
    // zlib, for gRPC's gzip and deflate message compression; only RouteGuideCompression
    // imports it (linked like the others: see STATIC_C_LIBS in the Makefile).
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // Linux interfaces Swift's Glibc module leaves out (signalfd), for the event loop.
    .systemLibrary(name: "CLinux"),
    .target(name: "RouteGuideProtocol", swiftSettings: sources),
    // The codecs behind RouteGuideProtocol's MessageCodec seam; the transport sees only that.
    .target(
      name: "RouteGuideCompression", dependencies: ["RouteGuideProtocol", "CZlib"],
      swiftSettings: sources),
    .target(
      name: "RouteGuideTransport",
      dependencies: ["RouteGuideProtocol", "CNGHTTP2", "COpenSSL", "CLinux"],
      swiftSettings: sources
    ),
    .target(name: "ArgumentParsing", swiftSettings: sources),
    .target(
      name: "RouteGuideServer",
      dependencies: ["RouteGuideProtocol", "RouteGuideTransport"],
      swiftSettings: sources
    ),
    .executableTarget(
      name: "rg",
      dependencies: [
        "RouteGuideProtocol", "RouteGuideTransport", "RouteGuideServer", "ArgumentParsing",
        "RouteGuideCompression",
      ],
      // The release link's function order (Makefile: STARTUP_ORDER), not a source.
      exclude: ["Startup.order"],
      swiftSettings: sources
    ),
    // `make microbench`: the encode and decode hot paths without the network (bench/Micro).
    .executableTarget(
      name: "rg-microbench", dependencies: ["RouteGuideProtocol", "RouteGuideCompression"],
      path: "bench/Micro"),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // The inflate fuzz checks (FuzzChecks+Inflate.swift) run the zlib codecs.
    .testTarget(
      name: "RouteGuideProtocolTests",
      dependencies: ["RouteGuideProtocol", "RouteGuideCompression", "TestSupport"]),
    .testTarget(
      name: "RouteGuideCompressionTests",
      dependencies: ["RouteGuideCompression", "RouteGuideProtocol", "TestSupport"]),
    .testTarget(
      name: "RouteGuideTransportTests",
      dependencies: [
        "RouteGuideTransport", "RouteGuideProtocol", "RouteGuideCompression", "TestSupport",
      ]
    ),
    .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "TestSupport"]),
    .testTarget(
      name: "RouteGuideServerTests",
      dependencies: [
        "RouteGuideServer", "RouteGuideProtocol", "RouteGuideTransport", "TestSupport",
      ]
    ),
    .testTarget(name: "rgTests", dependencies: ["rg", "TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["rg", "TestSupport"]),
  ]
)
