import EnkatModel

/// What the engine asks the front end to do after an input: record `events` durably, in order,
/// then show `step` (with `feedback`, if any).
public struct Transition: Equatable, Sendable {
  public var events: [InterviewEvent]
  public var step: Step
  public var feedback: Feedback?

  public init(events: [InterviewEvent] = [], step: Step, feedback: Feedback? = nil) {
    self.events = events
    self.step = step
    self.feedback = feedback
  }
}

/// The state the front end shows next.
public enum Step: Equatable, Sendable {
  case ask(Prompt)
  /// Every question on the route has a response; Enter ends the interview.
  case confirmEnd
  case finished(InterviewOutcome)
}

/// A message to show with the step.
public enum Feedback: Equatable, Sendable {
  /// The reply was refused; the same question is asked again.
  case problem(AnswerProblem)
  case help
}
