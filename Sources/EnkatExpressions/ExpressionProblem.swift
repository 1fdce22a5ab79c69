/// A problem found in an expression while lexing, parsing or type checking.
///
/// Problems carry a stable code (`E1xx`) so that questionnaire diagnostics and docs can refer to
/// them, a message that says what is wrong, and an optional hint that says how to fix it.
public struct ExpressionProblem: Equatable, Sendable, Error, CustomStringConvertible {
  /// How serious the problem is.
  public enum Severity: String, Sendable { case error, warning }

  public var code: String
  public var severity: Severity
  public var range: SourceRange
  public var message: String
  public var hint: String?
  /// Another place the message refers to (the '(' that a missing ')' should close); a front end
  /// that knows where the expression stands in its file names the place as line:column.
  public var related: SourceRange?

  public init(
    _ code: String, _ message: String, at range: SourceRange, hint: String? = nil,
    severity: Severity = .error
  ) {
    self.code = code
    self.severity = severity
    self.range = range
    self.message = message
    self.hint = hint
  }

  public var description: String {
    "\(severity) [\(code)] at \(range): \(message)"
      + (related.map { " (at character \($0.start + 1) of the expression)" } ?? "") + (hint.map { " (\($0))" } ?? "")
  }
}
