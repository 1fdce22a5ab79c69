import EnkatEngine
import EnkatExpressions
import EnkatModel

/// Runs synthetic respondents through the real interview engine.
public struct Simulator: Sendable {
  public let questionnaire: Questionnaire
  public let profile: SimulationProfile
  public let language: String
  /// The date `today()` gives in the simulated interviews (a day number).
  public let today: Int?
  /// After this many refused replies to one question, the respondent says don't know (or refused),
  /// and failing that breaks off: the question's checks cannot be met by what it draws.
  public static let attemptsPerQuestion = 200

  public init(questionnaire: Questionnaire, profile: SimulationProfile, language: String, today: Int? = nil) {
    self.questionnaire = questionnaire
    self.profile = profile
    self.language = language
    self.today = today
  }

  /// Interviews case number `n` of a run seeded with `seed`.
  public func run(case n: Int, seed: UInt64) -> SimulatedCase {
    var random = SeededGenerator.forCase(n, seed: seed)
    var interview = Interview(questionnaire: questionnaire, language: language, seed: random.next(), today: today)
    var respondent = SyntheticRespondent(random: random, profile: profile)
    var result = SimulatedCase()
    var attempts: [String: Int] = [:]
    // Whether (and after how many questions) this respondent breaks off or suspends: drawn from a
    // generator of its own, so that profiles without either simulate exactly as before.
    var ending: (line: String, after: Int)?
    if profile.breakOffPercent > 0 || profile.suspendPercent > 0 {
      var draws = SeededGenerator.forCase(n, seed: seed ^ 0x5EED_B4EA_0FF5_0000)
      let u = Double(draws.next() % 1_000_000) / 10_000
      let after = 1 + Int(draws.next() % UInt64(max(1, questionnaire.questions.filter(\.takesAnswer).count)))
      if u < profile.breakOffPercent {
        ending = ("/stop", after)
      } else if u < profile.breakOffPercent + profile.suspendPercent {
        ending = ("/pause", after)
      }
    }
    while true {
      guard let question = interview.currentQuestion else {
        if case .finished(let outcome) = interview.step {
          result.outcome = outcome
          return result
        }
        result.events += interview.handle(.answer("")).events  // the end confirmation
        continue
      }
      result.reached.insert(question.iteration?.baseID ?? question.id)
      var line = respondent.reply(to: question, answers: interview.responseValues)
      if let ending, result.reached.count >= ending.after { line = ending.line }
      let tries = attempts[question.id, default: 0]
      if tries >= Self.attemptsPerQuestion {
        result.stuckAt = question.id
        let missing = question.allowedMissing.first.map { $0 == .dontKnow ? "/dk" : "/ref" }
        line = tries == Self.attemptsPerQuestion ? (missing ?? "/stop") : "/stop"
      }
      let transition = interview.handle(
        InterviewInput(parsing: line), elapsedMilliseconds: respondent.elapsedMilliseconds())
      result.events += transition.events
      if case .problem = transition.feedback { attempts[question.id, default: 0] += 1 }
    }
  }
}

/// What one simulated interview did.
public struct SimulatedCase: Sendable {
  public var events: [InterviewEvent] = []
  public var outcome: InterviewOutcome = .breakOff
  /// The questions that were asked (shown) at least once.
  public var reached: Set<String> = []
  /// A question whose checks the respondent could not meet, if any.
  public var stuckAt: String?
}

/// Totals over many simulated cases.
public struct SimulationReport: Sendable {
  public private(set) var cases = 0
  public private(set) var outcomes: [InterviewOutcome: Int] = [:]
  public private(set) var reached: [String: Int] = [:]
  public private(set) var stuck: [String: Int] = [:]
  public let questionIDs: [String]

  public init(questionnaire: Questionnaire) {
    questionIDs = questionnaire.questions.filter(\.isShown).map(\.id)
  }

  public mutating func add(_ simulated: SimulatedCase) {
    cases += 1
    outcomes[simulated.outcome, default: 0] += 1
    for id in simulated.reached { reached[id, default: 0] += 1 }
    if let id = simulated.stuckAt { stuck[id, default: 0] += 1 }
  }

  /// Questions no case reached, in questionnaire order.
  public var neverReached: [String] { questionIDs.filter { reached[$0] == nil } }
}
