import EnkatExpressions

/// Loads a questionnaire from JSON bytes: parse, decode, bind expressions; every problem becomes
/// a `Diagnostic` with its position.
public enum QuestionnaireLoader {
  /// The outcome of a load: the questionnaire when there were no errors, and all diagnostics
  /// (warnings may come with a questionnaire).
  public struct Outcome: Sendable {
    public var questionnaire: Questionnaire?
    public var diagnostics: [Diagnostic]
    public var source: SourceText
    /// Where each section, question and grid id is written, and `@id` and `@missingCodes`: where
    /// the questionnaire's id and its missing codes are. For diagnostics about a loaded file.
    public var locations: [String: SourceLocation] = [:]
  }

  /// A place in the file: its position and JSON path.
  public struct SourceLocation: Sendable, Equatable {
    public var position: SourcePosition
    public var path: String
  }

  /// Loads `bytes`, naming them `file` in diagnostics.
  public static func load(_ bytes: [UInt8], file: String) -> Outcome {
    let source = SourceText(file: file, bytes: bytes)
    let root: JSONNode
    switch JSONParser.parse(bytes) {
    case .failure(let e):
      let d = Diagnostic(
        "E001", .error, "invalid JSON: \(e.message)", at: e.position, path: "",
        hint: e.hint)
      return Outcome(questionnaire: nil, diagnostics: [d], source: source)
    case .success(let node):
      root = node
    }
    let sink = DiagnosticSink()
    var decoder = QuestionnaireDecoder(sink: sink, source: source)
    let draft = decoder.decode(root)
    var questionnaire: Questionnaire?
    var locations: [String: SourceLocation] = [:]
    if let draft {
      var binder = ExpressionBinder(sink: sink, source: source, draft: draft)
      questionnaire = binder.bind(digest: CanonicalJSON.digest(of: root))
      locations = binder.locations
      if case .object(let members) = root.kind {
        for (key, name) in [("id", "@id"), ("missingCodes", "@missingCodes")] {
          if let node = members.first(where: { $0.key == key })?.value {
            locations[name] = SourceLocation(position: node.position, path: key)
          }
        }
      }
    }
    // The never-holds search (W150) assumes every question is well defined: after an error it
    // would only repeat the error's consequences ("never holds" because a loop has no bound).
    let kept = sink.hasErrors ? sink.diagnostics.filter { $0.code != "W150" } : sink.diagnostics
    let diagnostics = kept.sorted {
      ($0.position?.offset ?? -1, $0.code) < ($1.position?.offset ?? -1, $1.code)
    }
    return Outcome(
      questionnaire: sink.hasErrors ? nil : questionnaire, diagnostics: diagnostics, source: source,
      locations: locations)
  }
}
