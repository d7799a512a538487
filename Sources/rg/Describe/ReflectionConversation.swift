import RouteGuideProtocol

/// The questions `rg describe` asks on one reflection stream, decided from each answer: a
/// first question, then the imports the answers lack, until the schema is whole.
///
/// Pure logic over messages, so every way a server can answer wrongly is tested with values:
/// an answer to another question, a file that does not parse, imports in a circle, a file
/// list too long to be real. Each of those ends the conversation with a failure, never a hang.
struct ReflectionConversation {
  /// What the run wants to know.
  enum Goal: Hashable {
    /// The services the server exports.
    case services
    /// The definition of a symbol, with every file it needs.
    case symbol(String)
  }

  /// What to do after an answer.
  enum Step {
    /// Send this question next.
    case ask(ServerReflectionRequest)
    /// Everything is known.
    case done(ReflectionResult)
    /// The server answered with an error; the conversation ends with that status.
    case refused(GRPCStatus)
    /// The answer makes no sense; the reason, for one `rg:` line.
    case broken(String)
  }

  /// More files than any real schema imports; past this the server is feeding rg forever.
  static let maximumFiles = 1_000

  let goal: Goal
  private(set) var pool = DescriptorPool()
  /// The question waiting for its answer.
  private(set) var pending: ServerReflectionRequest?
  private var filesRequested: Set<String> = []

  init(goal: Goal) {
    self.goal = goal
  }

  /// The first question (asked again from the start on another stream, e.g. v1alpha).
  mutating func start() -> ServerReflectionRequest {
    pool = DescriptorPool()
    filesRequested = []
    let question: ServerReflectionRequest.Question
    switch goal {
    case .services: question = .listServices("")
    case .symbol(let symbol): question = .fileContainingSymbol(symbol)
    }
    let request = ServerReflectionRequest(question: question)
    pending = request
    return request
  }

  /// Takes the answer to the pending question and decides what comes next.
  mutating func receive(_ response: ServerReflectionResponse) -> Step {
    guard let asked = pending else {
      return .broken("the server sent an answer to no question")
    }
    pending = nil
    if let original = response.originalRequest, original.question != asked.question {
      return .broken(
        "the server answered another question (\(Self.describe(original.question))) than rg "
          + "asked (\(Self.describe(asked.question)))")
    }
    switch (asked.question, response.answer) {
    case (_, .error(let error)?):
      // An error that says OK is no answer at all.
      guard error.status.code != .ok else {
        return .broken("the server answered with an error response whose code is OK (0)")
      }
      return .refused(error.status)
    case (.listServices?, .services(let list)?):
      return .done(.services(list.services.map(\.name)))
    case (.fileContainingSymbol?, .fileDescriptors(let files)?),
      (.fileByFilename?, .fileDescriptors(let files)?):
      return take(files.fileDescriptorProtos, answering: asked.question)
    default:
      return .broken(
        "the server's answer to \(Self.describe(asked.question)) is "
          + Self.describe(response.answer))
    }
  }

  /// Adds the files of an answer, then asks for a missing import or finishes.
  private mutating func take(
    _ files: [[UInt8]], answering question: ServerReflectionRequest.Question?
  ) -> Step {
    guard !files.isEmpty else {
      return .broken("the server's answer to \(Self.describe(question)) holds no file")
    }
    var names: [String] = []
    for (index, bytes) in files.enumerated() {
      let file: FileDescriptorProto
      do {
        file = try FileDescriptorProto(protobuf: bytes)
      } catch {
        return .broken(
          "file \(index + 1) of the server's answer to \(Self.describe(question)) is not a "
            + "FileDescriptorProto: \(error)")
      }
      do {
        names.append(file.name)
        try pool.add(file)
      } catch {
        return .broken("the server's files do not fit together: \(error)")
      }
    }
    if case .fileByFilename(let name)? = question, !names.contains(name) {
      return .broken("the server's answer to \(Self.describe(question)) does not hold \(name)")
    }
    guard pool.files.count <= Self.maximumFiles else {
      return .broken("the server's schema has more than \(Self.maximumFiles) files")
    }
    return next()
  }

  private mutating func next() -> Step {
    for file in pool.files {
      for missing in pool.missingImports(of: file.name) {
        // Asked once: a server that answers with other files leaves the import missing.
        guard filesRequested.insert(missing).inserted else {
          return .broken(
            "\(file.name) imports \(missing), and the server's answer for it does not hold it")
        }
        let request = ServerReflectionRequest(question: .fileByFilename(missing))
        pending = request
        return .ask(request)
      }
    }
    return finish()
  }

  private func finish() -> Step {
    guard case .symbol(let symbol) = goal else { return .broken("no files were asked for") }
    guard let found = pool.symbol(symbol) else {
      return .broken("the server's answer for \(symbol) does not define it")
    }
    do {
      _ = try pool.closure(of: found.file)
    } catch {
      return .broken("the server's files do not fit together: \(error)")
    }
    return .done(.symbol(found, pool))
  }

  /// A question as messages name it: `file_containing_symbol "routeguide.Point"`.
  static func describe(_ question: ServerReflectionRequest.Question?) -> String {
    switch question {
    case .fileByFilename(let name): "file_by_filename \(quotedText(name))"
    case .fileContainingSymbol(let symbol): "file_containing_symbol \(quotedText(symbol))"
    case .fileContainingExtension(let request):
      "file_containing_extension \(quotedText(request.containingType)) "
        + "\(request.extensionNumber)"
    case .allExtensionNumbersOfType(let type): "all_extension_numbers_of_type \(quotedText(type))"
    case .listServices: "list_services"
    case nil: "an empty question"
    }
  }

  static func describe(_ answer: ServerReflectionResponse.Answer?) -> String {
    switch answer {
    case .fileDescriptors: "a file_descriptor_response"
    case .extensionNumbers: "an all_extension_numbers_response"
    case .services: "a list_services_response"
    case .error: "an error_response"
    case nil: "an empty answer"
    }
  }
}

/// What a finished conversation learnt.
enum ReflectionResult {
  /// The services' full names, as the server listed them.
  case services([String])
  /// The symbol asked about and the files that define it and what it uses.
  case symbol(DescriptorPool.Symbol, DescriptorPool)
}

/// Text from a peer in a message: quoted, cut short, control characters escaped.
func quotedText(_ text: String) -> String {
  let limit = 80
  let shown =
    text.unicodeScalars.count > limit
    ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…" : text
  var writer = JSONWriter()
  writer.writeString(shown)
  return String(decoding: writer.bytes, as: UTF8.self)
}
