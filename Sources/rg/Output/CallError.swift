import RouteGuideProtocol

/// A failed call as `--errors json` writes it: its status and the input it was made from.
struct CallError {
  let status: GRPCStatus
  let input: InputPosition

  /// `{"code":"NOT_FOUND","status":5,"message":"…","input":"stdin:2"}`.
  func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.writeKey("code")
    writer.writeString(status.code.name)
    writer.writeKey("status")
    writer.writeInt32(Int32(status.code.rawValue))
    writer.writeKey("message")
    writer.writeString(status.message)
    writer.writeKey("input")
    writer.writeString(input.description)
    writer.endObject()
  }

  /// `{"error":{...}}`, the line in place of the failed call's answer.
  func writeErrorObject(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.writeKey("error")
    writeJSON(to: &writer)
    writer.endObject()
  }
}
