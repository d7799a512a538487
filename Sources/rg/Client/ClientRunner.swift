import Glibc
import RouteGuideProtocol

/// The entry point of the client subcommands: runs the calls, returns the exit status.
enum ClientRunner {
  static func run<Request: GRPCMessage, Response: GRPCMessage>(
    _ method: MethodDescriptor<Request, Response>, _ options: ClientOptions
  ) -> Int32 {
    run(session: ClientSession(options, numbersCalls: method.shape == .unary), options: options) {
      $0.makeDriver(for: method)
    }
  }

  /// Runs `session` with the driver `makeDriver` builds, after the checks every client run
  /// shares.
  static func run(
    session: @autoclosure () -> ClientSession, options: ClientOptions,
    _ makeDriver: (ClientSession) -> Result<any CallDriver, ClientOutcome>
  ) -> Int32 {
    // A closed stdout must surface as EPIPE (a quiet success), never kill rg.
    signal(SIGPIPE, SIG_IGN)
    occupyClosedStandardDescriptors()
    if let tls = options.tls,
      let problem = OptionFiles.problem([
        ("--cacert", tls.caFile), ("--cert", tls.certificateFile), ("--key", tls.keyFile),
      ])
    {
      // A setup failure, like the TLS errors that follow it: exit 1 (DESIGN §1).
      ClientDiagnostics.error(problem)
      return 1
    }
    return session().run(makeDriver)
  }

  /// Opens /dev/null on any of fds 0-2 that the parent closed (`rg get <&-`): otherwise the
  /// socket would get that number, and rg would read its input from the server or write its
  /// output into the connection.
  private static func occupyClosedStandardDescriptors() {
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
      let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
      if opened >= 0 && opened != fd {
        _ = dup2(opened, fd)
        _ = close(opened)
      }
    }
  }
}
