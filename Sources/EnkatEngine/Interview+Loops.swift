import EnkatExpressions
import EnkatModel

extension Interview {
  /// A loop that runs as many times as an expression says, and the most it may run.
  struct LoopBound: Sendable {
    var loopID: String
    var count: Expression
    var max: Int
    /// The variables the count reads, directly or through computed variables.
    var reads: Set<String>
  }

  static func loopBounds(_ questionnaire: Questionnaire, _ computedInputs: [String: Set<String>]) -> [LoopBound] {
    questionnaire.sections.compactMap { section in
      guard case .times(let count, let max)? = section.loop?.count else { return nil }
      return LoopBound(
        loopID: section.id, count: count.expression, max: max, reads: reads([count.expression], computedInputs))
    }
  }

  /// Refuses an answer that would make a counted loop run more often than its `max`, so no
  /// iteration is ever silently left out.
  func loopBoundProblem(_ response: Response, at i: Int) -> AnswerProblem? {
    let id = questions[i].id
    let affected = loopBounds.filter { $0.reads.contains(id) }
    guard !affected.isEmpty else { return nil }
    let values = values(with: (id, response))
    for bound in affected {
      if case .number(let n) = Evaluator.evaluate(bound.count, in: values), n > Double(bound.max) {
        return .tooManyIterations(loop: bound.loopID, max: bound.max)
      }
    }
    return nil
  }
}
