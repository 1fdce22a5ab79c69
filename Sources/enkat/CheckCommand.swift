import ArgumentParser
import EnkatModel
import Glibc

/// `enkat check`: validate questionnaires like a compiler.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check questionnaire files and report every problem as FILE:LINE:COLUMN.",
    discussion: """
      Exits with status 1 when any file has an error. Warnings do not fail the check unless \
      --strict is given. Colours are used on a terminal unless NO_COLOR is set.
      """)

  /// How diagnostics are printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  /// A drawing of the routing.
  enum Graph: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
  }

  @Argument(help: "Questionnaire JSON files.", completion: .file(extensions: ["json"]))
  var files: [String]

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Option(help: "text: as a compiler prints them; json: one JSON object per line, for editors.")
  var format: Format = .text

  @Option(help: "Print the routing of a valid questionnaire as a Graphviz (dot) or Mermaid graph instead.")
  var graph: Graph?

  @Option(
    help: ArgumentHelp(
      "An earlier version of the questionnaire: also report the edits that keep its response files from merging.",
      valueName: "old.json"),
    completion: .file(extensions: ["json"]))
  var against: String?

  @Option(
    name: .customLong("lang"), help: "Language of the question texts in --graph. Default: the questionnaire's first.")
  var language: String?

  @Option(help: "A CATI sample: check that it has a column for every preload variable, with values that fit.")
  var sample: String?

  func run() throws {
    var failed = false
    let color =
      format == .text && graph == nil && isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
      && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? false)
    let old = try against.map(QuestionnaireFile.loadValidOutcome)
    for file in files {
      switch QuestionnaireFile.load(file) {
      case .failure(let error):
        if format == .json {
          print(
            Diagnostic(
              "E000", .error, "cannot read the file: \(String(cString: strerror(error.errno)))", at: nil, path: ""
            ).json(file: file))
        } else {
          printError(error.description)
        }
        failed = true
      case .success(let outcome):
        var located = outcome.diagnostics.map { ($0, outcome.source) }
        if let old, let q = outcome.questionnaire, graph == nil {
          located += Compatibility.compare(old: old.questionnaire!, new: q).map { Self.diagnostic($0, old, outcome) }
        }
        if let sample, let q = outcome.questionnaire {
          located += try SamplePreloadCheck.diagnostics(q, sample: sample, outcome: outcome)
        }
        let errors = located.filter { $0.0.severity == .error }.count
        let warnings = located.count - errors
        failed = failed || errors > 0 || (strict && warnings > 0)
        if let graph {
          for d in outcome.diagnostics where d.severity == .error { printError(d.rendered(source: outcome.source)) }
          guard let q = outcome.questionnaire else { continue }
          let routing = RoutingGraph(q, language: language ?? q.languages[0])
          print(graph == .dot ? routing.dot : routing.mermaid, terminator: "")
          continue
        }
        switch format {
        case .json:
          for (d, source) in located { print(d.json(file: source.file)) }
        case .text:
          for (d, source) in located { print(d.rendered(source: source, color: color)) }
          print(summary(file, outcome.questionnaire, errors: errors, warnings: warnings))
          if let old, outcome.questionnaire != nil { print(compatibility(file, old, located)) }
        }
      }
    }
    if failed { throw ExitCode(1) }
  }

  /// A compatibility finding as a diagnostic in the new file, or in the old one for what was removed.
  private static func diagnostic(
    _ finding: Compatibility.Finding, _ old: QuestionnaireLoader.Outcome, _ new: QuestionnaireLoader.Outcome
  ) -> (Diagnostic, SourceText) {
    let file = finding.inOldVersion ? old : new
    let location = file.locations[finding.subject]
    let length = finding.subject.hasPrefix("@") ? 1 : finding.subject.unicodeScalars.count + 2
    let d = Diagnostic(
      finding.code, finding.severity, finding.message, at: location?.position, length: length,
      path: location?.path ?? "", questionID: finding.subject.hasPrefix("@") ? nil : finding.subject, hint: finding.hint
    )
    return (d, file.source)
  }

  private func compatibility(_ file: String, _ old: QuestionnaireLoader.Outcome, _ located: [(Diagnostic, SourceText)])
    -> String
  {
    let q = old.questionnaire!
    let breaking = located.filter { $0.0.code.hasPrefix("E2") }.count
    if breaking == 0 {
      return "\(file): response files of \(old.source.file) (version \(q.version)) merge with this version"
    }
    return
      "\(file): \(breaking) edit\(breaking == 1 ? "" : "s") keep response files of \(old.source.file) (version \(q.version)) "
      + "from merging with this version"
  }

  private func summary(_ file: String, _ q: Questionnaire?, errors: Int, warnings: Int) -> String {
    let w = warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
    guard let q, errors == 0 else {
      return "\(file): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
    let asked = q.instances.count == q.questions.count ? "" : " (\(q.instances.count) with every loop iteration)"
    return
      "\(file): ok: \(q.id) version \(q.version), \(q.sections.count) sections, \(q.questions.count) questions\(asked), "
      + "languages \(q.languages.joined(separator: ", "))" + w
  }
}
