import RouteGuideProtocol

/// What deframing a byte stream produced: the payloads, then the failure's code if any.
struct DeframeOutcome: Equatable {
  var messages: [[UInt8]] = []
  var failure: GRPCStatusCode?
  /// Bytes left over that are not a whole message (only compared without a failure).
  var partial = false
}

extension FuzzChecks {
  static let maxMessageSizes = [0, 1, 4, 5, 16, 255, 4096, 4 << 20]

  /// Input: a control byte (bits 0-2: the size limit, bit 3: an encoding negotiated that rg
  /// does not support, bits 3-7: how to chunk, bit 7 also: drain after every chunk), then gRPC
  /// frames. Compressed frames fail either way (FuzzChecks+Inflate.swift decompresses them).
  static func deframer(_ input: [UInt8]) throws(FuzzFailure) {
    guard let control = input.first else { return }
    let stream = Array(input.dropFirst())
    let limit = maxMessageSizes[Int(control & 7)]
    let expected = referenceDeframe(stream, limit: limit)
    var deframer = MessageDeframer(maxMessageSize: limit)
    if control & 8 != 0 { deframer.encoding = .unsupported(name: "br", supported: "gzip") }
    var outcome = DeframeOutcome()
    for chunk in chunks(of: stream, control: control) {
      chunk.withUnsafeBytes { deframer.append($0) }
      if control & 0x80 != 0 { drain(&deframer, into: &outcome) }
    }
    drain(&deframer, into: &outcome)
    if let failure = outcome.failure {
      let again = Result { () throws(GRPCStatus) in try deframer.next() }
      guard case .failure(let status) = again, status.code == failure else {
        throw FuzzFailure("after failing with \(failure) next() gave \(again)")
      }
    } else {
      outcome.partial = deframer.hasPartialMessage
    }
    try expectEqual(outcome, expected, "deframed with limit \(limit)")
  }

  /// Takes payloads until nil or a failure, alternating the copying and borrowing accessors.
  static func drain(_ deframer: inout MessageDeframer, into outcome: inout DeframeOutcome) {
    guard outcome.failure == nil else { return }
    do throws(GRPCStatus) {
      while true {
        let payload =
          outcome.messages.count & 1 == 0
          ? try deframer.next() : try deframer.nextMessage { Array($0) }
        guard let payload else { return }
        outcome.messages.append(payload)
      }
    } catch {
      outcome.failure = error.code
    }
  }

  /// The frames of a whole stream, decoded the obvious way.
  static func referenceDeframe(_ stream: [UInt8], limit: Int) -> DeframeOutcome {
    var outcome = DeframeOutcome()
    var index = 0
    while stream.count - index >= 5 {
      let flag = stream[index]
      let length = stream[index + 1...index + 4].reduce(0) { $0 << 8 | Int($1) }
      if flag != 0 {
        outcome.failure = .internal
        return outcome
      }
      if length > limit {
        outcome.failure = .resourceExhausted
        return outcome
      }
      guard stream.count - index - 5 >= length else { break }
      outcome.messages.append(Array(stream[index + 5..<index + 5 + length]))
      index += 5 + length
    }
    outcome.partial = index < stream.count
    return outcome
  }
}
