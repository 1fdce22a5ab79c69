import EnkatExpressions
import EnkatModel

extension Interview {
  /// The responses as values for expressions.
  var responseValues: [String: Value] {
    responses.mapValues(\.value)
  }

  /// Whether question `i` is on the route given the responses so far.
  func isOnRoute(_ i: Int, values: [String: Value]) -> Bool {
    conditions[i].allSatisfy { Evaluator.truth(of: $0, in: values) == .true }
  }

  func nextOnRoute(after i: Int) -> Int? {
    let values = responseValues
    return (i + 1..<questions.count).first { isOnRoute($0, values: values) }
  }

  func previousOnRoute(before i: Int) -> Int? {
    let values = responseValues
    return (0..<min(i, questions.count)).reversed().first { isOnRoute($0, values: values) }
  }

  /// The first question on the route that still needs a response.
  func firstOpenQuestion() -> Int? {
    let values = responseValues
    return questions.indices.first { i in
      isOnRoute(i, values: values) && questions[i].takesAnswer && responses[questions[i].id] == nil
    }
  }

  /// Removes responses of questions that are off the route; returns their ids in order.
  mutating func clearOffRoute() -> [String] {
    var cleared: [String] = []
    var values = responseValues
    for (i, question) in questions.enumerated() where responses[question.id] != nil {
      // Conditions read only earlier answers, so clearing in order sees every clear before it.
      if !isOnRoute(i, values: values) {
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
    let values = responseValues
    let onRoute = questions.indices.filter { isOnRoute($0, values: values) }
    let section = questionnaire.sections.first { $0.questions.contains { $0.id == question.id } }
    var options = question.choices.map { Prompt.Option(code: $0.code, label: $0.label.text(in: language)) }
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
      sectionTitle: section?.title.text(in: language) ?? "",
      text: question.text.text(in: language),
      instruction: question.instruction?.text(in: language),
      kind: question.kind,
      options: options.filter { !$0.label.isEmpty || question.choices.isEmpty },
      missingOptions: missing,
      required: question.required,
      currentAnswer: responses[question.id].map {
        $0.display(for: question, in: language, missingLabels: missingLabels)
      },
      position: (onRoute.firstIndex(of: i) ?? 0) + 1,
      routeLength: onRoute.count)
  }
}
