import ArgumentParsing
import Testing

@Suite struct ArgumentConvertibleTests {
  @Test func integers() throws {
    #expect(try Int(argument: "42") == 42)
    #expect(try Int(argument: "-3") == -3)
    #expect(throws: ValidationError("not a whole number")) { try Int(argument: "4.2") }
    #expect(throws: ValidationError("not a whole number")) { try Int(argument: "") }
  }

  @Test func stringsAreTakenAsTheyAre() throws {
    #expect(try String(argument: " a ") == " a ")
  }
}
