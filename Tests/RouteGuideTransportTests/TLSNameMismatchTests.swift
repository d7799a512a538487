import Testing

@testable import RouteGuideTransport

@Suite struct TLSNameMismatchTests {
  @Test func namesWhatTheCertificateIsForAndWhatWasWanted() {
    let mismatch = TLSNameMismatch(
      wanted: "wrong.example", certificateNames: ["localhost", "127.0.0.1", "::1"],
      subject: "/CN=localhost")
    #expect(mismatch.text == "certificate is for localhost, 127.0.0.1, ::1, not wrong.example")
  }

  /// A certificate for hundreds of names must not make a line of hundreds of names.
  @Test func listsAFewNamesAtMost() {
    let names = (1...7).map { "host\($0).example" }
    let mismatch = TLSNameMismatch(wanted: "other.example", certificateNames: names, subject: "")
    #expect(
      mismatch.text
        == "certificate is for host1.example, host2.example, host3.example, host4.example "
        + "and 3 more, not other.example")
  }

  @Test func withoutSubjectAltNameSaysTheCommonNameDoesNotCount() {
    let mismatch = TLSNameMismatch(
      wanted: "localhost", certificateNames: [], subject: "/CN=localhost")
    #expect(
      mismatch.text
        == "certificate has no subjectAltName for localhost "
        + "(subject /CN=localhost; a name in the subject CN is not accepted)")
  }
}
