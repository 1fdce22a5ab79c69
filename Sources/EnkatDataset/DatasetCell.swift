import EnkatModel

/// One cell of a dataset row: what a variable holds for one case.
public enum DatasetCell: Equatable, Sendable {
  /// Not asked, no answer to an optional question, or off route.
  case empty
  case number(Double)
  case text(String)
  /// Don't know or refused, with the questionnaire's code.
  case missing(code: Int, kind: MissingKind)
}
