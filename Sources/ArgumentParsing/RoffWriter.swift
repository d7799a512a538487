/// Builds man(7) source a block at a time, using only the classic macros that both groff and
/// mandoc accept without warnings.
struct RoffWriter {
  private(set) var lines: [String] = []
  /// Right after a heading a paragraph macro is redundant, and mandoc warns about it.
  private var atSectionStart = true

  var text: String { lines.joined(separator: "\n") + "\n" }

  /// A line of roff source as it is (a request, or text already escaped).
  mutating func raw(_ line: String) {
    lines.append(line)
    atSectionStart = false
  }

  mutating func heading(_ title: String) {
    lines.append(".SH " + RoffText.macroArgument(title))
    atSectionStart = true
  }

  mutating func subheading(_ title: String) {
    lines.append(".SS " + RoffText.macroArgument(title))
    atSectionStart = true
  }

  /// A filled paragraph of plain text.
  mutating func paragraph(_ text: String) {
    paragraphBreak()
    raw(RoffText.escape(text))
  }

  /// A paragraph of roff source that is already escaped (mixed fonts).
  mutating func formattedParagraph(_ source: String) {
    paragraphBreak()
    raw(source)
  }

  /// Lines kept as they are, indented, e.g. a command to copy into a shell.
  mutating func literal(_ text: [String]) {
    raw(".RS 4")
    raw(".nf")
    for line in text { raw(RoffText.escape(line)) }
    raw(".fi")
    raw(".RE")
  }

  /// A tag in the margin (already escaped) and a paragraph of plain text beside it.
  mutating func tagged(_ tagSource: String, _ text: String) {
    raw(".TP")
    raw(tagSource)
    raw(RoffText.escape(text))
  }

  /// A further paragraph of the item `tagged` started.
  mutating func indentedParagraph(_ text: String) {
    raw(".IP")
    raw(RoffText.escape(text))
  }

  /// Blocks of a section: paragraphs, literal lines or term definitions.
  mutating func blocks(_ blocks: [ManPageBlock]) {
    for block in blocks {
      switch block {
      case .paragraph(let text):
        paragraph(text)
      case .literal(let text):
        paragraphBreak()
        literal(text)
      case .definitions(let definitions):
        for definition in definitions {
          tagged(RoffText.bold(definition.term), definition.text)
        }
      }
    }
  }

  private mutating func paragraphBreak() {
    if !atSectionStart { raw(".PP") }
  }
}
