import RouteGuideProtocol

// The response side and status derivation (DESIGN §4): headers, messages, trailers or
// Trailers-Only, HTTP status and content-type checks, resets, GOAWAY and connection loss.

extension ClientCall {
  func didReceiveHeaders(_ block: [(name: String, value: String)], endStream: Bool) {
    guard !isFinished else { return }
    if responseHeaders != nil {
      trailers = block
      if endStream { complete() }
      return
    }
    let status = Self.value(of: ":status", in: block).flatMap { Int($0) } ?? 0
    if (100..<200).contains(status) { return }
    httpStatus = status
    if endStream && Self.value(of: "grpc-status", in: block) != nil {
      // Trailers-Only: the one HEADERS block is the trailers.
      responseHeaders = []
      trailers = block
      return complete()
    }
    responseHeaders = block
    requestBody.endReplay()
    if let error = Self.responseError(httpStatus: status, headers: block) {
      return finish(error, trailers: block, reset: HTTP2ErrorCode.cancel)
    }
    if let encoding = Self.value(of: "grpc-encoding", in: block), encoding != "identity" {
      deframer.encoding = responseEncoding(named: encoding)
    }
    delegate?.callDidReceiveHeaders(self, headers: block)
    if endStream { complete() }
  }

  /// A header block past the size limit: its fields are gone, so the call cannot go on.
  func didReceiveOversizedHeaders(limit: UInt32) {
    let status = GRPCStatus(
      .resourceExhausted,
      "the server sent a header block larger than \(limit >> 10) KiB (HTTP/2 header list limit)")
    finish(status, reset: HTTP2ErrorCode.cancel)
  }

  func didReceiveData(_ bytes: UnsafeRawBufferPointer) {
    guard !isFinished else { return }
    deframer.append(bytes)
    do {
      while !isFinished, let message = try deframer.next() {
        deliver(message)
      }
    } catch {
      finish(error, reset: HTTP2ErrorCode.cancel)
    }
  }

  private func deliver(_ message: [UInt8]) {
    messageCount += 1
    guard expectsSingleResponse else {
      delegate?.callDidReceiveMessage(self, message)
      return
    }
    // A unary response is held until the status says it is the only one and OK.
    guard messageCount == 1 else {
      let status = GRPCStatus(
        .unimplemented, "received more than one response message for a unary call")
      return finish(status, reset: HTTP2ErrorCode.cancel)
    }
    heldMessage = message
  }

  /// The server ended its side: the status comes from the trailers.
  func complete() {
    guard !isFinished else { return }
    let trailers = self.trailers ?? []
    // The server is done; if we are not, free the stream.
    let reset = sendingClosed && requestBody.count == 0 ? nil : HTTP2ErrorCode.noError
    if deframer.hasPartialMessage {
      let status = GRPCStatus(.internal, "the response ended in the middle of a message")
      return finish(status, trailers: trailers, reset: reset)
    }
    var status = Self.status(fromTrailers: trailers)
    if status.code == .unimplemented { explainRefusedEncoding(&status, trailers: trailers) }
    if status.code == .ok && expectsSingleResponse {
      if let heldMessage {
        self.heldMessage = nil
        delegate?.callDidReceiveMessage(self, heldMessage)
      } else {
        status = GRPCStatus(.unimplemented, "no response message for a unary call")
      }
    }
    finish(status, trailers: trailers, reset: reset)
  }

  /// The stream closed; if no status was derived yet, the close itself is the status.
  func didClose(errorCode: UInt32, goAwayLastStreamID: Int32?) {
    streamClosed = true
    guard !isFinished else { return }
    let status: GRPCStatus
    if let last = goAwayLastStreamID, streamID > last || errorCode == HTTP2ErrorCode.refusedStream {
      // The server never saw the call: it may go on another connection.
      if let connection, connection.handOff(self) { return }
      status = GRPCStatus(.unavailable, "the server sent GOAWAY before it took the call")
    } else if errorCode == HTTP2ErrorCode.refusedStream && retryRefusedStream() {
      return
    } else if errorCode == HTTP2ErrorCode.noError {
      status = GRPCStatus(.internal, "the stream closed without a gRPC status")
    } else {
      status = GRPCStatus(http2ErrorCode: errorCode)
    }
    finish(status, reset: nil)
  }

  /// REFUSED_STREAM means the server never processed the request: send it again on a new
  /// stream, as gRPC libraries do, if its bytes were kept.
  private func retryRefusedStream() -> Bool {
    guard let connection, prepareForRetry() else { return false }
    connection.requeueRefused(self, attempt: transparentRetries)
    return true
  }

  /// The connection is gone: every open call ends with `status`.
  func connectionDidClose(_ status: GRPCStatus) {
    streamClosed = true
    finish(status, reset: nil)
  }

  static func value(of name: String, in headers: [(name: String, value: String)]) -> String? {
    headers.first { $0.name == name }?.value
  }

  /// A non-200 status or a content-type that is not gRPC, as the error gRPC libraries report.
  static func responseError(httpStatus: Int, headers: [(name: String, value: String)])
    -> GRPCStatus?
  {
    let contentType = value(of: "content-type", in: headers)
    let isGRPC = contentType.map(isGRPCContentType) ?? false
    let typeText = contentType.map { "content-type \"\($0)\"" } ?? "no content-type"
    if httpStatus != 200 {
      var status = GRPCStatus(httpStatus: httpStatus)
      if !isGRPC { status.message += " (\(typeText))" }
      return status
    }
    guard isGRPC else { return GRPCStatus(.unknown, "unexpected response with \(typeText)") }
    return nil
  }

  /// `application/grpc`, optionally followed by `+subtype` or `;parameters`.
  static func isGRPCContentType(_ value: String) -> Bool {
    // What servers send, without the lower-casing copy: this runs once per `rg get` call.
    if value == "application/grpc" { return true }
    let lowered = value.lowercased()
    guard lowered.hasPrefix("application/grpc") else { return false }
    let rest = lowered.dropFirst("application/grpc".count)
    return rest.isEmpty || rest.hasPrefix("+") || rest.hasPrefix(";")
  }

  static func status(fromTrailers trailers: [(name: String, value: String)]) -> GRPCStatus {
    guard let text = value(of: "grpc-status", in: trailers) else {
      return GRPCStatus(.internal, "the server closed the stream without a grpc-status")
    }
    let message = value(of: "grpc-message", in: trailers).map(GRPCMessageCoding.percentDecode)
    guard let code = GRPCStatusCode(grpcStatusValue: text) else {
      return GRPCStatus(.unknown, "invalid grpc-status \"\(text)\"")
    }
    return GRPCStatus(code, message ?? "")
  }
}
