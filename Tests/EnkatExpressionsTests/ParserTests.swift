import Testing

@testable import EnkatExpressions

@Suite("Expression parsing")
struct ParserTests {
  private func parse(_ text: String) -> Expression? {
    try? Parser.parse(text).get()
  }

  private func problems(_ text: String) -> [ExpressionProblem] {
    if case .failure(let f) = Parser.parse(text) { return f.problems }
    return []
  }

  @Test("'and' binds tighter than 'or', comparison tighter than 'and'")
  func precedence() throws {
    let e = try #require(parse("a = 1 or b > 2 and not c < 3"))
    guard case .logical(.or, .comparison(.equal, _, _, _), .logical(.and, _, .not, _), _) = e else {
      Issue.record("unexpected tree \(e)")
      return
    }
  }

  @Test("arithmetic follows the usual precedence")
  func arithmetic() throws {
    let e = try #require(parse("1 + 2 * 3 - -4"))
    #expect(Evaluator.evaluate(e, in: [String: Value]()) == .number(11))
  }

  @Test("every node keeps the range of its source text")
  func ranges() throws {
    let e = try #require(parse("age >= 18 and reasons contains 3"))
    guard case .logical(_, let left, let right, let whole) = e else { Issue.record("not logical"); return }
    #expect(whole == SourceRange(0, 32))
    #expect(left.range == SourceRange(0, 9))
    #expect(right.range == SourceRange(14, 32))
    #expect(e.variables == ["age", "reasons"])
  }

  @Test("membership lists, strings in either quote, booleans and calls parse")
  func forms() {
    #expect(parse("area in (1, 2, 5)") != nil)
    #expect(parse("name = 'Åsa' or name = \"Örjan\"") != nil)
    #expect(parse("answered(q1) = true") != nil)
    #expect(parse("count(reasons) >= 2") != nil)
  }

  @Test(
    "syntax errors name the place and how to fix it",
    arguments: [
      ("age >= ", "E106", 7),
      ("age == 3", "E102", 4),
      ("a <> 3", "E102", 2),
      ("a = 1 AND b = 2", "E105", 6),
      ("name = 'open", "E101", 7),
      ("(a = 1", "E106", 6),
      ("a = 1 )", "E107", 6),
      ("a ! b", "E103", 2),
      ("area in 1, 2", "E107", 8),
    ])
  func syntaxErrors(text: String, code: String, offset: Int) {
    let found = problems(text)
    #expect(found.contains { $0.code == code && $0.range.start == offset }, "\(text): \(found)")
  }

  @Test("hostile nesting is refused with a problem, not a crash")
  func deepNesting() {
    let text = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    #expect(problems(text).contains { $0.code == "E104" })
    let negations = String(repeating: "not ", count: 5000) + "true"
    #expect(problems(negations).contains { $0.code == "E104" })
  }

  @Test("an empty expression is an error")
  func empty() {
    #expect(problems("").first?.code == "E106")
    #expect(problems("   ").first?.code == "E106")
  }
}
