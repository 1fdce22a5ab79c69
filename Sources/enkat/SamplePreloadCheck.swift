import ArgumentParser
import EnkatEngine
import EnkatFieldwork
import EnkatModel

/// `enkat check --sample`: the questionnaire's preload variables against a sample's columns and
/// values, as diagnostics at the preload declarations.
enum SamplePreloadCheck {
  static func diagnostics(_ q: Questionnaire, sample path: String, outcome: QuestionnaireLoader.Outcome) throws
    -> [(Diagnostic, SourceText)]
  {
    let store: SampleStore
    do { store = try SampleStore(opening: path) } catch {
      printError("error: \(error)")
      throw ExitCode(66)
    }
    let columns = try store.columns().map(\.name)
    let respondents = try store.respondents()
    let problems = PreloadValues.problems(
      q, columns: columns, rows: respondents.map { (line: $0.line, values: $0.values) })
    let idOfLine = Dictionary(respondents.map { ($0.line, $0.id) }, uniquingKeysWith: { a, _ in a })
    return problems.prefix(50).map { problem in
      let variable = q.preload.first { problem.message.contains("'\($0.id)'") }?.id ?? ""
      let location = outcome.locations[variable]
      let message =
        problem.line == 0
        ? "\(problem.message) in \(path)"
        : "respondent \(idOfLine[problem.line] ?? "?") (line \(problem.line) of the imported file): \(problem.message)"
      let d = Diagnostic(
        problem.line == 0 ? "E170" : "E171", .error, message, at: location?.position,
        length: variable.unicodeScalars.count + 2, path: location?.path ?? "", questionID: nil,
        hint: problem.line == 0 ? "import the sample with that column, or remove the preload variable" : nil)
      return (d, outcome.source)
    }
  }
}
