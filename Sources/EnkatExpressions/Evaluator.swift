/// Evaluates checked expressions over answers.
///
/// Missing values follow Kleene's three-valued logic, the rule written in
/// docs/questionnaire-format.md: arithmetic, comparisons, `in` and `contains` with a missing
/// operand are missing; `not missing` is missing; `false and missing` is false;
/// `true or missing` is true; the other mixes with missing are missing.
public enum Evaluator {
  /// The value of `expression` over `answers`.
  public static func evaluate(_ expression: Expression, in answers: some AnswerLookup) -> Value {
    switch expression {
    case .number(let n, _): return .number(n)
    case .text(let s, _): return .text(s)
    case .boolean(let b, _): return .boolean(b)
    case .variable(let name, _): return answers.value(of: name)
    case .negate(let e, _):
      let v = evaluate(e, in: answers)
      guard case .number(let n) = v else { return missing(v) }
      return .number(-n)
    case .not(let e, _):
      let v = evaluate(e, in: answers)
      guard case .boolean(let b) = v else { return missing(v) }
      return .boolean(!b)
    case .arithmetic(let op, let l, let r, _):
      return arithmetic(op, evaluate(l, in: answers), evaluate(r, in: answers))
    case .comparison(let op, let l, let r, _):
      return compare(op, evaluate(l, in: answers), evaluate(r, in: answers))
    case .logical(let op, let l, let r, _):
      return logical(op, evaluate(l, in: answers), evaluate(r, in: answers))
    case .membership(let e, let list, _):
      let v = evaluate(e, in: answers)
      guard v.isPresent else { return v }
      return .boolean(list.contains { evaluate($0, in: answers) == v })
    case .contains(let l, let r, _):
      let set = evaluate(l, in: answers)
      let code = evaluate(r, in: answers)
      guard set.isPresent else { return set }
      guard code.isPresent else { return code }
      switch (set, code) {
      case (.codes(let codes), .number(let n)): return .boolean(codes.contains { Double($0) == n })
      case (.text(let text), .text(let part)): return .boolean(text.lowercased().contains(part.lowercased()))
      default: return .missing(.undefined)
      }
    case .call("today", [], _):
      return answers.value(of: BuiltinFunction.todayVariable)
    case .call(let name, let arguments, _) where name.hasPrefix(BuiltinFunction.overIterations):
      return overIterations(String(name.dropFirst(BuiltinFunction.overIterations.count)), arguments, answers)
    case .call(let name, let arguments, _):
      guard let function = BuiltinFunction.all[name],
        function.variadic ? arguments.count >= function.parameters.count : arguments.count == function.parameters.count
      else { return .missing(.undefined) }
      return function.evaluate(arguments.map { evaluate($0, in: answers) })
    }
  }

  /// An aggregate over a loop's iterations: iterations not asked (beyond the count, or skipped by
  /// a condition) are left out; any other missing value makes the result missing. Over no
  /// iterations, `sum` and `count` are 0, `min` and `max` missing (not asked).
  private static func overIterations(_ name: String, _ arguments: [Expression], _ answers: some AnswerLookup)
    -> Value
  {
    let values = arguments.map { evaluate($0, in: answers) }.filter { $0 != .missing(.notAsked) }
    if let missing = values.first(where: { !$0.isPresent }) { return missing }
    if name == "count" { return .number(Double(values.count { $0 == .boolean(true) })) }
    if values.isEmpty { return name == "sum" ? .number(0) : .missing(.notAsked) }
    return BuiltinFunction.all[name]?.evaluate(values) ?? .missing(.undefined)
  }

  /// Evaluates a condition: only a present `true` is true, a missing value is unknown.
  public static func truth(of expression: Expression, in answers: some AnswerLookup) -> Truth {
    Truth(evaluate(expression, in: answers))
  }

  private static func missing(_ v: Value) -> Value {
    v.isPresent ? .missing(.undefined) : v
  }

  private static func arithmetic(_ op: ArithmeticOperator, _ l: Value, _ r: Value) -> Value {
    guard case .number(let a) = l else { return missing(l) }
    guard case .number(let b) = r else { return missing(r) }
    switch op {
    case .add: return .number(a + b)
    case .subtract: return .number(a - b)
    case .multiply: return .number(a * b)
    case .divide: return b == 0 ? .missing(.undefined) : .number(a / b)
    }
  }

  private static func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value) -> Value {
    guard l.isPresent else { return l }
    guard r.isPresent else { return r }
    switch (l, r) {
    case (.number(let a), .number(let b)): return .boolean(order(op, a, b))
    case (.text(let a), .text(let b)): return .boolean(order(op, a, b))
    case (.boolean(let a), .boolean(let b)) where op == .equal || op == .notEqual:
      return .boolean((a == b) == (op == .equal))
    case (.codes(let a), .codes(let b)) where op == .equal || op == .notEqual:
      return .boolean((a == b) == (op == .equal))
    default: return .missing(.undefined)
    }
  }

  private static func order<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
    switch op {
    case .equal: return a == b
    case .notEqual: return a != b
    case .less: return a < b
    case .lessEqual: return a <= b
    case .greater: return a > b
    case .greaterEqual: return a >= b
    }
  }

  private static func logical(_ op: LogicalOperator, _ l: Value, _ r: Value) -> Value {
    let a = Truth(l)
    let b = Truth(r)
    let dominant: Truth = op == .and ? .false : .true
    if a == dominant || b == dominant { return .boolean(dominant == .true) }
    if a != .unknown && b != .unknown { return .boolean(dominant != .true) }
    return missing(a == .unknown ? l : r)
  }
}
