import ArgumentParsing

/// The parts of rg's man page that are not in the command declarations.
extension ManCommand {
  static func content(programName name: String) -> ManPageContent {
    ManPageContent(
      date: date,
      sections: [
        addressSection(name), inputOutputSection(name), compressionSection(name),
        exitStatusSection(name),
      ],
      examples: examples,
      seeAlso: ["grpcurl(1)", "jq(1)", "openssl(1)"])
  }

  private static func addressSection(_ name: String) -> ManPageSection {
    ManPageSection(
      "ADDRESS",
      [
        .paragraph(
          "ADDRESS names the server. When it is left out, $RG_ADDRESS is used, else "
            + "localhost:50051. Every form speaks TLS, with the server's certificate and name "
            + "verified, unless it says http:// or --plaintext is given."),
        .definitions([
          ManPageDefinition("host:port", "A host name or an IPv4 address, and a port."),
          ManPageDefinition("[v6]:port", "An IPv6 address in brackets, and a port."),
          ManPageDefinition("unix:/path", "A unix domain socket."),
          ManPageDefinition("http://host:port", "Plaintext HTTP/2 (port 80 when left out)."),
          ManPageDefinition("https://host[:port]", "TLS (port 443 when left out)."),
        ]),
      ])
  }

  private static func inputOutputSection(_ name: String) -> ManPageSection {
    ManPageSection(
      "INPUT AND OUTPUT",
      [
        .paragraph(
          "Input comes from stdin, or from -d/--data: JSON text, @FILE, or @- for stdin. It "
            + "is any sequence of JSON values: NDJSON, one pretty-printed document, or "
            + "documents back to back, as jq reads them. Values are parsed as they arrive, "
            + "so a stream can be typed or piped in. A UTF-8 byte-order mark at the start of an "
            + "input is skipped, as jq does; anywhere else it is bad input."),
        .paragraph(
          "With -d JSON or -d @FILE, \(name) never looks at stdin, as curl and grpcurl do: "
            + "while read ...; do \(name) get -d ...; done works whatever the loop's stdin "
            + "holds. Reading from a terminal, \(name) first says so on stderr: type the "
            + "JSON, then end it with Ctrl-D."),
        .paragraph(
          "Values follow the proto3 JSON mapping: keys in lowerCamelCase or as the proto "
            + "field names (point_count); int32 fields as numbers or strings, including "
            + "whole-number exponent forms (4.09146138e8); null leaves a field unset. "
            + "Fractions, out-of-range numbers and unknown fields (unless "
            + "--allow-unknown-fields) are bad input."),
        .paragraph(
          "Output is one compact JSON object per line (NDJSON) in the same mapping: "
            + "lowerCamelCase keys (proto names with --proto-names), fields at their default "
            + "value left out (kept with --emit-defaults), non-ASCII text as UTF-8. Lines "
            + "come in arrival order; \(name) get prints them in input order. Diagnostics go "
            + "to stderr only, one line each: \(name): what: why."),
        .paragraph(
          "--format json pretty-prints each message as jq . does. --format geojson writes one "
            + "RFC 7946 FeatureCollection as the answers arrive, for map tools (QGIS, "
            + "geojson.io): features and chat notes are Point features with their name or "
            + "message, a recorded route is one LineString of the points \(name) sent, with "
            + "the RouteSummary as its properties; coordinates are [longitude, latitude] in "
            + "degrees. --format geojsonseq writes RFC 8142 text sequences instead (an RS "
            + "byte before each Feature)."),
        .paragraph(
          "A failed call names the input it was made from: \(name): stdin:2: NOT_FOUND: ... "
            + "(or -d:1, FILE:LINE; a stream names its whole input). \(name) get stops at the "
            + "first failure in input order, unless --keep-going: then every input gets its "
            + "call, a failure prints one line in its turn, and the first decides the exit. "
            + "With --errors json a failure is written in its place in the output, as "
            + #"{"error": {"code": "NOT_FOUND", "status": 5, "message": "...", "input": "#
            + #""stdin:2"}}, so output line i belongs to input i."#),
        .paragraph("The messages, with latitude and longitude in degrees times 10^7:"),
        .definitions([
          ManPageDefinition("Point", #"{"latitude": 409146138, "longitude": -746188906}"#),
          ManPageDefinition("Rectangle", #"{"lo": Point, "hi": Point}"#),
          ManPageDefinition("Feature", #"{"name": "...", "location": Point}"#),
          ManPageDefinition("RouteNote", #"{"location": Point, "message": "..."}"#),
          ManPageDefinition(
            "RouteSummary",
            #"{"pointCount": 2, "featureCount": 1, "distance": 1234, "elapsedTime": 3}"#),
        ]),
      ])
  }

  private static func compressionSection(_ name: String) -> ManPageSection {
    ManPageSection(
      "COMPRESSION",
      [
        .paragraph(
          "Every call tells the server that \(name) reads gzip and deflate "
            + "(grpc-accept-encoding: gzip, deflate), and answers are read compressed or not, "
            + "message by message, as the server sends them. --compress gzip or deflate "
            + "compresses the requests (grpc-encoding); a message that would not shrink goes "
            + "as it is, as gRPC allows: messages are compressed one by one, and a 12-byte "
            + "Point never shrinks. A server that does not take the encoding answers "
            + "UNIMPLEMENTED, and \(name) says which encoding it refused and, when the server "
            + "lists them in grpc-accept-encoding, which it takes."),
        .paragraph(
          "--max-msg-size limits a message once decompressed, checked as it inflates: a "
            + "small message that would inflate to gigabytes ends the call with "
            + "RESOURCE_EXHAUSTED after at most the limit. A compressed message without "
            + "grpc-encoding, in an encoding \(name) does not know, or that does not inflate "
            + "is INTERNAL. With -v, the end of each call shows the messages sent and received, "
            + "their encoding, their bytes and the bytes on the wire."),
        .paragraph(
          "\(name) serve reads requests in gzip and deflate (another encoding is "
            + "UNIMPLEMENTED, with grpc-accept-encoding), under its own --max-msg-size; "
            + "serve --compress compresses the answers to clients that accept the encoding."),
      ])
  }

  private static func exitStatusSection(_ name: String) -> ManPageSection {
    ManPageSection(
      "EXIT STATUS",
      [
        .paragraph(
          "0, 2 and 64 + N mean what they mean for grpcurl, so scripts port over. grpcurl exits "
            + "1 for every other failure; \(name) tells two of them apart: bad input is 3, and "
            + "a server that cannot be reached is 78, UNAVAILABLE, as a gRPC library reports it "
            + "(grpcurl: 1 when it cannot connect; a connection lost during a call is 78 for "
            + "both). A failed TLS handshake is 1 for both."),
        .definitions([
          ManPageDefinition(
            "0",
            "Every call ended OK (also when stdout was closed early, e.g. \(name) list | "
              + "head -1)."),
          ManPageDefinition(
            "1",
            "\(name) could not do its job: I/O (e.g. an unreadable --cacert), TLS (handshake, "
              + "certificate), or an internal error. \(name) describe --check: the server's "
              + "routeguide.RouteGuide differs from the one \(name) speaks (one line per "
              + "difference on stdout), as diff(1) exits 1."),
          ManPageDefinition(
            "2", "Usage: unknown flag, bad value, bad ADDRESS."),
          ManPageDefinition(
            "3",
            "Bad input: a JSON value that does not parse or does not fit the message "
              + "(line:column given)."),
          ManPageDefinition(
            "4",
            "\(name) health: the server answered, and it is not serving (NOT_SERVING, UNKNOWN, "
              + "or SERVICE_UNKNOWN for a service it does not know)."),
          ManPageDefinition(
            "64 + N",
            "A call ended with gRPC status N (e.g. 68 DEADLINE_EXCEEDED, 76 UNIMPLEMENTED: for "
              + "\(name) describe, the server has no reflection service; 77 INTERNAL: its "
              + "reflection answers make no sense); "
              + "78 UNAVAILABLE also when the server cannot be reached: connection refused, "
              + "host not found, --connect-timeout passed."),
          ManPageDefinition(
            "130, 143, 129",
            "Interrupted by SIGINT, SIGTERM or SIGHUP (the codes a shell gives a process the "
              + "signal killed): open streams are cancelled with RST_STREAM(CANCEL) and GOAWAY "
              + "is sent first. (\(name) serve stops gracefully on these signals and exits 0.)"),
        ]),
      ])
  }

  /// Command lines that work as written against a server named by $RG_ADDRESS (a test runs
  /// each one against `rg serve`).
  static let examples: [CommandExample] = [
    CommandExample(
      "Look up the feature at a point, on the server that RG_ADDRESS names",
      #"rg get -d '{"latitude": 409146138, "longitude": -746188906}'"#),
    CommandExample(
      "Look up points read from stdin; the answers come in input order",
      #"printf '{"latitude": %d, "longitude": %d}\n' 409146138 -746188906 0 0 | rg get"#),
    CommandExample(
      "Print the names of the first three features in a rectangle",
      #"rg list -d '{"lo": {"latitude": 4e8, "longitude": -7.5e8}, "#
        + #""hi": {"latitude": 4.2e8, "longitude": -7.3e8}}' | head -n 3 | jq -r .name"#),
    CommandExample(
      "Record a route of two points",
      #"rg record -d '{"latitude": 407838351, "longitude": -746143763} "#
        + #"{"latitude": 408122808, "longitude": -743999179}'"#),
    CommandExample(
      "Send two notes at one place; the server answers the second with the first",
      #"printf '{"location": {"latitude": 1, "longitude": 1}, "message": "%s"}\n' one two "#
        + "| rg chat"),
    CommandExample(
      "Print every field, with the proto field names",
      "rg get --emit-defaults --proto-names -d '{}'"),
    CommandExample(
      "In a CI job: wait until the server is serving (or 30 s have passed), then call it",
      #"rg health --wait --timeout 30s && rg get -d '{"latitude": 1, "longitude": 2}'"#),
    CommandExample(
      "Check that the server speaks the RouteGuide rg speaks, then show one message",
      "rg describe --check && rg describe routeguide.Point"),
    CommandExample(
      "Set a deadline and send metadata with each call",
      #"rg get --timeout 2s -H 'x-request-id: 42' -d '{"latitude": 1, "longitude": 2}'"#),
    CommandExample(
      "Act on the exit status: 3 is bad input",
      #"rg get -d '{"latitude": 1.5}' 2>/dev/null || echo "exit status $?""#),
  ]
}
