import ArgumentParser
import EnkatModel
import Glibc

/// `enkat check`: validate questionnaires like a compiler.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check questionnaire files and report every problem as FILE:LINE:COLUMN.",
    discussion:
      "Exits with status 1 when any file has an error. Warnings do not fail the check unless --strict is given.")

  @Argument(help: "Questionnaire JSON files.", completion: .file(extensions: ["json"]))
  var files: [String]

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    var failed = false
    let color =
      isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
      && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? false)
    for file in files {
      switch QuestionnaireFile.load(file) {
      case .failure(let error):
        print(error.description)
        failed = true
      case .success(let outcome):
        for diagnostic in outcome.diagnostics {
          print(diagnostic.rendered(source: outcome.source, color: color))
        }
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let warnings = outcome.diagnostics.count - errors
        if let q = outcome.questionnaire, errors == 0 {
          let count = q.questions.count
          print(
            "\(file): ok: \(q.id) version \(q.version), \(q.sections.count) sections, \(count) questions, languages \(q.languages.joined(separator: ", "))"
              + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
          if strict && warnings > 0 { failed = true }
        } else {
          print("\(file): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
          failed = true
        }
      }
    }
    if failed { throw ExitCode(1) }
  }
}
