/// The value of an expression or of an answer as expressions see it.
///
/// `missing` is an explicit case: every operator and function has a written rule for it
/// (see docs/questionnaire-format.md, "Missing values").
public enum Value: Equatable, Hashable, Sendable, CustomStringConvertible {
  case number(Double)
  case text(String)
  case boolean(Bool)
  /// The codes chosen in a multiple-choice answer, ascending.
  case codes([Int])
  case missing(Missing)

  /// Whether this value is present (not missing).
  public var isPresent: Bool {
    if case .missing = self { return false }
    return true
  }

  public var description: String {
    switch self {
    case .number(let n): return Value.format(n)
    case .text(let s): return "'\(s)'"
    case .boolean(let b): return b ? "true" : "false"
    case .codes(let c): return "{" + c.map(String.init).joined(separator: ", ") + "}"
    case .missing(let m): return "missing(\(m.rawValue))"
    }
  }

  /// A number as people write it: `3`, not `3.0`.
  public static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
  }
}

/// Why a value is missing.
public enum Missing: String, CaseIterable, Sendable {
  /// The question was not asked (off route) or not reached yet.
  case notAsked
  /// The question was asked and left empty (allowed only when it is not required).
  case noAnswer
  /// The respondent does not know.
  case dontKnow
  /// The respondent refused to answer.
  case refused
  /// A computation has no value, such as a division by zero.
  case undefined
}

/// The three outcomes of a condition.
public enum Truth: Equatable, Sendable {
  case `true`, `false`
  /// The condition reads a missing value and cannot be decided.
  case unknown

  /// `Truth` of an evaluated value: only `true` is true; missing is unknown.
  public init(_ value: Value) {
    switch value {
    case .boolean(let b): self = b ? .true : .false
    default: self = .unknown
    }
  }
}
