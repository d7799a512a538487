/// Makes text safe to print on a terminal as part of one line.
///
/// Diagnostics carry text rg does not control (a server's `grpc-message`, header values, file
/// names, arguments): a raw newline would forge a second `rg:` line, and ESC or a C1 control
/// could recolour or rewrite the terminal. Escaping keeps every such character visible.
public enum TerminalText {
  /// `text` with C0 controls (`\n`, `\r`, `\t`, `\x1b`, …), DEL (`\x7f`) and C1 controls
  /// (`\u009b`) escaped; everything else, including other non-ASCII text, unchanged.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        result += escape(scalar)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// C0, DEL and C1: the characters a terminal acts on instead of showing.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  private static func escape(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\t": return "\\t"
    default:
      let hex = String(scalar.value, radix: 16)
      let padded = String(repeating: "0", count: 2 - min(hex.count, 2)) + hex
      return scalar.value < 0x80 ? "\\x" + padded : "\\u00" + padded
    }
  }
}
