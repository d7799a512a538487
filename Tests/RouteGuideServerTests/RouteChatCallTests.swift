import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RouteChatCallTests {
  func note(_ latitude: Int32, _ message: String) -> RouteNote {
    RouteNote(location: Point(latitude: latitude), message: message)
  }

  @Test func answersEachNoteWithEarlierNotesThereAsTheyArrive() throws {
    let responder = RecordingResponder()
    let call = RouteChatCall(board: RouteChatBoard())
    call.receive(note(1, "a").protobufBytes(), responder)
    call.receive(note(2, "b").protobufBytes(), responder)
    #expect(responder.sent.isEmpty)
    call.receive(note(1, "c").protobufBytes(), responder)
    #expect(try responder.sentMessages(as: RouteNote.self) == [note(1, "a")])
    call.receive(note(1, "d").protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(
      try responder.sentMessages(as: RouteNote.self)
        == [note(1, "a"), note(1, "a"), note(1, "c")])
    #expect(responder.statuses == [.ok])
  }

  @Test func sharedBoardShowsOtherCallsNotes() throws {
    let board = RouteChatBoard()
    let (alice, bob) = (RecordingResponder(), RecordingResponder())
    let aliceCall = RouteChatCall(board: board)
    let bobCall = RouteChatCall(board: board)
    aliceCall.receive(note(1, "hi from alice").protobufBytes(), alice)
    bobCall.receive(note(1, "hi from bob").protobufBytes(), bob)
    aliceCall.receive(note(1, "bye").protobufBytes(), alice)
    #expect(try bob.sentMessages(as: RouteNote.self) == [note(1, "hi from alice")])
    #expect(
      try alice.sentMessages(as: RouteNote.self)
        == [note(1, "hi from alice"), note(1, "hi from bob")])
  }

  /// A backlog of unread answers holds the notes back (flow control stops the client); it is
  /// never a reason to end the call. Reading resumes once the backlog falls.
  @Test func unreadAnswersPauseTheNotesInsteadOfEndingTheCall() {
    let responder = RecordingResponder()
    let call = RouteChatCall(board: RouteChatBoard())
    call.receive(note(1, "a").protobufBytes(), responder)
    #expect(!responder.isReceivingPaused)
    responder.bufferedResponseBytes = ResponseBacklog.highWater + 1
    call.receive(note(1, "b").protobufBytes(), responder)
    #expect(responder.isReceivingPaused)
    #expect(responder.statuses.isEmpty)
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(!responder.isReceivingPaused)
    call.receiveEnd(responder)
    #expect(responder.statuses.map(\.code) == [.ok])
  }

  @Test func malformedNoteIsInternal() {
    let responder = RecordingResponder()
    let call = RouteChatCall(board: RouteChatBoard())
    call.receive([0x12, 0x05, 0x41], responder)  // message field claims 5 bytes, has 1
    #expect(responder.statuses.map(\.code) == [.internal])
  }
}
