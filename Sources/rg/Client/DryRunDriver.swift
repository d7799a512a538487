import RouteGuideProtocol
import RouteGuideTransport

/// `--dry-run`: reads the input exactly as a real run does (the same MessageInput, the same
/// errors), but prints each request's method path and gRPC frame in hex instead of calling,
/// so scripts can check their input and framing offline.
///
/// The count rules of the method's shape still hold: a server-streaming method takes exactly
/// one request.
final class DryRunDriver<Request: GRPCMessage, Response: GRPCMessage>: CallDriver {
  var onFinish: ((ClientOutcome) -> Void)?
  private let method: MethodDescriptor<Request, Response>
  private let input: MessageInput<Request>
  private let sink: OutputSink
  /// --compress: frames are printed as they would go, compressed when that shrinks them.
  private let codec: (any MessageCodec)?
  private var count = 0
  private var line: [UInt8] = []
  private var frame: [UInt8] = []
  private var done = false

  init(
    _ method: MethodDescriptor<Request, Response>, input: MessageInput<Request>, sink: OutputSink,
    codec: (any MessageCodec)? = nil
  ) {
    self.method = method
    self.input = input
    self.sink = sink
    self.codec = codec
  }

  var needsConnection: Bool { false }

  func start(on channel: ClientChannel?) {
    input.onReadable = { [weak self] in self?.pull() }
    pull()
  }

  func cancelAll() {
    done = true
    input.close()
  }

  func outputDidCatchUp() {
    pull()
  }

  /// Prints what the input holds, pausing while stdout is behind.
  private func pull() {
    while !done && !sink.isBehind {
      switch input.next() {
      case .message(let request): print(request)
      case .needMore: return
      case .end: return finish(count == 0 && method.shape == .serverStreaming ? emptyInput : .ok)
      case .failed(let outcome): return finish(outcome)
      }
    }
  }

  private func print(_ request: Request) {
    count += 1
    if count == 2 && method.shape == .serverStreaming {
      return finish(
        .unsuitableInput(
          "\(input.sourceName): \(method.name) takes exactly one \(Self.requestName), but the "
            + "input has more"))
    }
    frame.removeAll(keepingCapacity: true)
    if let codec {
      GRPCFraming.appendFrame(of: request, compressingWith: codec, to: &frame)
    } else {
      GRPCFraming.appendFrame(of: request, to: &frame)
    }
    line.removeAll(keepingCapacity: true)
    line.append(contentsOf: method.path.utf8)
    line.append(0x20)
    Self.appendHex(frame, to: &line)
    line.append(0x0A)
    sink.appendLine(line)
  }

  private var emptyInput: ClientOutcome {
    .unsuitableInput(
      "\(input.sourceName): \(method.name) needs a \(Self.requestName), but the input is empty")
  }

  private static var requestName: Substring {
    Request.protoMessageName.split(separator: ".").last ?? ""
  }

  private func finish(_ outcome: ClientOutcome) {
    guard !done else { return }
    done = true
    input.close()
    onFinish?(outcome)
  }

  static func appendHex(_ bytes: [UInt8], to text: inout [UInt8]) {
    let digits = Array("0123456789abcdef".utf8)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
  }
}
