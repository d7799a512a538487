import CLinux
import Glibc

/// Messages for one event loop from other threads: posted anywhere, taken on the loop.
///
/// An eventfd the loop polls like a socket wakes it; the queue behind it is locked. Messages
/// are values (Sendable), so no loop object is ever touched from another thread.
public final class LoopMailbox<Message: Sendable>: @unchecked Sendable {
  private let lock = Lock()
  private var queue: [Message] = []
  /// Readable while messages wait.
  public let fd: Int32

  public init() throws(TransportError) {
    fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    guard fd >= 0 else {
      throw TransportError(.io, "cannot make an eventfd: \(SystemError.text(errno))")
    }
  }

  deinit { _ = Glibc.close(fd) }

  /// Queues `message` and wakes the loop; safe from any thread.
  public func post(_ message: Message) {
    let wasEmpty = lock.withLock {
      queue.append(message)
      return queue.count == 1
    }
    // One wake-up per batch: later posts find the counter already set.
    if wasEmpty {
      var one: UInt64 = 1
      _ = write(fd, &one, MemoryLayout<UInt64>.size)
    }
  }

  /// The messages posted so far, oldest first; call on the loop when `fd` is readable.
  public func take() -> [Message] {
    var counter: UInt64 = 0
    _ = read(fd, &counter, MemoryLayout<UInt64>.size)
    return lock.withLock {
      let taken = queue
      queue.removeAll(keepingCapacity: true)
      return taken
    }
  }

  /// Watches the mailbox on `loop`, handing each message to `handler` there.
  @discardableResult
  public func attach(to loop: EventLoop, handler: @escaping (Message) -> Void) -> EventLoop.Token {
    loop.watch(fd, for: .readable) { [self] _ in
      for message in take() { handler(message) }
    }
  }
}
