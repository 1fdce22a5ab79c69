import EnkatModel

/// What a recorded case would look like under another version of its questionnaire.
public enum ReplayFinding: Equatable, Sendable {
  /// The answer's question is no longer on the case's route: the new routing skips it.
  case offRoute(String)
  /// The answer would be refused now (a code no longer offered, out of range, a hard check).
  case invalid(String, AnswerProblem)
  /// A completed case lacks an answer to a question now on its route (a new question, or a
  /// routing change).
  case missing(String)
  /// The answer's question does not exist in this version, or has another type.
  case unknown(String)
}

extension Interview {
  /// Re-runs recorded responses through `questionnaire` and lists, in questionnaire order, the
  /// answers that would now be off route or invalid and, for a completed case, the questions on
  /// its route that have no answer. `unusable` are recorded answers that fit no question.
  public static func replay(
    questionnaire: Questionnaire, language: String, responses: [String: Response], unusable: [String], complete: Bool,
    seed: UInt64 = 0, today: Int? = nil
  ) -> [ReplayFinding] {
    let interview = Interview(
      questionnaire: questionnaire, language: language, responses: responses, seed: seed, today: today)
    var findings = unusable.map(ReplayFinding.unknown)
    for (i, question) in interview.questions.enumerated() {
      if responses[question.id] != nil && interview.responses[question.id] == nil {
        findings.append(.offRoute(question.id))
      } else if let response = interview.responses[question.id], let problem = interview.problem(with: response, at: i)
      {
        findings.append(.invalid(question.id, problem))
      } else if complete, interview.route[i], question.takesAnswer, interview.responses[question.id] == nil {
        findings.append(.missing(question.id))
      }
    }
    return findings
  }
}
