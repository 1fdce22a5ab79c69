/// The static type of an expression, as the checker infers it.
public enum ExpressionType: String, Equatable, Sendable {
  case number
  case text
  case boolean
  /// A calendar date (a day number at run time; see `CalendarDay`).
  case date
  /// A multiple-choice answer: a set of codes.
  case codeSet = "multiple choice"
  /// An expression that already has a reported error; it matches anything, so one mistake is
  /// reported once.
  case error
}

/// What the checker knows of a variable.
public struct VariableInfo: Equatable, Sendable {
  public var type: ExpressionType
  /// The codes the variable can take (choice and scale questions), for warnings on
  /// comparisons with codes that do not exist.
  public var codes: Set<Int>?

  public init(type: ExpressionType, codes: Set<Int>? = nil) {
    self.type = type
    self.codes = codes
  }
}

/// How a name resolves at the place where an expression is used.
public enum NameResolution: Equatable, Sendable {
  case variable(VariableInfo)
  /// No such name; `suggestions` are close spellings of names that exist.
  case unknown(suggestions: [String])
  /// The name exists but cannot be read here; `reason` says why (e.g. it is asked later).
  case unavailable(reason: String)
  /// A question asked once per iteration of `loop`, read outside it: only an aggregate over the
  /// iterations can read it (`sum(age)`, `count(child)`).
  case perIteration(VariableInfo, loop: String)
  /// A question that was left out for errors already reported: nothing more is said of it.
  case dropped
}
