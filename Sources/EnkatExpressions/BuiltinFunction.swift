/// A function callable from expressions. All functions live in `BuiltinFunction.all`, which the
/// checker, the evaluator and the documentation read.
public struct BuiltinFunction: Sendable {
  /// What an argument must be.
  public enum Parameter: Sendable, Equatable {
    /// A question id written as a bare name, as in `answered(age)`.
    case questionReference
    case value(ExpressionType)
    /// A value of any type; all `anyValue` arguments of a call must have the same type.
    case anyValue
  }

  public var name: String
  public var parameters: [Parameter]
  public var result: ExpressionType
  public var summary: String
  /// The last parameter may be repeated (at least once): `sum(a, b, c)`.
  public var variadic = false
  /// The result has the type of this argument (for `if`), instead of `result`.
  public var resultOfArgument: Int? = nil
  /// Evaluates the call. Reference parameters receive the variable's raw value, missing or not.
  let evaluate: @Sendable ([Value]) -> Value

  /// Every built-in function, by name.
  public static let all: [String: BuiltinFunction] = Dictionary(
    uniqueKeysWithValues: table.map { ($0.name, $0) })

  /// The name under which an evaluator's answers provide today's date (a day number); `today()`
  /// reads it, so evaluation stays free of clocks.
  public static let todayVariable = "@today"

  /// The functions that, given the bare id of a question asked in a loop, aggregate over its
  /// iterations (`sum(age)`).
  public static let aggregates: Set<String> = ["sum", "min", "max", "count"]

  /// The prefix of a call that aggregates over a loop's iterations: `sum(age)` outside the loop is
  /// bound as `iterations:sum(age[1], age[2], …)`, which skips iterations not asked.
  public static let overIterations = "iterations:"

  /// The functions in documentation order.
  public static let table: [BuiltinFunction] = [
    BuiltinFunction(
      name: "answered", parameters: [.questionReference], result: .boolean,
      summary: "true when the question has a substantive answer (not don't know, refused, empty or not asked)",
      evaluate: { .boolean($0[0].isPresent) }),
    BuiltinFunction(
      name: "dontknow", parameters: [.questionReference], result: .boolean,
      summary: "true when the answer is don't know",
      evaluate: { .boolean($0[0] == .missing(.dontKnow)) }),
    BuiltinFunction(
      name: "refused", parameters: [.questionReference], result: .boolean,
      summary: "true when the answer is refused",
      evaluate: { .boolean($0[0] == .missing(.refused)) }),
    BuiltinFunction(
      name: "asked", parameters: [.questionReference], result: .boolean,
      summary: "true when the question was asked, whatever the answer (including don't know, refused, empty)",
      evaluate: { .boolean($0[0] != .missing(.notAsked)) }),
    BuiltinFunction(
      name: "count", parameters: [.value(.codeSet)], result: .number,
      summary: "how many options of a multiple-choice answer are selected; missing when the answer is missing",
      evaluate: { args in
        if case .codes(let c) = args[0] { return .number(Double(c.count)) }
        return args[0].isPresent ? .missing(.undefined) : args[0]
      }),
    BuiltinFunction(
      name: "sum", parameters: [.value(.number)], result: .number,
      summary: "the sum of the numbers; missing when any of them is missing",
      evaluate: { numbers($0).map { .number($0.reduce(0, +)) } ?? firstMissing($0) }, variadic: true),
    BuiltinFunction(
      name: "min", parameters: [.value(.number)], result: .number,
      summary: "the smallest of the numbers; missing when any of them is missing",
      evaluate: { numbers($0).map { .number($0.min()!) } ?? firstMissing($0) }, variadic: true),
    BuiltinFunction(
      name: "max", parameters: [.value(.number)], result: .number,
      summary: "the largest of the numbers; missing when any of them is missing",
      evaluate: { numbers($0).map { .number($0.max()!) } ?? firstMissing($0) }, variadic: true),
    BuiltinFunction(
      name: "if", parameters: [.value(.boolean), .anyValue, .anyValue], result: .error,
      summary:
        "the second argument when the condition is true, the third when it is false; missing when the condition is unknown",
      evaluate: { args in
        switch Truth(args[0]) {
        case .true: return args[1]
        case .false: return args[2]
        case .unknown: return args[0].isPresent ? .missing(.undefined) : args[0]
        }
      }, resultOfArgument: 1),
    BuiltinFunction(
      name: "length", parameters: [.value(.text)], result: .number,
      summary: "the number of characters of a text; missing when the text is missing",
      evaluate: { args in
        if case .text(let s) = args[0] { return .number(Double(s.count)) }
        return firstMissing(args)
      }),
    BuiltinFunction(
      name: "today", parameters: [], result: .date,
      summary: "the date of the interview (the interviewing computer's local date)",
      evaluate: { _ in .missing(.undefined) }),
    BuiltinFunction(
      name: "daysBetween", parameters: [.value(.date), .value(.date)], result: .number,
      summary:
        "the number of days from the first date to the second (negative when the second is earlier); missing when either is missing",
      evaluate: { args in numbers(args).map { .number($0[1] - $0[0]) } ?? firstMissing(args) }),
    BuiltinFunction(
      name: "yearsBetween", parameters: [.value(.date), .value(.date)], result: .number,
      summary:
        "the whole years from the first date to the second, as an age is counted; missing when either is missing",
      evaluate: { args in
        numbers(args).map { .number(Double(CalendarDay.wholeYears(from: Int($0[0]), to: Int($0[1])))) }
          ?? firstMissing(args)
      }),
  ]

  init(
    name: String, parameters: [Parameter], result: ExpressionType, summary: String,
    evaluate: @escaping @Sendable ([Value]) -> Value, variadic: Bool = false, resultOfArgument: Int? = nil
  ) {
    self.name = name
    self.parameters = parameters
    self.result = result
    self.summary = summary
    self.evaluate = evaluate
    self.variadic = variadic
    self.resultOfArgument = resultOfArgument
  }

  /// The numbers, or nil when any value is not a number.
  private static func numbers(_ values: [Value]) -> [Double]? {
    var result: [Double] = []
    for v in values {
      guard case .number(let n) = v else { return nil }
      result.append(n)
    }
    return result
  }

  /// The first missing value (its reason carries through), or undefined.
  private static func firstMissing(_ values: [Value]) -> Value {
    values.first { !$0.isPresent } ?? .missing(.undefined)
  }
}
