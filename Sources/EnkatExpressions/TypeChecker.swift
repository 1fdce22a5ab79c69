/// Infers the type of an expression and reports type errors, unknown names and codes that a
/// question cannot take.
///
/// The checker is given a resolver that says what each name means at the place where the
/// expression is used, so that "unknown" and "asked later" are the caller's decisions.
public struct TypeChecker {
  private let resolve: (String) -> NameResolution
  public private(set) var problems: [ExpressionProblem] = []

  public init(resolve: @escaping (String) -> NameResolution) {
    self.resolve = resolve
  }

  /// Checks `expression`, which must have type `expected` (when given); returns the problems.
  public static func check(
    _ expression: Expression, expecting expected: ExpressionType? = nil,
    resolve: @escaping (String) -> NameResolution
  ) -> [ExpressionProblem] {
    var checker = TypeChecker(resolve: resolve)
    let type = checker.infer(expression)
    if let expected, type != expected, type != .error {
      checker.problems.append(
        ExpressionProblem(
          "E120",
          "this expression is \(Self.article(type)) \(type.rawValue), but \(Self.article(expected)) \(expected.rawValue) is needed here",
          at: expression.range,
          hint: expected == .boolean ? "write a condition, such as: age >= 18" : nil))
    }
    return checker.problems
  }

  /// The type of `expression`, recording problems on the way.
  public mutating func infer(_ expression: Expression) -> ExpressionType {
    switch expression {
    case .number: return .number
    case .text: return .text
    case .boolean: return .boolean
    case .variable(let name, let range): return variable(name, range)?.type ?? .error
    case .negate(let e, _):
      return require(e, .number, "'-' needs a number") ? .number : .error
    case .not(let e, _):
      return require(e, .boolean, "'not' needs a condition") ? .boolean : .error
    case .arithmetic(let op, let l, let r, _):
      let a = require(l, .number, "'\(op.rawValue)' needs numbers")
      let b = require(r, .number, "'\(op.rawValue)' needs numbers")
      return a && b ? .number : .error
    case .logical(let op, let l, let r, _):
      let a = require(l, .boolean, "'\(op.rawValue)' joins conditions")
      let b = require(r, .boolean, "'\(op.rawValue)' joins conditions")
      return a && b ? .boolean : .error
    case .comparison(let op, let l, let r, let range):
      return comparison(op, l, r, range)
    case .membership(let e, let list, _):
      let type = infer(e)
      if type == .codeSet {
        report(
          "E121", "'in' tests a single value, but this is a multiple-choice answer", e.range,
          hint: "test each code with 'contains', as in: reasons contains 3")
        return .error
      }
      for item in list {
        let itemType = infer(item)
        if type != .error, itemType != .error, itemType != type {
          report(
            "E122",
            "this list item is \(Self.article(itemType)) \(itemType.rawValue), but the value tested is \(Self.article(type)) \(type.rawValue)",
            item.range)
        }
        warnIfNotACode(item, of: e)
      }
      return .boolean
    case .contains(let l, let r, _):
      let type = infer(l)
      if type == .text {
        _ = require(r, .text, "a text 'contains' needs a text on its right")
        return .boolean
      }
      if type != .codeSet && type != .error {
        report(
          "E123",
          "'contains' needs a multiple-choice answer or a text on its left, but this is \(Self.article(type)) \(type.rawValue)",
          l.range,
          hint: type == .number ? "for a single choice write: area = 3, or area in (1, 3)" : nil)
      }
      _ = require(r, .number, "'contains' needs a code on its right")
      warnIfNotACode(r, of: l)
      return .boolean
    case .call(let name, let arguments, let range):
      return call(name, arguments, range)
    }
  }

  private mutating func comparison(
    _ op: ComparisonOperator, _ l: Expression, _ r: Expression, _ range: SourceRange
  ) -> ExpressionType {
    let a = infer(l)
    let b = infer(r)
    if a == .error || b == .error { return .boolean }
    if a == .codeSet || b == .codeSet {
      let side = a == .codeSet ? l : r
      report(
        "E124", "a multiple-choice answer cannot be compared with '\(op.rawValue)'", side.range,
        hint: "test a code with 'contains', as in: \(Self.name(side) ?? "reasons") contains 3")
      return .boolean
    }
    if a != b {
      report("E125", "cannot compare \(Self.article(a)) \(a.rawValue) with \(Self.article(b)) \(b.rawValue)", range)
      return .boolean
    }
    if a == .boolean && op != .equal && op != .notEqual {
      report("E126", "conditions can only be compared with '=' or '!='", range)
    }
    warnIfNotACode(r, of: l)
    warnIfNotACode(l, of: r)
    return .boolean
  }

  private mutating func call(_ name: String, _ arguments: [Expression], _ range: SourceRange)
    -> ExpressionType
  {
    if BuiltinFunction.aggregates.contains(name), arguments.count == 1, case .variable(let v, let r) = arguments[0],
      case .perIteration(let info, let loop) = resolve(v)
    {
      let needed: ExpressionType = name == "count" ? .boolean : .number
      if info.type != needed, info.type != .error {
        report(
          "E120",
          "'\(name)' over the iterations of loop '\(loop)' needs \(Self.article(needed)) \(needed.rawValue), but '\(v)' is \(Self.article(info.type)) \(info.type.rawValue)",
          r,
          hint: name == "count"
            ? "count a condition computed in the loop, such as {\"id\": \"child\", \"type\": \"computed\", \"expression\": \"age < 18\"}"
            : nil)
      }
      return .number
    }
    guard let function = BuiltinFunction.all[name] else {
      let suggestions = EditDistance.suggestions(for: name, among: BuiltinFunction.all.keys)
      report(
        "E127", "unknown function '\(name)'", range,
        hint: suggestions.first.map { "did you mean '\($0)'?" }
          ?? "functions: " + BuiltinFunction.table.map(\.name).joined(separator: ", "))
      return .error
    }
    let count = function.parameters.count
    guard function.variadic ? arguments.count >= count : arguments.count == count else {
      let takes = function.variadic ? "at least \(count)" : "\(count)"
      report("E128", "'\(name)' takes \(takes) argument\(count == 1 ? "" : "s"), not \(arguments.count)", range)
      return function.resultOfArgument == nil ? function.result : .error
    }
    var anyType: ExpressionType?
    var resultType = function.result
    for (index, argument) in arguments.enumerated() {
      switch function.parameters[min(index, count - 1)] {
      case .questionReference:
        guard case .variable(let variableName, let r) = argument else {
          report("E129", "'\(name)' needs a question id, as in: \(name)(age)", argument.range)
          continue
        }
        _ = variable(variableName, r)
      case .value(let type):
        _ = require(argument, type, "'\(name)' needs \(Self.article(type)) \(type.rawValue)")
      case .anyValue:
        let type = infer(argument)
        if let expected = anyType, type != .error, expected != .error, type != expected {
          report(
            "E131",
            "this is \(Self.article(type)) \(type.rawValue), but the other choice of '\(name)' is \(Self.article(expected)) \(expected.rawValue)",
            argument.range, hint: "both choices of '\(name)' must have the same type")
        }
        if anyType == nil || anyType == .error { anyType = type }
      }
      if index == function.resultOfArgument { resultType = anyType ?? .error }
    }
    return resultType
  }

  private mutating func variable(_ name: String, _ range: SourceRange) -> VariableInfo? {
    switch resolve(name) {
    case .variable(let info): return info
    case .unknown(let suggestions):
      report(
        "E110", "unknown question '\(name)'", range,
        hint: suggestions.first.map { "did you mean '\($0)'?" })
      return nil
    case .unavailable(let reason):
      report("E111", "'\(name)' cannot be used here: \(reason)", range)
      return nil
    case .dropped:
      return nil
    case .perIteration(_, let loop):
      report(
        "E111",
        "'\(name)' cannot be used here: it is asked once per iteration of loop '\(loop)'; name one iteration, such as '\(name)[1]', or aggregate over the iterations",
        range, hint: "sum(\(name)), min(\(name)), max(\(name)), or count(…) of a condition computed in the loop")
      return nil
    }
  }

  private mutating func require(_ e: Expression, _ type: ExpressionType, _ what: String) -> Bool {
    let actual = infer(e)
    if actual == .error { return false }
    if actual != type {
      var hint: String? = nil
      if actual == .codeSet { hint = "test a code with 'contains', as in: \(Self.name(e) ?? "reasons") contains 3" }
      report("E120", "\(what), but this is \(Self.article(actual)) \(actual.rawValue)", e.range, hint: hint)
      return false
    }
    return true
  }

  private mutating func warnIfNotACode(_ literal: Expression, of variable: Expression) {
    guard case .number(let n, let range) = literal, let name = Self.name(variable),
      case .variable(let info) = resolve(name), let codes = info.codes, !codes.isEmpty
    else { return }
    if !(Int(exactly: n).map(codes.contains) ?? false) {
      let list = codes.sorted().map(String.init).joined(separator: ", ")
      report(
        "W130", "\(Value.format(n)) is not a code of '\(name)' (its codes: \(list))", range,
        hint: "this comparison can never hold", severity: .warning)
    }
  }

  private mutating func report(
    _ code: String, _ message: String, _ range: SourceRange, hint: String? = nil,
    severity: ExpressionProblem.Severity = .error
  ) {
    problems.append(ExpressionProblem(code, message, at: range, hint: hint, severity: severity))
  }

  private static func name(_ e: Expression) -> String? {
    if case .variable(let name, _) = e { return name }
    return nil
  }

  private static func article(_ type: ExpressionType) -> String {
    switch type {
    case .error: return "an"
    case .number, .text, .boolean, .codeSet, .date: return "a"
    }
  }
}
