/// A function callable from expressions. All functions live in `BuiltinFunction.all`, which the
/// checker, the evaluator and the documentation read.
public struct BuiltinFunction: Sendable {
  /// What an argument must be.
  public enum Parameter: Sendable, Equatable {
    /// A question id written as a bare name, as in `answered(age)`.
    case questionReference
    case value(ExpressionType)
  }

  public var name: String
  public var parameters: [Parameter]
  public var result: ExpressionType
  public var summary: String
  /// Evaluates the call. Reference parameters receive the variable's raw value, missing or not.
  let evaluate: @Sendable ([Value]) -> Value

  /// Every built-in function, by name.
  public static let all: [String: BuiltinFunction] = Dictionary(
    uniqueKeysWithValues: table.map { ($0.name, $0) })

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
  ]
}
