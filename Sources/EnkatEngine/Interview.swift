import EnkatExpressions
import EnkatModel

/// One interview of one case: the route through a questionnaire, as a state machine.
///
/// `Interview` does no I/O. A front end shows `step`, reads a line, turns it into an
/// `InterviewInput`, and calls `handle(_:elapsedMilliseconds:)`; it records the returned events
/// durably, in order, before it shows the next step.
///
/// Routing: a question is on the route when its section's and its own `askIf` are true; a
/// condition that reads a missing value is unknown, and an unknown condition does not ask.
/// Conditions read only earlier answers, so the route up to any question is fixed by the answers
/// before it. When a revision takes answered questions off the route, their responses are
/// cleared (and a `cleared` event says so).
public struct Interview: Sendable {
  private enum State: Equatable, Sendable {
    case asking(Int)
    case confirmingEnd
    case finished(InterviewOutcome)
  }

  public let questionnaire: Questionnaire
  /// The language questions are asked in; `/lang` changes it.
  public private(set) var language: String
  let questions: [Question]
  /// For each question, the conditions that must hold: its section's, then its own.
  let conditions: [[Expression]]
  private(set) var missingLabels: [MissingKind: String]
  /// Fixes the random option orders of this case.
  let seed: UInt64
  /// The interview's date for `today()` (a day number, see `CalendarDay`); nil leaves it missing.
  let today: Int?
  /// The sample's values for the questionnaire's preload variables (`Questionnaire.preload`).
  let preload: [String: Value]
  /// The option order last recorded for each question.
  private var recordedOrders: [String: [Int]] = [:]
  /// The randomized blocks whose question order has been recorded.
  private var recordedBlocks: Set<String> = []
  /// The questions whose conditions read each variable (see `dependencyGraph`).
  let dependents: [String: [Int]]
  /// The index of each question by its id.
  let questionIndex: [String: Int]
  /// The loops that run a counted number of times, with what they read.
  let loopBounds: [LoopBound]
  /// The computed variables in interview order, each with its expression.
  let computedVariables: [(id: String, expression: Expression)]
  /// For each question, the index of its section.
  let sectionIndex: [Int]
  /// For each question, whether it is on the route given the responses (see `updateRoute`).
  var route: [Bool]
  /// The recorded responses, by question id.
  public internal(set) var responses: [String: Response] = [:]
  private var state: State
  /// For each question, the soft checks the interviewer confirmed for its response in force:
  /// Enter on that response does not warn about them again.
  public internal(set) var confirmations: [String: Set<Int>] = [:]
  /// A soft-check warning given at the last step: the question, the answer warned about, and the
  /// failed soft checks. Confirming (`/ok` or the same answer) is possible only right after it.
  private var warning: (index: Int, response: Response, checks: [Int])?

  /// A new interview, at the first question on the route.
  public init(
    questionnaire: Questionnaire, language: String, seed: UInt64 = 0, today: Int? = nil, preload: [String: Value] = [:]
  ) {
    self.init(
      questionnaire: questionnaire, language: language, responses: [:], seed: seed, today: today, preload: preload)
  }

  /// An interview resumed with the responses recorded so far, where walking forward from the
  /// start would stop: at the first question on the route without a response, or whose kept
  /// response no longer passes (a hard check, an option no longer offered, or a soft check not
  /// confirmed for it); at the end confirmation when there is none.
  ///
  /// `confirmations` are the soft checks confirmed for each response in force (`confirm`
  /// records), so a confirmed warning is not raised again.
  /// `seed` fixes the case's random option orders; pass the same seed (e.g. from the case id)
  /// when resuming, so the interviewer sees the same order.
  /// `today` is the date `today()` gives, from the front end's clock; `preload` the sample's
  /// values (`PreloadValues`), the same at every resume.
  public init(
    questionnaire: Questionnaire, language: String, responses: [String: Response],
    confirmations: [String: Set<Int>] = [:], seed: UInt64 = 0, today: Int? = nil, preload: [String: Value] = [:]
  ) {
    self.preload = preload
    self.seed = seed
    self.today = today
    self.questionnaire = questionnaire
    self.language = language
    let order = Self.caseOrder(of: questionnaire.instances, seed: seed)
    questions = order.map { questionnaire.instances[$0] }
    sectionIndex = order.map { questionnaire.instanceSections[$0] }
    conditions = zip(questions, sectionIndex).map { q, s in
      // A loop's instances carry their section's condition, read in their iteration.
      [q.iteration == nil ? questionnaire.sections[s].askIf?.expression : nil, q.askIf?.expression].compactMap { $0 }
    }
    route = Array(repeating: false, count: questions.count)
    dependents = Self.dependencyGraph(questions, conditions)
    loopBounds = Self.loopBounds(questionnaire, Self.computedInputs(questions))
    computedVariables = questions.compactMap { q in
      if case .computed(let c, _) = q.kind { return (q.id, c.expression) } else { return nil }
    }
    questionIndex = Dictionary(questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    missingLabels = Self.missingLabels(questionnaire, language)
    self.responses = responses
    self.confirmations = confirmations.filter { responses[$0.key] != nil }
    state = .confirmingEnd
    _ = updateRoute()
    let first = responses.isEmpty ? nextOnRoute(after: -1) : firstQuestionNeedingAttention()
    state = first.map { .asking($0) } ?? .confirmingEnd
  }

  private static func missingLabels(_ questionnaire: Questionnaire, _ language: String) -> [MissingKind: String] {
    var labels: [MissingKind: String] = [:]
    for code in questionnaire.missingCodes { labels[code.kind] = code.label.text(in: language) }
    return labels
  }

  /// What the front end should show now.
  public var step: Step {
    switch state {
    case .asking(let i): return .ask(prompt(at: i))
    case .confirmingEnd: return .confirmEnd
    case .finished(let outcome): return .finished(outcome)
    }
  }

  /// Handles one input; `elapsedMilliseconds` is the time spent on the current question.
  public mutating func handle(_ input: InterviewInput, elapsedMilliseconds: Int = 0) -> Transition {
    let warned = warning
    warning = nil
    switch (state, input) {
    case (.finished, _):
      return Transition(step: step)
    case (_, .unknownCommand(let typed, let suggestion)):
      return refuse(.unknownCommand(typed, suggestion: suggestion?.name))
    case (_, .switchLanguage(let requested)):
      guard let requested, questionnaire.languages.contains(requested) else {
        return refuse(.languages(requested: requested, available: questionnaire.languages))
      }
      guard requested != language else { return Transition(step: step) }
      language = requested
      missingLabels = Self.missingLabels(questionnaire, requested)
      return Transition(events: [.languageChanged(requested)], step: step)
    case (_, .command(.help)):
      return Transition(step: step, feedback: .help)
    case (_, .command(.pause)):
      return finish(.suspended)
    case (_, .command(.stop)):
      return finish(.breakOff)
    case (_, .command(.back)):
      let end = state == .confirmingEnd ? questions.count : currentIndex ?? 0
      guard let previous = previousOnRoute(before: end) else { return refuse(.atFirstQuestion) }
      state = .asking(previous)
      return Transition(step: step)
    case (.confirmingEnd, .answer(let text)):
      guard text.trimmingSpaces.isEmpty else { return refuse(.endExpectsEnter) }
      return finish(.complete)
    case (.confirmingEnd, .command):
      return refuse(.endExpectsEnter)
    case (.asking(let i), .command(.confirm)):
      guard let warned, warned.index == i else { return refuse(.nothingToConfirm) }
      return respond(at: i, with: warned.response, elapsed: elapsedMilliseconds, warned: warned)
    case (_, .command(.confirm)):
      return refuse(.nothingToConfirm)
    case (.asking(let i), .command(.dontKnow)):
      return respond(at: i, with: .missing(.dontKnow), elapsed: elapsedMilliseconds)
    case (.asking(let i), .command(.refused)):
      return respond(at: i, with: .missing(.refused), elapsed: elapsedMilliseconds)
    case (.asking(let i), .answer(let text)):
      return answer(text, at: i, elapsed: elapsedMilliseconds, warned: warned)
    }
  }

  /// The question being asked, if any (without building its prompt).
  public var currentQuestion: Question? { currentIndex.map { questions[$0] } }

  /// The index of the question being asked, if any.
  var currentIndex: Int? {
    if case .asking(let i) = state { return i }
    return nil
  }

  private mutating func answer(
    _ text: String, at i: Int, elapsed: Int, warned: (index: Int, response: Response, checks: [Int])?
  ) -> Transition {
    let question = questions[i]
    guard question.takesAnswer else {
      if !text.trimmingSpaces.isEmpty { return refuse(.nothingToAnswer) }
      return moveOn(from: i, events: [])
    }
    if text.trimmingSpaces.isEmpty {
      if let kept = responses[question.id] { return respond(at: i, with: kept, elapsed: elapsed, warned: warned) }
      if question.required { return refuse(.empty) }
      return respond(at: i, with: .noAnswer, elapsed: elapsed)
    }
    switch parser(for: question).parse(text) {
    case .failure(let problem): return refuse(problem)
    case .success(let response): return respond(at: i, with: response, elapsed: elapsed, warned: warned)
    }
  }

  private mutating func respond(
    at i: Int, with response: Response, elapsed: Int, warned: (index: Int, response: Response, checks: [Int])? = nil
  ) -> Transition {
    let question = questions[i]
    let assessment = assess(response, at: i)
    if let problem = assessment.problem { return refuse(problem) }
    var confirmed: [Int] = []
    let previous = responses[question.id]
    if case .answer = response {
      // Hard checks passed; what still fails is soft. A kept response does not warn again about
      // the checks already confirmed for it.
      let already = previous == response ? confirmations[question.id, default: []] : []
      let failed = assessment.failedSoftChecks.filter { !already.contains($0) }
      if let first = failed.first {
        guard let warned, warned.index == i, warned.response == response else {
          warning = (i, response, failed)
          var filler = TextFiller(self, candidate: (question.id, response))
          return refuse(.checkWarning(filler.all(question.checks[first].message)))
        }
        confirmed = failed
      }
    }
    var events: [InterviewEvent] = []
    if previous == response && !confirmed.isEmpty {
      // A kept response confirmed anew: the confirmation is recorded with the response it is for.
      events += confirmed.map { .confirmed(questionID: question.id, check: $0) }
      events.append(
        .answered(questionID: question.id, response: response, elapsedMilliseconds: max(0, elapsed), revision: true))
      confirmations[question.id, default: []].formUnion(confirmed)
    } else if previous != response {
      if let block = question.block?.id, !recordedBlocks.contains(block) {
        events.append(.questionOrder(blockID: block, questionIDs: questionIDs(inBlock: block)))
        recordedBlocks.insert(block)
      }
      if question.optionOrder != .asWritten {
        let order = offeredChoices(at: i).map(\.code)
        if recordedOrders[question.id] != order {
          events.append(.optionOrder(questionID: question.id, codes: order))
          recordedOrders[question.id] = order
        }
      }
      events += confirmed.map { .confirmed(questionID: question.id, check: $0) }
      events.append(
        .answered(
          questionID: question.id, response: response,
          elapsedMilliseconds: max(0, elapsed), revision: previous != nil))
      responses[question.id] = response
      confirmations[question.id] = confirmed.isEmpty ? nil : Set(confirmed)
      events += updateRoute(after: question.id).map { .cleared(questionID: $0) }
    }
    return moveOn(from: i, events: events)
  }

  private mutating func moveOn(from i: Int, events: [InterviewEvent]) -> Transition {
    state = nextOnRoute(after: i).map { .asking($0) } ?? .confirmingEnd
    return Transition(events: events, step: step)
  }

  private mutating func finish(_ outcome: InterviewOutcome) -> Transition {
    state = .finished(outcome)
    return Transition(events: [.ended(outcome)], step: step)
  }

  private func refuse(_ problem: AnswerProblem) -> Transition {
    Transition(step: step, feedback: .problem(problem))
  }

  /// Why `response` cannot be recorded for question `i` as things stand (soft checks aside), or
  /// nil. An answer is re-read from its typed form by the question's parser, so a kept or replayed
  /// answer meets the same rules (range, decimals, offered options, limits) as a typed one.
  func problem(with response: Response, at i: Int) -> AnswerProblem? {
    assess(response, at: i).problem
  }

  /// Why `response` cannot be recorded (see `problem(with:at:)`), and otherwise the indices of the
  /// soft checks it fails, with the checks evaluated once.
  private func assess(_ response: Response, at i: Int) -> (problem: AnswerProblem?, failedSoftChecks: [Int]) {
    let question = questions[i]
    guard question.takesAnswer else { return (.nothingToAnswer, []) }
    switch response {
    case .missing(let kind): return (question.allowedMissing.contains(kind) ? nil : .missingNotAllowed(kind), [])
    case .noAnswer: return (question.required ? .empty : nil, [])
    case .answer(let value):
      if case .failure(let problem) = parser(for: question).parse(Self.typed(value)) { return (problem, []) }
      if let problem = loopBoundProblem(response, at: i) { return (problem, []) }
      let failed = failedChecks(question, response)
      if let hard = failed.first(where: { question.checks[$0].kind == .hard }) {
        var filler = TextFiller(self, candidate: (question.id, response))
        return (.checkFailed(filler.all(question.checks[hard].message)), [])
      }
      return (nil, failed)
    }
  }

  /// Where walking forward from the first question stops: the first question on the route that
  /// takes an answer and has none, or whose response no longer passes (see `init`).
  func firstQuestionNeedingAttention() -> Int? {
    questions.indices.first { i in
      guard route[i], questions[i].takesAnswer else { return false }
      guard let response = responses[questions[i].id] else { return true }
      let assessment = assess(response, at: i)
      if assessment.problem != nil { return true }
      return !Set(assessment.failedSoftChecks).isSubset(of: confirmations[questions[i].id, default: []])
    }
  }

  /// An answer as an interviewer would type it.
  static func typed(_ value: AnswerValue) -> String {
    switch value {
    case .code(let c): return String(c)
    case .codes(let codes): return codes.map(String.init).joined(separator: ",")
    case .number(let n): return Value.format(n)
    case .text(let s): return s
    case .date(let day): return CalendarDay.format(day)
    }
  }

  /// The indices of the checks that `candidate` fails (a rule that reads a missing value passes).
  private func failedChecks(_ question: Question, _ candidate: Response) -> [Int] {
    guard !question.checks.isEmpty else { return [] }
    let lookup = values(with: (question.id, candidate))
    return question.checks.indices.filter {
      Evaluator.truth(of: question.checks[$0].rule.expression, in: lookup) == .false
    }
  }

  func parser(for question: Question) -> AnswerParser {
    let choices = questionIndex[question.id].map { filledChoices(offeredChoices(at: $0)) }
    return AnswerParser(question: question, language: language, missingLabels: missingLabels, choices: choices)
  }
}
