import EnkatExpressions

/// What was recorded for a question: an answer, or a reason there is none.
public enum Response: Equatable, Hashable, Sendable {
  case answer(AnswerValue)
  case missing(MissingKind)
  /// The question was asked and left empty (only when it is not required).
  case noAnswer

  /// The value expressions see.
  public var value: Value {
    switch self {
    case .answer(let a): return a.value
    case .missing(.dontKnow): return .missing(.dontKnow)
    case .missing(.refused): return .missing(.refused)
    case .noAnswer: return .missing(.noAnswer)
    }
  }
}

/// A substantive answer.
public enum AnswerValue: Equatable, Hashable, Sendable {
  /// A single choice or a scale point.
  case code(Int)
  /// The codes chosen in a multiple-choice question, ascending.
  case codes([Int])
  case number(Double)
  case text(String)
  /// A date as a day number (see `CalendarDay`).
  case date(Int)

  /// The value expressions see.
  public var value: Value {
    switch self {
    case .date(let day): return .number(Double(day))
    case .code(let c): return .number(Double(c))
    case .codes(let c): return .codes(c)
    case .number(let n): return .number(n)
    case .text(let s): return .text(s)
    }
  }
}
