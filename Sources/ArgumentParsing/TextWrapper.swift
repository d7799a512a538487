/// Breaks prose into lines of a given width at spaces.
public enum TextWrapper {
  /// Wraps one paragraph into lines of at most `width` characters, each starting with `indent`
  /// spaces; a word longer than a line gets a line of its own.
  public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
    let prefix = String(repeating: " ", count: indent)
    let room = max(width - indent, 1)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= room {
        line += " " + word
      } else {
        lines.append(prefix + line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(prefix + line) }
    return lines
  }

  /// Wraps text made of paragraphs separated by blank lines; lines that start with a space are
  /// kept as they are (indented by `indent` more), so examples and tables survive.
  public static func wrapParagraphs(_ text: String, width: Int, indent: Int = 0) -> [String] {
    var lines: [String] = []
    var paragraph: [Substring] = []
    func flush() {
      guard !paragraph.isEmpty else { return }
      lines += wrap(paragraph.joined(separator: " "), width: width, indent: indent)
      paragraph = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy({ $0 == " " }) {
        flush()
        if lines.last != "" { lines.append("") }
      } else if line.hasPrefix(" ") {
        flush()
        lines.append(String(repeating: " ", count: indent) + line)
      } else {
        paragraph.append(line)
      }
    }
    flush()
    while lines.last == "" { lines.removeLast() }
    return lines
  }
}
