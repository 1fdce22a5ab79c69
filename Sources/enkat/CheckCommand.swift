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
    name: .customLong("lang"), help: "Language of the question texts in --graph. Default: the questionnaire's first.")
  var language: String?

  func run() throws {
    var failed = false
    let color =
      format == .text && graph == nil && isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
      && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? false)
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
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let warnings = outcome.diagnostics.count - errors
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
          for d in outcome.diagnostics { print(d.json(file: file)) }
        case .text:
          for d in outcome.diagnostics { print(d.rendered(source: outcome.source, color: color)) }
          print(summary(file, outcome.questionnaire, errors: errors, warnings: warnings))
        }
      }
    }
    if failed { throw ExitCode(1) }
  }

  private func summary(_ file: String, _ q: Questionnaire?, errors: Int, warnings: Int) -> String {
    let w = warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
    guard let q, errors == 0 else {
      return "\(file): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
    return "\(file): ok: \(q.id) version \(q.version), \(q.sections.count) sections, \(q.questions.count) questions, "
      + "languages \(q.languages.joined(separator: ", "))" + w
  }
}
