import Glibc
import RouteGuideProtocol

/// The note rg prints before it reads its input from a terminal.
///
/// Without it, `rg get` with no -d looks hung: it is waiting for JSON the user did not know
/// to type.
enum TerminalInputHint {
  /// The hint's text (without `rg: `), naming what `method` reads.
  static func text<Request, Response>(for method: MethodDescriptor<Request, Response>) -> String {
    let pronoun = method.shape.isClientStreaming ? "them" : "it"
    return "reading \(method.inputDescription) from the terminal; end with Ctrl-D, or pass "
      + "\(pronoun) with -d"
  }

  /// Prints the hint when `input` is stdin and `fd` is a terminal.
  static func showIfNeeded<Request, Response>(
    for method: MethodDescriptor<Request, Response>, input: InputSource,
    stdin fd: Int32 = STDIN_FILENO
  ) {
    guard input == .stdin, isatty(fd) != 0 else { return }
    ClientDiagnostics.error(text(for: method))
  }
}
