/// Escaping of plain text for roff (man(7)) source.
public enum RoffText {
  /// Escapes `text` so roff prints it as written: backslashes, hyphens (as `\-`, so they stay
  /// ASCII hyphen-minus and can be copied into a shell), quotes, and a leading `.` or `'` that
  /// roff would read as a request.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\e"
      case "-": result += "\\-"
      case "'": result += "\\(aq"
      case "\"": result += "\\(dq"
      case "`": result += "\\(ga"
      case "~": result += "\\(ti"
      case "^": result += "\\(ha"
      default: result.append(character)
      }
    }
    if result.hasPrefix(".") { result = "\\&" + result }
    return result
  }

  /// Text in bold: `\fBtext\fR`.
  public static func bold(_ text: String) -> String { "\\fB" + escape(text) + "\\fR" }

  /// Text in italics: `\fItext\fR`.
  public static func italic(_ text: String) -> String { "\\fI" + escape(text) + "\\fR" }

  /// The argument of a macro such as `.SH`, quoted so spaces stay inside it.
  public static func macroArgument(_ text: String) -> String {
    "\"" + escape(text) + "\""
  }
}
