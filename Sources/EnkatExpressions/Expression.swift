/// A parsed expression: a typed tree whose every node knows its source range.
///
/// Expressions are parsed once, when a questionnaire is loaded, and evaluated many times.
public indirect enum Expression: Equatable, Sendable {
  case number(Double, SourceRange)
  case text(String, SourceRange)
  case boolean(Bool, SourceRange)
  /// A reference to an earlier answer (a question id).
  case variable(String, SourceRange)
  case negate(Expression, SourceRange)
  case not(Expression, SourceRange)
  case arithmetic(ArithmeticOperator, Expression, Expression, SourceRange)
  case comparison(ComparisonOperator, Expression, Expression, SourceRange)
  case logical(LogicalOperator, Expression, Expression, SourceRange)
  /// `value in (1, 2, 3)`.
  case membership(Expression, [Expression], SourceRange)
  /// `reasons contains 3`: whether a multiple-choice answer includes a code.
  case contains(Expression, Expression, SourceRange)
  case call(String, [Expression], SourceRange)

  /// The source text this node was parsed from.
  public var range: SourceRange {
    switch self {
    case .number(_, let r), .text(_, let r), .boolean(_, let r), .variable(_, let r),
      .negate(_, let r), .not(_, let r), .arithmetic(_, _, _, let r), .comparison(_, _, _, let r),
      .logical(_, _, _, let r), .membership(_, _, let r), .contains(_, _, let r),
      .call(_, _, let r):
      return r
    }
  }

  /// Every variable this expression reads, in order of appearance (with repeats).
  public var variables: [String] {
    switch self {
    case .number, .text, .boolean: return []
    case .variable(let name, _): return [name]
    case .negate(let e, _), .not(let e, _): return e.variables
    case .arithmetic(_, let l, let r, _), .comparison(_, let l, let r, _),
      .logical(_, let l, let r, _), .contains(let l, let r, _):
      return l.variables + r.variables
    case .membership(let e, let list, _): return e.variables + list.flatMap(\.variables)
    case .call(_, let args, _): return args.flatMap(\.variables)
    }
  }
}

/// `+ - * /`.
public enum ArithmeticOperator: String, Sendable { case add = "+", subtract = "-", multiply = "*", divide = "/" }

/// `= != < <= > >=`.
public enum ComparisonOperator: String, Sendable {
  case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// `and`, `or`.
public enum LogicalOperator: String, Sendable { case and, or }

extension Expression {
  /// The expression with each node for which `replacement` gives an expression replaced by it,
  /// and every other node rebuilt from its children, transformed the same way.
  public func transformed(_ replacement: (Expression) -> Expression?) -> Expression {
    if let replaced = replacement(self) { return replaced }
    func map(_ e: Expression) -> Expression { e.transformed(replacement) }
    switch self {
    case .number, .text, .boolean, .variable: return self
    case .negate(let e, let r): return .negate(map(e), r)
    case .not(let e, let r): return .not(map(e), r)
    case .arithmetic(let op, let l, let rhs, let r): return .arithmetic(op, map(l), map(rhs), r)
    case .comparison(let op, let l, let rhs, let r): return .comparison(op, map(l), map(rhs), r)
    case .logical(let op, let l, let rhs, let r): return .logical(op, map(l), map(rhs), r)
    case .membership(let e, let list, let r): return .membership(map(e), list.map(map), r)
    case .contains(let l, let rhs, let r): return .contains(map(l), map(rhs), r)
    case .call(let name, let args, let r): return .call(name, args.map(map), r)
    }
  }

  /// The expression with each variable replaced by `replacement(name)` where that is not nil: how
  /// a question in a loop gets the expressions of one iteration.
  public func replacingVariables(_ replacement: (String) -> Expression?) -> Expression {
    transformed { node in
      if case .variable(let name, _) = node { return replacement(name) }
      return nil
    }
  }

  /// The expression with each aggregate over a loop question (`sum(age)`, where `iterations`
  /// gives the instance ids of `age`) turned into a call over those instances.
  public func expandingAggregates(_ iterations: (String) -> [String]?) -> Expression {
    transformed { node in
      guard case .call(let name, let args, let r) = node, BuiltinFunction.aggregates.contains(name), args.count == 1,
        case .variable(let v, let vr) = args[0], let ids = iterations(v)
      else { return nil }
      return .call(BuiltinFunction.overIterations + name, ids.map { .variable($0, vr) }, r)
    }
  }
}
