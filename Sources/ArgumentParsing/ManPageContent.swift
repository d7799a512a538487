/// What a man page says beyond the command model: sections about formats and exit codes,
/// environment variables that no argument declares, tested examples and related pages.
public struct ManPageContent: Sendable {
  /// The date in the page footer; fixed rather than today's so regenerating the page does not
  /// change it.
  public var date: String
  /// Sections printed after the commands' sections, in order (e.g. EXIT STATUS).
  public var sections: [ManPageSection]
  /// Environment variables beside the ones arguments declare.
  public var environment: [ManPageDefinition]
  /// The EXAMPLES section: command lines that work as written.
  public var examples: [CommandExample]
  /// Related pages, e.g. `grpcurl(1)`.
  public var seeAlso: [String]

  public init(
    date: String, sections: [ManPageSection] = [], environment: [ManPageDefinition] = [],
    examples: [CommandExample] = [], seeAlso: [String] = []
  ) {
    self.date = date
    self.sections = sections
    self.environment = environment
    self.examples = examples
    self.seeAlso = seeAlso
  }
}

/// A titled section of a man page.
public struct ManPageSection: Sendable {
  public var title: String
  public var blocks: [ManPageBlock]

  public init(_ title: String, _ blocks: [ManPageBlock]) {
    self.title = title
    self.blocks = blocks
  }
}

/// A piece of a man page section.
public enum ManPageBlock: Hashable, Sendable {
  /// Prose, filled by the formatter.
  case paragraph(String)
  /// Lines printed as they are, indented (commands, samples).
  case literal([String])
  /// Terms in bold, each with an indented explanation.
  case definitions([ManPageDefinition])
}

/// A term and what it means, e.g. an exit code or an environment variable.
public struct ManPageDefinition: Hashable, Sendable {
  public var term: String
  public var text: String

  public init(_ term: String, _ text: String) {
    self.term = term
    self.text = text
  }
}
