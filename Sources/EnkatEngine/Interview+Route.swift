import EnkatExpressions
import EnkatModel

extension Interview {
  /// The responses and computed variables as values for expressions. Computed variables are
  /// evaluated in questionnaire order, each from the values before it.
  var responseValues: [String: Value] {
    var values = responses.mapValues(\.value)
    for (i, question) in questions.enumerated() {
      if case .computed(let c, _) = question.kind {
        values[questions[i].id] = Evaluator.evaluate(c.expression, in: values)
      }
    }
    return values
  }

  func nextOnRoute(after i: Int) -> Int? {
    (i + 1..<questions.count).first { route[$0] }
  }

  func previousOnRoute(before i: Int) -> Int? {
    (0..<min(i, questions.count)).reversed().first { route[$0] }
  }

  /// The first question on the route that still needs a response.
  func firstOpenQuestion() -> Int? {
    questions.indices.first { i in route[i] && questions[i].takesAnswer && responses[questions[i].id] == nil }
  }

  /// Re-evaluates which questions are on the route after the responses changed, and removes the
  /// responses of questions now off it; returns their ids in questionnaire order. Conditions read
  /// only earlier answers, so one pass in order sees every clear before the conditions it affects.
  mutating func updateRoute() -> [String] {
    var cleared: [String] = []
    var values = responses.mapValues(\.value)
    for (i, question) in questions.enumerated() {
      if case .computed(let c, _) = question.kind {
        values[question.id] = Evaluator.evaluate(c.expression, in: values)
        route[i] = false  // never asked
        continue
      }
      route[i] = conditions[i].allSatisfy { Evaluator.truth(of: $0, in: values) == .true }
      if !route[i] && responses[question.id] != nil {
        responses[question.id] = nil
        values[question.id] = nil
        cleared.append(question.id)
      }
    }
    return cleared
  }

  /// The prompt for question `i`, in the interview language.
  func prompt(at i: Int) -> Prompt {
    let question = questions[i]
    let section = questionnaire.sections[sectionIndex[i]]
    var options = offeredChoices(at: i).map { Prompt.Option(code: $0.code, label: filled($0.label) ?? "") }
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
      sectionTitle: filled(section.title) ?? "",
      stem: filled(question.stem),
      text: filled(question.text) ?? "",
      instruction: filled(question.instruction),
      kind: question.kind,
      options: options.filter { !$0.label.isEmpty || question.choices.isEmpty },
      missingOptions: missing,
      required: question.required,
      currentAnswer: responses[question.id].map {
        $0.display(for: question, in: language, missingLabels: missingLabels)
      },
      position: route[0...i].count { $0 },
      routeLength: route.count { $0 })
  }
}
