import EnkatEngine
import EnkatExpressions
import EnkatModel

/// A made-up respondent: answers each question within its domain, following the profile's rule
/// for it when there is one, and types the reply as an interviewer would (`2`, `1,3`, `/dk`).
public struct SyntheticRespondent {
  private var random: SeededGenerator
  private let profile: SimulationProfile
  private static let phrases = [
    "Mer tid för klienterna", "För hög arbetsbelastning", "Bra kollegor", "More support", "Ingen kommentar",
  ]

  public init(random: SeededGenerator, profile: SimulationProfile) {
    self.random = random
    self.profile = profile
  }

  /// Milliseconds the respondent takes on a question: 1.5 to 20 seconds.
  public mutating func elapsedMilliseconds() -> Int { Int.random(in: 1500...20_000, using: &random) }

  /// The line typed for `question`, given the answers so far.
  public mutating func reply(to question: Question, answers: [String: Value]) -> String {
    let rule = profile.rule(
      for: question.iteration?.baseID ?? question.id,
      answers: AsWritten(answers: answers, iteration: question.iteration))
    switch question.kind {
    case .display, .computed: return ""
    case .singleChoice(let choices): return weightedCode(choices.map(\.code), question, rule)
    case .scale(let s): return weightedCode(Array(s.min...s.max), question, rule)
    case .multipleChoice(let choices, let limits): return multiple(choices.map(\.code), limits, question, rule)
    case .number(let range):
      if let missing = percentMissing(question, rule) { return missing }
      let low = rule?.range?.lowerBound ?? range.min ?? 0
      let high = rule?.range?.upperBound ?? range.max ?? low + 100
      let scale = pow10(range.decimals)
      let value = (Double.random(in: low...max(low, high), using: &random) * scale).rounded(.down) / scale
      return Value.format(max(low, value))
    case .text(let maxLength):
      if let missing = percentMissing(question, rule) { return missing }
      if !question.required && Double.random(in: 0..<1, using: &random) < 0.3 { return "" }
      let phrase = Self.phrases.randomElement(using: &random)!
      return String(phrase.prefix(maxLength ?? phrase.count))
    case .date(let range):
      if let missing = percentMissing(question, rule) { return missing }
      // Without a range: from 1930 to the interview's date.
      var today: Int?
      if case .number(let n)? = answers[BuiltinFunction.todayVariable] { today = Int(n) }
      let low = range.min ?? CalendarDay.number(year: 1930, month: 1, day: 1)!
      let high = range.max ?? today ?? CalendarDay.number(year: 2030, month: 12, day: 31)!
      return CalendarDay.format(Int.random(in: low...max(low, high), using: &random))
    }
  }

  /// The answers as a profile written against the questionnaire's ids sees them: in a loop's
  /// iteration, `age` is this iteration's `age[k]`. Looked up per name, not copied, since the
  /// profile's conditions read only a few names.
  struct AsWritten: AnswerLookup {
    var answers: [String: Value]
    var iteration: Iteration?

    func value(of name: String) -> Value {
      if let value = answers[name] { return value }
      if let key = iteration?.key, let value = answers[Iteration.instanceID(name, key)] { return value }
      return .missing(.notAsked)
    }
  }

  /// A code drawn by weight, or a missing reply drawn from the same pool.
  private mutating func weightedCode(_ codes: [Int], _ question: Question, _ rule: SimulationProfile.Rule?) -> String {
    var pool: [(String, Double)]
    if let rule, !rule.weights.isEmpty {
      pool = codes.map { (String($0), rule.weights[$0] ?? 0) }
    } else {
      pool = codes.map { (String($0), 1) }
    }
    let total = pool.map(\.1).reduce(0, +)
    for (response, weight) in missingWeights(question, rule, scale: max(total, 1)) {
      pool.append((Self.line(for: response), weight))
    }
    return draw(pool) ?? String(codes[0])
  }

  private mutating func multiple(
    _ codes: [Int], _ limits: MultipleChoiceLimits, _ question: Question, _ rule: SimulationProfile.Rule?
  ) -> String {
    if let missing = percentMissing(question, rule) { return missing }
    var chosen = codes.filter { code in
      let percent = rule.flatMap { $0.weights.isEmpty ? nil : ($0.weights[code] ?? 0) } ?? 30
      return Double.random(in: 0..<100, using: &random) < percent
    }
    if let only = chosen.first(where: { code in question.choices.contains { $0.code == code && $0.exclusive } }) {
      return String(only)
    }
    let minimum = max(1, limits.minSelected)
    let combinable = codes.filter { code in !question.choices.contains { $0.code == code && $0.exclusive } }
    while chosen.count < minimum, let extra = combinable.filter({ !chosen.contains($0) }).randomElement(using: &random)
    {
      chosen.append(extra)
    }
    if let maximum = limits.maxSelected {
      while chosen.count > maximum { chosen.remove(at: Int.random(in: 0..<chosen.count, using: &random)) }
    }
    return chosen.sorted().map(String.init).joined(separator: ",")
  }

  /// For questions answered by percent: a missing reply, or nil to answer.
  private mutating func percentMissing(_ question: Question, _ rule: SimulationProfile.Rule?) -> String? {
    let roll = Double.random(in: 0..<100, using: &random)
    var threshold = 0.0
    for (response, percent) in missingWeights(question, rule, scale: 100) {
      threshold += percent
      if roll < threshold { return Self.line(for: response) }
    }
    return nil
  }

  /// The missing replies allowed here with their weights: the profile's, or by default don't know
  /// 2% and refused 1% of `scale`, and an empty reply 10% where the question is optional.
  private func missingWeights(_ question: Question, _ rule: SimulationProfile.Rule?, scale: Double) -> [(
    Response, Double
  )] {
    var allowed: [(Response, Double)] = question.allowedMissing.map { kind in
      (.missing(kind), kind == .dontKnow ? 0.02 * scale : 0.01 * scale)
    }
    if !question.required { allowed.append((.noAnswer, 0.1 * scale)) }
    if let rule, !rule.missingWeights.isEmpty || !rule.weights.isEmpty {
      allowed = allowed.map { ($0.0, rule.missingWeights[$0.0] ?? 0) }
    }
    return allowed
  }

  private mutating func draw(_ pool: [(String, Double)]) -> String? {
    let total = pool.map(\.1).reduce(0, +)
    guard total > 0 else { return nil }
    var roll = Double.random(in: 0..<total, using: &random)
    for (line, weight) in pool {
      if roll < weight { return line }
      roll -= weight
    }
    return pool.last?.0
  }

  private static func line(for response: Response) -> String {
    switch response {
    case .missing(.dontKnow): return "/dk"
    case .missing(.refused): return "/ref"
    default: return ""
    }
  }

  private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 10 } }
}
