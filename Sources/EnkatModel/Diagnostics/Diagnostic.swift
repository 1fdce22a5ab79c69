/// A problem in a questionnaire, for its author: where, what, and how to fix it.
///
/// `enkat check` prints these as `FILE:LINE:COLUMN: error[E010]: message`. Codes are stable and
/// listed in docs/questionnaire-format.md.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
  /// Errors make a questionnaire unusable; warnings point at likely mistakes.
  public enum Severity: String, Sendable { case error, warning }

  public var code: String
  public var severity: Severity
  public var message: String
  public var hint: String?
  /// Where the problem is; nil for problems of the file as a whole (e.g. it cannot be read).
  public var position: SourcePosition?
  /// How many columns to underline from `position`.
  public var length: Int
  /// The JSON path of the value, such as `sections[1].questions[0].askIf`.
  public var path: String
  /// The question (or section) the problem belongs to, when there is one.
  public var questionID: String?

  public init(
    _ code: String, _ severity: Severity = .error, _ message: String, at position: SourcePosition?,
    length: Int = 1, path: String, questionID: String? = nil, hint: String? = nil
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.hint = hint
    self.position = position
    self.length = max(1, length)
    self.path = path
    self.questionID = questionID
  }

  public var description: String {
    let at = position.map { "\($0.line):\($0.column): " } ?? ""
    return "\(at)\(severity.rawValue)[\(code)]: \(message)"
  }
}
