import Testing

@testable import EnkatExpressions

@Suite("Type checking")
struct TypeCheckerTests {
  let known: [String: VariableInfo] = [
    "age": VariableInfo(type: .number), "area": VariableInfo(type: .number, codes: [1, 2, 3, 4, 5]),
    "reasons": VariableInfo(type: .codeSet, codes: [1, 2, 3]), "name": VariableInfo(type: .text),
  ]

  private func check(_ text: String) throws -> [ExpressionProblem] {
    let e = try Parser.parse(text).get()
    return TypeChecker.check(e, expecting: .boolean) { name in
      if let info = known[name] { return .variable(info) }
      if name == "later" { return .unavailable(reason: "it is asked later") }
      return .unknown(suggestions: EditDistance.suggestions(for: name, among: known.keys))
    }
  }

  @Test(
    "type errors are found with their code",
    arguments: [
      ("reasons = 3", "E124"),
      ("area contains 3", "E123"),
      ("reasons in (1, 2)", "E121"),
      ("age = 'x'", "E125"),
      ("name > 3", "E125"),
      ("age + 1", "E120"),
      ("age and true", "E120"),
      ("agee > 3", "E110"),
      ("later = 1", "E111"),
      ("answered(age + 1)", "E129"),
      ("count(age) > 1", "E120"),
      ("answerd(age)", "E127"),
      ("answered(age, area)", "E128"),
      ("if(age > 3, 1, 'x') = 1", "E131"),
      ("if(age, 1, 2) = 1", "E120"),
      ("sum() > 1", "E128"),
      ("sum(age, name) > 1", "E120"),
      ("length(age) > 1", "E120"),
      ("name contains 3", "E120"),
      ("if(age > 3, 1, 2) + 1", "E120"),
      ("area = 7", "W130"),
      ("reasons contains 9", "W130"),
    ])
  func errors(text: String, code: String) throws {
    let found = try check(text)
    #expect(found.map(\.code) == [code], "\(text): \(found)")
  }

  @Test("a misspelt question gets a did-you-mean hint")
  func didYouMean() throws {
    let found = try check("arae = 1")
    #expect(found.first?.hint == "did you mean 'area'?")
    #expect(found.first?.range == SourceRange(0, 4))
  }

  @Test("well-typed conditions have no problems")
  func clean() throws {
    for text in [
      "age >= 18", "area in (1, 2) and not reasons contains 3", "name = 'x' or answered(age)", "count(reasons) > 1",
      "sum(age, area, 1) > 2", "if(age > 30, 'old', 'young') = 'old'", "length(name) < 10 and name contains 'a'",
      "max(age, area) = min(age, area)",
    ] {
      #expect(try check(text).isEmpty, "\(text)")
    }
  }

  @Test("edit distance counts a swap of neighbours as one edit")
  func distance() {
    #expect(EditDistance.distance("arae", "area") == 1)
    #expect(EditDistance.distance("kitten", "sitting") == 3)
    #expect(EditDistance.distance("", "abc") == 3)
  }
}

@Suite("Hostile literals")
struct HostileLiteralTests {
  @Test("a huge or fractional number compared with a choice is a warning, not a trap")
  func hugeCode() throws {
    for text in ["area = " + String(repeating: "9", count: 400), "area = 99999999999999999999999", "area = 1.5"] {
      let e = try Parser.parse(text).get()
      let problems = TypeChecker.check(e, expecting: .boolean) { _ in
        .variable(VariableInfo(type: .number, codes: [1, 2]))
      }
      #expect(problems.map(\.code) == ["W130"], "\(text)")
    }
  }
}
