import EnkatEngine
import EnkatModel

/// An interview driven by typed lines, for engine tests that read like an interview:
/// ```
/// var s = try Scenario(json)
/// try s.expect("area"); s.reply("1")
/// ```
public struct Scenario {
  public var interview: Interview
  public private(set) var events: [InterviewEvent] = []
  public private(set) var lastFeedback: Feedback?

  /// Loads inline questionnaire JSON; fails with the diagnostics when it does not load.
  public init(_ json: String, language: String = "sv") throws {
    let outcome = QuestionnaireLoader.load(Array(json.utf8), file: "inline.json")
    guard let q = outcome.questionnaire else { throw ScenarioError.invalid(outcome.diagnostics.map(\.description)) }
    interview = Interview(questionnaire: q, language: language)
  }

  public init(_ interview: Interview) {
    self.interview = interview
  }

  /// The id of the question being asked, or "<end>" / "<finished>".
  public var current: String {
    switch interview.step {
    case .ask(let p): return p.questionID
    case .confirmEnd: return "<end>"
    case .finished(let o): return "<finished:\(o.rawValue)>"
    }
  }

  /// The prompt being shown, if a question is asked.
  public var prompt: Prompt? {
    if case .ask(let p) = interview.step { return p }
    return nil
  }

  /// Types a line (an answer or a command); returns the problem when the reply is refused.
  @discardableResult
  public mutating func reply(_ line: String) -> AnswerProblem? {
    let t = interview.handle(InterviewInput(parsing: line), elapsedMilliseconds: 10)
    events += t.events
    lastFeedback = t.feedback
    if case .problem(let p) = t.feedback { return p }
    return nil
  }
}

/// A scenario that could not start.
public enum ScenarioError: Error {
  case invalid([String])
}
