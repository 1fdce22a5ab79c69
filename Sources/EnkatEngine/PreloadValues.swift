import EnkatExpressions
import EnkatModel

/// A case's preload values for the engine: the sample's text for each of the questionnaire's
/// preload variables, as a number or a text by its declared kind. An empty or missing value, or
/// one that is not a number where a number is declared, is a missing value (not asked).
public enum PreloadValues {
  public static func values(_ questionnaire: Questionnaire, from sample: [String: String]) -> [String: Value] {
    var out: [String: Value] = [:]
    for variable in questionnaire.preload {
      let text = sample[variable.id]?.trimmingCharacters(in: .whitespaces) ?? ""
      switch variable.kind {
      case .number:
        out[variable.id] =
          Double(text.replacingOccurrences(of: ",", with: ".")).map(Value.number) ?? .missing(.notAsked)
      case .text:
        out[variable.id] = text.isEmpty ? .missing(.notAsked) : .text(sample[variable.id] ?? "")
      }
    }
    return out
  }

  /// The preload variables a sample's columns lack, or whose values do not fit their kind, as
  /// messages (`enkat check --sample`): `(respondent's line, message)`; line 0 for a column.
  public static func problems(
    _ questionnaire: Questionnaire, columns: [String], rows: [(line: Int, values: [String: String])]
  )
    -> [(line: Int, message: String)]
  {
    var out: [(Int, String)] = []
    for variable in questionnaire.preload where !columns.contains(variable.id) {
      out.append((0, "the sample has no column '\(variable.id)' for the preload variable '\(variable.id)'"))
    }
    for variable in questionnaire.preload where variable.kind == .number && columns.contains(variable.id) {
      for row in rows {
        let text = row.values[variable.id]?.trimmingCharacters(in: .whitespaces) ?? ""
        if !text.isEmpty, Double(text.replacingOccurrences(of: ",", with: ".")) == nil {
          out.append((row.line, "'\(text)' in '\(variable.id)' is not a number"))
        }
      }
    }
    return out
  }
}
