import RouteGuideProtocol

/// What one Health call's end means: the line to print, the outcome, whether to ask again.
struct HealthVerdict {
  let outcome: ClientOutcome
  /// The status line for stdout; nil when the server gave no status (an error).
  let printedAnswer: HealthCheckResponse?
  /// Not serving yet, or not reachable: `--wait` asks again.
  let isWorthWaitingFor: Bool
  /// A few words for -v.
  let summary: String

  init(status: GRPCStatus, response: HealthCheckResponse?, service: String) {
    let subject = service.isEmpty ? "the server" : "service \(quotedName(service))"
    switch (status.code, response) {
    case (.ok, let response?):
      printedAnswer = response
      summary = response.status.description
      isWorthWaitingFor = response.status != .serving
      outcome =
        response.status == .serving
        ? .ok : .notServing("\(subject) is not serving: \(response.status)")
    case (.notFound, _):
      // The protocol's answer to a Check of a service the server does not know.
      printedAnswer = HealthCheckResponse(status: .serviceUnknown)
      summary = "SERVICE_UNKNOWN"
      isWorthWaitingFor = true
      outcome = .notServing(
        "the server does not know \(subject) (\(status.code.name)"
          + (status.message.isEmpty ? ")" : ": \(status.message))"))
    case (.ok, nil):
      // OK without the answer is a broken server, never a healthy one.
      printedAnswer = nil
      summary = "no answer"
      isWorthWaitingFor = false
      outcome = .status(
        GRPCStatus(.internal, "the server ended Check OK without a HealthCheckResponse"))
    case (.unimplemented, _):
      printedAnswer = nil
      summary = status.code.name
      isWorthWaitingFor = false
      var hinted = status
      hinted.message +=
        (hinted.message.isEmpty ? "" : " ")
        + "(the server has no \(Health.serviceName) service)"
      outcome = .status(hinted)
    default:
      printedAnswer = nil
      summary = status.description
      isWorthWaitingFor = status.code == .unavailable || status.code == .deadlineExceeded
      outcome = .status(status)
    }
  }
}

/// A service name as messages show it.
private func quotedName(_ name: String) -> String {
  "'\(name)'"
}
