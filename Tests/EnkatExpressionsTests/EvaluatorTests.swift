import Testing

@testable import EnkatExpressions

@Suite("Evaluation and missing values")
struct EvaluatorTests {
  let answers: [String: Value] = [
    "age": .number(34), "area": .number(1), "name": .text("Åsa"),
    "reasons": .codes([1, 3]), "dk": .missing(.dontKnow), "ref": .missing(.refused),
    "skipped": .missing(.noAnswer),
  ]

  private func eval(_ text: String) throws -> Value {
    Evaluator.evaluate(try Parser.parse(text).get(), in: answers)
  }

  @Test(
    "the written rules for missing values hold in every operator",
    arguments: [
      ("unknown + 1", Value.missing(.notAsked)),
      ("dk * 2", .missing(.dontKnow)),
      ("-ref", .missing(.refused)),
      ("dk = 1", .missing(.dontKnow)),
      ("unknown != 1", .missing(.notAsked)),
      ("not dk = 1", .missing(.dontKnow)),
      ("false and dk = 1", .boolean(false)),
      ("dk = 1 and false", .boolean(false)),
      ("true and dk = 1", .missing(.dontKnow)),
      ("true or dk = 1", .boolean(true)),
      ("dk = 1 or true", .boolean(true)),
      ("false or dk = 1", .missing(.dontKnow)),
      ("dk in (1, 2)", .missing(.dontKnow)),
      ("unknown contains 1", .missing(.notAsked)),
      ("1 / 0", .missing(.undefined)),
      ("count(unknown)", .missing(.notAsked)),
      ("sum(age, dk)", .missing(.dontKnow)),
      ("max(1, unknown)", .missing(.notAsked)),
      ("if(dk = 1, 1, 2)", .missing(.dontKnow)),
      ("if(true, dk, 2)", .missing(.dontKnow)),
      ("if(false, dk, 2)", .number(2)),
      ("length(unknown)", .missing(.notAsked)),
      ("unknown contains 'x'", .missing(.notAsked)),
    ])
  func missingRules(text: String, expected: Value) throws {
    #expect(try eval(text) == expected)
  }

  @Test(
    "comparisons, membership, contains and functions over answers",
    arguments: [
      ("age >= 18 and age < 65", true),
      ("area in (1, 2)", true),
      ("area in (3, 4)", false),
      ("reasons contains 3", true),
      ("reasons contains 2", false),
      ("name = 'Åsa'", true),
      ("count(reasons) = 2", true),
      ("answered(age)", true),
      ("answered(dk)", false),
      ("dontknow(dk)", true),
      ("refused(ref)", true),
      ("refused(dk)", false),
      ("asked(skipped)", true),
      ("asked(unknown)", false),
      ("answered(unknown)", false),
      ("(age - 4) / 10 = 3", true),
      ("sum(age, 6) = 40", true),
      ("sum(age) = 34", true),
      ("min(age, 3, 50) = 3", true),
      ("max(1, age, 100) = 100", true),
      ("if(area = 1, 10, 20) = 10", true),
      ("if(area = 2, 'a', 'b') = 'b'", true),
      ("length(name) = 3", true),
      ("name contains 'ÅS'", true),
      ("name contains 'x'", false),
    ])
  func values(text: String, expected: Bool) throws {
    #expect(try eval(text) == .boolean(expected))
  }

  @Test("a condition is true only when it evaluates to true")
  func truth() throws {
    #expect(Evaluator.truth(of: try Parser.parse("dk = 1").get(), in: answers) == .unknown)
    #expect(Evaluator.truth(of: try Parser.parse("age = 34").get(), in: answers) == .true)
    #expect(Evaluator.truth(of: try Parser.parse("age = 35").get(), in: answers) == .false)
  }
}
