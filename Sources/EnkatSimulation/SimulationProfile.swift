import EnkatExpressions
import EnkatModel

/// Target distributions for synthetic respondents, per question, optionally conditional on earlier
/// answers. Questions without a rule are answered uniformly within their domain.
public struct SimulationProfile: Sendable {
  /// How one question is answered when the rule's condition holds (or always, without one).
  public struct Rule: Sendable {
    public var questionID: String
    /// Only when this holds over the answers so far; nil: always.
    public var when: Condition?
    /// Relative weights of codes (single choice, scale) or, for a multiple choice, the percent
    /// chance that each code is chosen.
    public var weights: [Int: Double]
    /// Weights (percent for multiple choice) of the missing kinds and of leaving it empty.
    public var missingWeights: [Response: Double]
    /// For number questions: the range to draw from.
    public var range: ClosedRange<Double>?
  }

  public var rules: [Rule]
  /// The percentage of interviews that break off (`/stop`), and of those suspended (`/pause`) and
  /// never resumed, each at a question drawn uniformly from the questionnaire's questions (an
  /// interview whose route ends first completes).
  public var breakOffPercent: Double
  public var suspendPercent: Double

  public init(rules: [Rule] = [], breakOffPercent: Double = 0, suspendPercent: Double = 0) {
    self.rules = rules
    self.breakOffPercent = breakOffPercent
    self.suspendPercent = suspendPercent
  }

  /// The first rule for `questionID` whose condition holds over `answers`.
  func rule(for questionID: String, answers: some AnswerLookup) -> Rule? {
    rules.first { rule in
      rule.questionID == questionID
        && (rule.when.map { Evaluator.truth(of: $0.expression, in: answers) == .true } ?? true)
    }
  }
}
