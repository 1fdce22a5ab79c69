import EnkatExpressions

/// What a loop's iterations stand for: two loops over the same members can read each other's
/// answers for the same member.
enum LoopMembers: Equatable {
  /// The first, second, … member of a count (a household's people).
  case counted
  /// The options chosen at a multiple-choice question.
  case options(of: String)
}

extension ExpressionBinder {
  /// Binds a section's `repeat`: the count expression or the list it runs over, and its bound.
  /// Registers the loop's id as a variable for the expressions inside it.
  mutating func bindLoop(_ loop: LoopDraft, section: SectionDraft, visibleBefore limit: Int) -> Loop? {
    switch loop.count {
    case .invalid: return nil
    case .forEach(let name, let node):
      guard let choices = forEachChoices(name, node, section: section, limit: limit, path: loop.path + ".forEach")
      else { return nil }
      let codes = Set(choices.map(\.code))
      loops[section.id] = (VariableInfo(type: .number, codes: codes), codes, .options(of: name))
      return Loop(count: .forEach(questionID: name, choices: choices))
    case .times(let pending):
      guard let (count, type) = bindComputed(pending, owner: section.id, visibleBefore: limit) else { return nil }
      guard type == .number else {
        sink.add(
          Diagnostic(
            "E161", .error, "a loop's times must be a number, not \(type.rawValue)",
            at: pending.node.position, length: pending.text.unicodeScalars.count + 2, path: pending.path,
            questionID: section.id, hint: "name a number question, such as \"hhsize\""))
        return nil
      }
      let largest = largestValue(of: count.expression)
      guard let max = loop.max?.0 ?? largest else {
        sink.add(
          Diagnostic(
            "E160", .error, "loop '\(section.id)' has no bound: nothing limits how often it runs",
            at: pending.node.position, length: pending.text.unicodeScalars.count + 2, path: pending.path,
            questionID: section.id,
            hint: "add \"max\" to the repeat, or give the number question it counts a max"))
        return nil
      }
      if let (given, node) = loop.max, let largest, largest > given {
        sink.add(
          Diagnostic(
            "W160", .warning,
            "'\(count.source)' can be up to \(largest) but loop '\(section.id)' runs at most \(given) times",
            at: node.position, length: String(given).count, path: loop.path + ".max", questionID: section.id,
            hint: "answers that need more iterations are refused; lower the question's max or raise this one"))
      }
      if max < 1 {
        sink.add(
          Diagnostic(
            "W161", .warning, "loop '\(section.id)' never runs: '\(count.source)' can be at most \(max)",
            at: pending.node.position, length: pending.text.unicodeScalars.count + 2, path: pending.path,
            questionID: section.id, hint: "raise the max of the number question the loop counts"))
      }
      loops[section.id] = (VariableInfo(type: .number), max >= 1 ? Set(1...max) : [], .counted)
      return Loop(count: .times(count, max: max))
    }
  }

  /// W162: a `forEach` over a multiple choice runs once for each option chosen, so an exclusive
  /// option ("none of these") would get an iteration of its own unless the section's condition
  /// excludes it (`"askIf": "mode != 9"`).
  mutating func warnAboutExclusiveMembers(_ loop: Loop, condition: Condition?, section: SectionDraft) {
    guard case .forEach(let questionID, let choices) = loop.count, let repeatNode = section.loop?.node else { return }
    for choice in choices where choice.exclusive {
      if let condition,
        Evaluator.truth(of: condition.expression, in: [section.id: .number(Double(choice.code))]) == .false
      {
        continue
      }
      sink.add(
        Diagnostic(
          "W162", .warning,
          "loop '\(section.id)' runs once per option chosen at '\(questionID)', and its exclusive option \(choice.code) (\(choice.label.translations.values.sorted().first ?? "")) would get an iteration of its own",
          at: repeatNode.position, length: 1, path: section.loop?.path ?? "", questionID: section.id,
          hint: "exclude it with the section's condition: \"askIf\": \"\(section.id) != \(choice.code)\""))
    }
  }

  /// The largest value a count can have when it is a number question with a max.
  private func largestValue(of expression: Expression) -> Int? {
    guard case .variable(let name, _) = expression, case .number(let range)? = analysis.kinds[name],
      let max = range.max, max >= 0, max <= 1000
    else { return nil }
    return Int(max)
  }

  /// The options of the multiple-choice question a `forEach` loop runs over.
  private func forEachChoices(_ name: String, _ node: JSONNode, section: SectionDraft, limit: Int, path: String)
    -> [Choice]?
  {
    let at = source.position(ofScalar: 0, inStringAt: node.position)
    let length = name.unicodeScalars.count
    guard let position = order[name] else {
      let suggestion = EditDistance.suggestions(for: name, among: order.keys).first
      sink.add(
        Diagnostic(
          "E110", .error, "unknown question '\(name)' in a loop's forEach", at: at, length: length, path: path,
          questionID: section.id, hint: suggestion.map { "did you mean '\($0)'?" }))
      return nil
    }
    guard case .multipleChoice(let choices, _)? = analysis.kinds[name], position < limit, loopOf[name] == nil else {
      sink.add(
        Diagnostic(
          "E161", .error, "a forEach loop runs over a multiple-choice question asked before it; '\(name)' is not one",
          at: at, length: length, path: path, questionID: section.id,
          hint: "name a multipleChoice question that comes before section '\(section.id)'"))
      return nil
    }
    return choices
  }
}
