import EnkatExpressions

extension Questionnaire {
  /// Every question as an interview asks it, with the index of its section: a loop section's
  /// questions once per possible iteration (ids `age[1]`, `age[2]`, …), each asked only when its
  /// iteration exists (`hhsize >= 2`, `reasons contains 3`), with its expressions and fills
  /// turned to that iteration. A loop section's `askIf` is read in each iteration and becomes
  /// part of each instance's `askIf`.
  static func instances(of sections: [Section]) -> (questions: [Question], sectionIndex: [Int]) {
    var questions: [Question] = []
    var sectionIndex: [Int] = []
    // A loop's expressions may name questions of its own loop and, for the same member, of an
    // earlier loop (the checker allows that only when the earlier loop has every iteration).
    let loopQuestions = Set(sections.filter { $0.loop != nil }.flatMap { $0.questions.map(\.id) })
    for (s, section) in sections.enumerated() {
      guard let loop = section.loop else {
        questions += section.questions
        sectionIndex += section.questions.map { _ in s }
        continue
      }
      for key in loop.keys {
        let instance = LoopInstance(loopID: section.id, loop: loop, key: key, body: loopQuestions)
        let title = instance.text(section.title)
        for question in section.questions {
          questions.append(instance.question(question, sectionTitle: title, sectionCondition: section.askIf))
          sectionIndex.append(s)
        }
      }
    }
    return (questions, sectionIndex)
  }
}

/// One iteration of a loop: rewrites the loop's questions for it.
struct LoopInstance {
  let loopID: String
  let loop: Loop
  let key: Int
  /// The ids of the questions of every loop: a bare id means this iteration's answer.
  let body: Set<String>

  func question(_ q: Question, sectionTitle: LocalizedText, sectionCondition: Condition? = nil) -> Question {
    var result = q
    result.id = Iteration.instanceID(q.id, key)
    result.iteration = Iteration(loopID: loopID, key: key, baseID: q.id, sectionTitle: sectionTitle)
    result.block?.id = Iteration.instanceID(q.block?.id ?? "", key)
    result.specifies?.questionID = Iteration.instanceID(q.specifies?.questionID ?? "", key)
    var askIfSource = existsSource
    var askIf = existsExpression
    for extra in [sectionCondition, q.askIf].compactMap({ $0 }) {
      askIfSource += " and (\(extra.source))"
      askIf = .logical(.and, askIf, expression(extra.expression), extra.expression.range)
    }
    result.askIf = Condition(source: askIfSource, expression: askIf)
    result.text = text(q.text)
    result.instruction = q.instruction.map(text)
    result.stem = q.stem.map(text)
    result.checks = q.checks.map { check in
      Check(rule: condition(check.rule), message: text(check.message), kind: check.kind)
    }
    switch q.kind {
    case .singleChoice(let choices): result.kind = .singleChoice(choices.map(choice))
    case .multipleChoice(let choices, let limits): result.kind = .multipleChoice(choices.map(choice), limits)
    case .computed(let c, let type): result.kind = .computed(condition(c), type)
    case .scale(var s):
      s.minLabel = text(s.minLabel)
      s.maxLabel = text(s.maxLabel)
      result.kind = .scale(s)
    case .number, .text, .date, .display: break
    }
    return result
  }

  private func choice(_ c: Choice) -> Choice {
    var result = c
    result.label = text(c.label)
    result.showIf = c.showIf.map(condition)
    return result
  }

  /// The condition under which this iteration exists.
  var existsExpression: Expression {
    let at = SourceRange(0, 0)
    switch loop.count {
    case .times(let count, _): return .comparison(.greaterEqual, count.expression, .number(Double(key), at), at)
    case .forEach(let source, _): return .contains(.variable(source, at), .number(Double(key), at), at)
    }
  }

  var existsSource: String {
    switch loop.count {
    case .times(let count, _): return "(\(count.source)) >= \(key)"
    case .forEach(let source, _): return "\(source) contains \(key)"
    }
  }

  private func condition(_ c: Condition) -> Condition {
    Condition(source: c.source, expression: expression(c.expression))
  }

  private func expression(_ e: Expression) -> Expression {
    e.replacingVariables { name in
      if name == loopID { return .number(Double(key), SourceRange(0, 0)) }
      if body.contains(name) { return .variable(Iteration.instanceID(name, key), SourceRange(0, 0)) }
      return nil
    }
  }

  /// A text with `{loop}` turned into the iteration's number or member label and the loop's
  /// questions into this iteration's.
  func text(_ t: LocalizedText) -> LocalizedText {
    var result = t
    for (language, translation) in t.translations {
      result.translations[language] = FillTemplate.replacingFills(in: translation) { name in
        if name == loopID { return FillTemplate.escaped(memberLabel(in: language)) }
        if body.contains(name) { return "{\(Iteration.instanceID(name, key))}" }
        return nil
      }
    }
    return result
  }

  private func memberLabel(in language: String) -> String {
    switch loop.count {
    case .times: return String(key)
    case .forEach(_, let choices): return choices.first { $0.code == key }?.label.text(in: language) ?? String(key)
    }
  }
}
