import Foundation
import TestSupport
import Testing

/// `rg serve --shared-chat`: two clients at one location read each other's notes while both
/// streams are open.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeChatTests {
  static let here = #"{"location":{"latitude":7,"longitude":7},"message":"#

  func note(_ message: String) -> String { Self.here + "\"\(message)\"}\n" }

  func expected(_ message: String) -> String {
    #"{"location":{"latitude":7,"longitude":7},"message":""# + message + "\"}"
  }

  /// Alice and Bob chat through `server` with the given client command line.
  func chat(_ start: () throws -> ChildProcess) throws {
    let alice = try start()
    let bob = try start()
    defer {
      alice.signal(SIGKILL)
      bob.signal(SIGKILL)
    }
    // Each step waits for an answer, so the server has surely stored what came before.
    try alice.write(note("hi from alice") + note("alice again"))
    #expect(try alice.readLine(timeout: 10) == expected("hi from alice"))
    try bob.write(note("hi from bob"))
    // Bob is answered with Alice's notes while her stream is still open.
    #expect(try bob.readLine(timeout: 10) == expected("hi from alice"))
    #expect(try bob.readLine(timeout: 10) == expected("alice again"))
    try alice.write(note("bye"))
    for message in ["hi from alice", "alice again", "hi from bob"] {
      #expect(try alice.readLine(timeout: 10) == expected(message))
    }
    alice.closeStdin()
    bob.closeStdin()
    #expect(try alice.readLine(timeout: 10) == nil)
    #expect(try bob.readLine(timeout: 10) == nil)
    #expect(try alice.wait(timeout: 10) == 0)
    #expect(try bob.wait(timeout: 10) == 0)
  }

  @Test func rgChatClientsTalkThroughOneServer() throws {
    let server = try ServerProcess.rgServe(["--shared-chat", "--threads", "2"])
    defer { server.stop() }
    try chat {
      try ChildProcess(
        RepoPaths.rgBinary, ["chat", "--plaintext", server.address], pipeStdin: true,
        pipeStdout: true, pipeStderr: false)
    }
  }

  @Test func grpcioChatClientsTalkThroughOneServer() throws {
    let server = try ServerProcess.rgServe(["--shared-chat", "--threads", "2"])
    defer { server.stop() }
    try chat { try ServePeers.interactivePython("chat", server.address) }
  }

  @Test func chatsArePrivateWithoutSharedChat() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let alice = try ServePeers.interactivePython("chat", server.address)
    defer { alice.signal(SIGKILL) }
    // Alice's answer shows the server has stored her note before Bob starts.
    try alice.write(note("only alice") + note("still alice"))
    #expect(try alice.readLine(timeout: 10) == expected("only alice"))
    let bob = try ServePeers.python(
      "chat", server.address, stdin: note("bob") + note("bob again"))
    #expect(bob.stdoutText == expected("bob") + "\n")
    alice.closeStdin()
    #expect(try alice.wait(timeout: 10) == 0)
  }
}
