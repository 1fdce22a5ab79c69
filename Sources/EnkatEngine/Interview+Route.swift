import EnkatExpressions
import EnkatModel

extension Interview {
  /// The responses and computed variables as values for expressions. Computed variables are
  /// evaluated in questionnaire order, each from the values before it.
  public var responseValues: [String: Value] { values(with: nil) }

  /// The values for expressions as they would be if `candidate` were the response to its
  /// question: computed variables see the candidate too.
  func values(with candidate: (id: String, response: Response)?) -> [String: Value] {
    var values = preload.merging(responses.mapValues(\.value)) { $1 }
    if let candidate { values[candidate.id] = candidate.response.value }
    if let today { values[BuiltinFunction.todayVariable] = .number(Double(today)) }
    for (id, expression) in computedVariables {
      values[id] = Evaluator.evaluate(expression, in: values)
    }
    return values
  }

  func nextOnRoute(after i: Int) -> Int? {
    (i + 1..<questions.count).first { route[$0] }
  }

  func previousOnRoute(before i: Int) -> Int? {
    (0..<min(i, questions.count)).reversed().first { route[$0] }
  }

  /// Evaluates every condition in questionnaire order and removes the responses of questions off
  /// the route; returns their ids in questionnaire order. Used once, when an interview starts.
  mutating func updateRoute() -> [String] {
    var cleared: [String] = []
    var values = preload.merging(responses.mapValues(\.value)) { $1 }
    if let today { values[BuiltinFunction.todayVariable] = .number(Double(today)) }
    for (i, question) in questions.enumerated() {
      if case .computed(let c, _) = question.kind {
        values[question.id] = Evaluator.evaluate(c.expression, in: values)
        route[i] = false  // never asked
        continue
      }
      route[i] = conditions[i].allSatisfy { Evaluator.truth(of: $0, in: values) == .true }
      if !route[i] && responses[question.id] != nil {
        responses[question.id] = nil
        confirmations[question.id] = nil
        values[question.id] = nil
        cleared.append(question.id)
      }
    }
    return cleared
  }

  /// After the response to `changed` changed: re-evaluates only the conditions that read it
  /// (directly or through computed variables), and, for each question that falls off the route
  /// with a response, the conditions that read that one in turn. Returns the cleared ids in
  /// questionnaire order.
  mutating func updateRoute(after changed: String) -> [String] {
    var values = responseValues
    var cleared: [Int] = []
    var pending = [changed]
    while let variable = pending.popLast() {
      for i in dependents[variable, default: []] {
        let onRoute = conditions[i].allSatisfy { Evaluator.truth(of: $0, in: values) == .true }
        route[i] = onRoute
        let id = questions[i].id
        if !onRoute, responses[id] != nil {
          responses[id] = nil
          confirmations[id] = nil
          cleared.append(i)
          values = responseValues  // computed variables may read the cleared answer
          pending.append(id)
        }
      }
    }
    return cleared.sorted().map { questions[$0].id }
  }

  /// For each variable, the questions whose conditions read it, directly or through computed
  /// variables, in questionnaire order: the dependency graph of the routing, built once.
  static func dependencyGraph(_ questions: [Question], _ conditions: [[Expression]]) -> [String: [Int]] {
    let computedInputs = computedInputs(questions)
    var graph: [String: [Int]] = [:]
    for (i, expressions) in conditions.enumerated() where questions[i].isShown {
      for name in reads(expressions, computedInputs) { graph[name, default: []].append(i) }
    }
    return graph
  }

  /// For each computed variable, every variable it reads, directly or through other computed ones.
  static func computedInputs(_ questions: [Question]) -> [String: Set<String>] {
    var computedInputs: [String: Set<String>] = [:]
    for question in questions {
      guard case .computed(let c, _) = question.kind else { continue }
      // Computed variables read only earlier variables, so their inputs are already expanded.
      computedInputs[question.id] = reads([c.expression], computedInputs)
    }
    return computedInputs
  }

  /// The variables `expressions` read, directly or through computed variables.
  static func reads(_ expressions: [Expression], _ computedInputs: [String: Set<String>]) -> Set<String> {
    var read = Set<String>()
    for name in expressions.flatMap(\.variables) {
      read.insert(name)
      read.formUnion(computedInputs[name] ?? [])
    }
    return read
  }

  /// `question` with the fills of its option labels replaced, for showing an answer.
  func shownChoices(of question: Question) -> Question {
    var result = question
    switch question.kind {
    case .singleChoice(let c): result.kind = .singleChoice(filledChoices(c))
    case .multipleChoice(let c, let limits): result.kind = .multipleChoice(filledChoices(c), limits)
    default: break
    }
    return result
  }

  /// The prompt for question `i`, in the interview language.
  func prompt(at i: Int) -> Prompt {
    let question = questions[i]
    let section = questionnaire.sections[sectionIndex[i]]
    var filler = TextFiller(self)
    var options = offeredChoices(at: i).map { Prompt.Option(code: $0.code, label: filler.text($0.label, in: language)) }
    if case .scale(let s) = question.kind {
      options = (s.min...s.max).map { n in
        let label = n == s.min ? s.minLabel.text(in: language) : n == s.max ? s.maxLabel.text(in: language) : ""
        return Prompt.Option(code: n, label: label)
      }
    }
    let missing = question.allowedMissing.map { kind in
      Prompt.MissingOption(
        kind: kind, label: missingLabels[kind] ?? kind.rawValue,
        command: "/" + (kind == .dontKnow ? InterviewCommand.dontKnow : .refused).name)
    }
    return Prompt(
      questionID: question.id,
      sectionTitle: filler.text(question.iteration?.sectionTitle ?? section.title, in: language),
      stem: question.stem.map { filler.text($0, in: language) },
      text: filler.text(question.text, in: language),
      instruction: question.instruction.map { filler.text($0, in: language) },
      kind: question.kind,
      options: options.filter { !$0.label.isEmpty || question.choices.isEmpty },
      missingOptions: missing,
      required: question.required,
      currentAnswer: responses[question.id].map {
        $0.display(for: shownChoices(of: question), in: language, missingLabels: missingLabels)
      },
      position: route[0...i].count { $0 },
      routeLength: route.count { $0 })
  }
}
