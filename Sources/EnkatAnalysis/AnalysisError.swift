import EnkatExpressions

/// Why an analysis cannot be made, in words for the person who asked for it.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
  /// No variable or question of that name; close spellings that exist.
  case unknownVariable(String, suggestions: [String])
  /// The variable cannot be tabulated this way (`reason` says why).
  case unsuitable(String, reason: String)
  /// The filter expression does not check (its problems, positions within the expression).
  case filter(String, [ExpressionProblem])
  /// The weights cannot be made as the weighting says (the message says why and where).
  case weighting(String)

  public var description: String {
    switch self {
    case .unknownVariable(let name, let suggestions):
      let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
      return "'\(name)' is neither a variable nor a question of this questionnaire\(hint) (see enkat codebook)"
    case .unsuitable(let name, let reason):
      return "'\(name)' cannot be tabulated this way: \(reason)"
    case .weighting(let message):
      return message
    case .filter(let source, let problems):
      return problems.map { problem in
        let column = problem.range.start + 1
        return "--where '\(source)', column \(column): \(problem.message)" + (problem.hint.map { " (\($0))" } ?? "")
      }.joined(separator: "\n")
    }
  }
}
