import PropertyBased
import Testing

@testable import EnkatExpressions

/// Fragments that expressions are made of, plus the broken pieces authors type.
private let fragments = [
  "area", "age", "reasons", "name", "agee", "=", "!=", "<", "<=", ">", ">=", "==", "<>", "&&", "||", "!",
  "(", ")", ",", "+", "-", "*", "/", "and", "or", "not", "in", "contains", "AND", "true", "false", "1", "2.5",
  "0", "99999999999999999999999999", "'x'", "'", "\"y\"", "\"", "\\", "answered(", "count(", "dontknow",
  "sum(", "min(", "max(", "if(", "length(",
  "åäö", " ", "  ", "\t", "\n", ".", "1.", "#", "😀", "\u{0}",
]

@Suite("Expression parser under arbitrary input")
struct ParserPropertyTests {
  let known: [String: VariableInfo] = [
    "area": VariableInfo(type: .number, codes: [1, 2]), "age": VariableInfo(type: .number),
    "reasons": VariableInfo(type: .codeSet, codes: [1, 2, 3]), "name": VariableInfo(type: .text),
  ]
  let answers: [String: Value] = [
    "area": .number(1), "age": .missing(.dontKnow), "reasons": .codes([2]), "name": .text("x"),
  ]

  @Test("any sequence of fragments parses or is rejected with in-range problems, and what parses checks and evaluates")
  func arbitraryFragments() async {
    await propertyCheck(count: 3000, input: Gen.element(of: fragments).array(of: 0...24)) { pieces in
      let text = pieces.compactMap { $0 }.joined(separator: pieces.count % 3 == 0 ? " " : "")
      let length = text.unicodeScalars.count
      switch Parser.parse(text) {
      case .failure(let failure):
        #expect(!failure.problems.isEmpty)
        for p in failure.problems {
          #expect(
            p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= length,
            "\(text.debugDescription): \(p)")
          #expect(!p.message.isEmpty)
        }
      case .success(let expression):
        #expect(expression.range.end <= length)
        let problems = TypeChecker.check(expression, expecting: .boolean) { name in
          known[name].map { .variable($0) } ?? .unknown(suggestions: [])
        }
        #expect(problems.allSatisfy { $0.range.end <= length })
        _ = Evaluator.evaluate(expression, in: answers)
      }
    }
  }
}
