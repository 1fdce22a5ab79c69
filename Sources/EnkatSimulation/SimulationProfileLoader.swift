import EnkatExpressions
import EnkatModel

/// Loads a simulation profile from JSON and checks it against the questionnaire, with the same
/// diagnostics as `enkat check`:
///
/// ```json
/// {"profileVersion": 1, "rules": [
///   {"question": "area", "weights": {"1": 40, "2": 30, "3": 15, "4": 10, "5": 5}},
///   {"question": "satisfaction", "when": "area = 1", "weights": {"1": 25, "2": 30, "3": 20, "4": 15, "5": 10}},
///   {"question": "legalCertainty", "weights": {"1": 55, "2": 40, "dontKnow": 5}},
///   {"question": "years", "range": {"min": 0, "max": 40}}
/// ]}
/// ```
public enum SimulationProfileLoader {
  /// The profile, or nil with the diagnostics that say why not.
  public static func load(_ bytes: [UInt8], file: String, for questionnaire: Questionnaire)
    -> (profile: SimulationProfile?, diagnostics: [Diagnostic], source: SourceText)
  {
    let source = SourceText(file: file, bytes: bytes)
    let root: JSONNode
    switch JSONParser.parse(bytes) {
    case .failure(let e):
      return (
        nil, [Diagnostic("E001", .error, "invalid JSON: \(e.message)", at: e.position, path: "", hint: e.hint)], source
      )
    case .success(let node): root = node
    }
    let sink = DiagnosticSink()
    var rules: [SimulationProfile.Rule] = []
    var profile = SimulationProfile()
    if var reader = ObjectReader(root, path: "", languages: [], sink: sink) {
      if let version = reader.integer("profileVersion", required: true), version != 1,
        let node = reader.value("profileVersion")
      {
        sink.error(
          "P001", "this enkat reads simulation profile version 1, not \(version)", at: node, path: "profileVersion")
      }
      for (i, item) in (reader.array("rules", required: true) ?? []).enumerated() {
        if let rule = decodeRule(item, path: "rules[\(i)]", questionnaire: questionnaire, source: source, sink: sink) {
          rules.append(rule)
        }
      }
      var percents: [Double] = []
      for key in ["breakOff", "suspend"] {
        let value = reader.number(key) ?? 0
        if !(0...100).contains(value), let node = reader.value(key) {
          sink.error("P002", "'\(key)' is a percentage of interviews, from 0 to 100", at: node, path: key)
        }
        percents.append(value)
      }
      reader.finish(context: "the profile")
      profile = SimulationProfile(rules: rules, breakOffPercent: percents[0], suspendPercent: percents[1])
    }
    return (sink.hasErrors ? nil : profile, sink.diagnostics, source)
  }

  private static func decodeRule(
    _ node: JSONNode, path: String, questionnaire: Questionnaire, source: SourceText, sink: DiagnosticSink
  ) -> SimulationProfile.Rule? {
    guard var r = ObjectReader(node, path: path, languages: [], sink: sink) else { return nil }
    defer { r.finish(context: "a rule") }
    guard let id = r.string("question", required: true), let idNode = r.value("question") else { return nil }
    let questions = questionnaire.questions
    guard let index = questions.firstIndex(where: { $0.id == id && $0.takesAnswer }) else {
      let suggestion = EditDistance.suggestions(for: id, among: questions.filter(\.takesAnswer).map(\.id)).first
      sink.error(
        "E110", "unknown question '\(id)' (or display text, which takes no answer)", at: idNode,
        path: path + ".question", hint: suggestion.map { "did you mean '\($0)'?" })
      return nil
    }
    let question = questions[index]
    r.question = id
    var rule = SimulationProfile.Rule(questionID: id, when: nil, weights: [:], missingWeights: [:], range: nil)
    if let (text, whenNode) = r.stringNode("when") {
      rule.when = bindCondition(
        text, whenNode, path: path + ".when", before: index, in: questions, source: source, sink: sink, owner: id)
    }
    if var weights = r.object("weights") {
      decodeWeights(&weights, into: &rule, question: question, sink: sink)
    }
    if var range = r.object("range") {
      if case .number = question.kind {
      } else {
        sink.error(
          "P002", "a range applies to number questions only", at: range.node, path: path + ".range", question: id)
      }
      let low = range.number("min") ?? 0
      let high = range.number("max") ?? low
      range.finish(context: "the range")
      if low <= high {
        rule.range = low...high
      } else {
        sink.error("P003", "the range's min is above its max", at: range.node, path: path + ".range", question: id)
      }
    }
    return rule
  }

  private static func decodeWeights(
    _ reader: inout ObjectReader, into rule: inout SimulationProfile.Rule, question: Question, sink: DiagnosticSink
  ) {
    let codes: Set<Int>
    switch question.kind {
    case .singleChoice(let c), .multipleChoice(let c, _): codes = Set(c.map(\.code))
    case .scale(let s): codes = Set(s.min...s.max)
    default:
      sink.error(
        "P004", "weights apply to choice and scale questions only", at: reader.node, path: reader.path,
        question: question.id)
      return
    }
    let missing: [String: Response] = [
      "dontKnow": .missing(.dontKnow), "refused": .missing(.refused), "noAnswer": .noAnswer,
    ]
    guard case .object(let members) = reader.node.kind else { return }
    for member in members {
      let memberPath = reader.childPath(member.key)
      guard case .number(let literal) = member.value.kind, let weight = Double(literal), weight >= 0, weight.isFinite
      else {
        sink.error(
          "E002", "\(memberPath) must be a weight of 0 or more", at: member.value, path: memberPath,
          question: question.id)
        continue
      }
      if let code = Int(member.key), codes.contains(code) {
        rule.weights[code] = weight
      } else if let response = missing[member.key] {
        rule.missingWeights[response] = weight
      } else {
        let list = codes.sorted().map(String.init).joined(separator: ", ")
        sink.add(
          Diagnostic(
            "P005", .error,
            "\"\(member.key)\" is not a code of '\(question.id)' (codes: \(list); or dontKnow, refused, noAnswer)",
            at: member.keyPosition, length: member.key.count + 2, path: memberPath, questionID: question.id))
      }
    }
  }

  private static func bindCondition(
    _ text: String, _ node: JSONNode, path: String, before index: Int, in questions: [Question], source: SourceText,
    sink: DiagnosticSink, owner: String
  ) -> Condition? {
    func report(_ problems: [ExpressionProblem]) {
      for p in problems {
        sink.add(
          Diagnostic(
            p.code, p.severity == .error ? .error : .warning, "\(p.message) in the condition of a rule for '\(owner)'",
            at: source.position(ofScalar: p.range.start, inStringAt: node.position),
            length: max(1, p.range.end - p.range.start),
            path: path, questionID: owner, hint: p.hint))
      }
    }
    switch Parser.parse(text) {
    case .failure(let failure):
      report(failure.problems)
      return nil
    case .success(let expression):
      let earlier = Dictionary(
        questions[..<index].filter(\.isVariable).map { ($0.id, ExpressionBinder.info(for: $0.kind)) },
        uniquingKeysWith: { a, _ in a })
      let problems = TypeChecker.check(expression, expecting: .boolean) { name in
        if let info = earlier[name] { return .variable(info) }
        if questions.contains(where: { $0.id == name }) {
          return .unavailable(reason: "it is not asked before '\(owner)'")
        }
        return .unknown(suggestions: EditDistance.suggestions(for: name, among: earlier.keys))
      }
      report(problems)
      return problems.contains { $0.severity == .error } ? nil : Condition(source: text, expression: expression)
    }
  }
}
