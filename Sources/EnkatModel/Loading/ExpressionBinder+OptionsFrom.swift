import EnkatExpressions

extension ExpressionBinder {
  /// The options of a question with `optionsFrom`: one per iteration of an earlier loop, coded by
  /// its key, labelled by the label template in that iteration (`{name}` is that member's name),
  /// offered only when the iteration exists; then the question's own options.
  mutating func optionsFromLoop(_ from: OptionsFromDraft, question: Question, sections: [Section]) -> QuestionKind? {
    func error(_ message: String, hint: String? = nil) {
      sink.add(
        Diagnostic(
          "E162", .error, message, at: source.position(ofScalar: 0, inStringAt: from.node.position),
          length: from.loop.unicodeScalars.count, path: from.path + ".loop", questionID: question.id, hint: hint))
    }
    guard let section = sections.first(where: { $0.id == from.loop }), let loop = section.loop else {
      let earlier = sections.filter { $0.loop != nil }.map(\.id)
      error(
        "optionsFrom names '\(from.loop)', which is not a loop before '\(question.id)'",
        hint: earlier.isEmpty
          ? "optionsFrom lists the members of an earlier loop section" : "loops: " + earlier.joined(separator: ", "))
      return nil
    }
    guard currentLoop != from.loop else {
      error("a question inside loop '\(from.loop)' cannot list that loop's members")
      return nil
    }
    let body = Set(loopOf.keys)
    let members = loop.keys.map { key in
      let iteration = LoopInstance(loopID: section.id, loop: loop, key: key, body: body)
      var choice = Choice(code: key, label: iteration.text(from.label))
      choice.showIf = Condition(source: iteration.existsSource, expression: iteration.existsExpression)
      return choice
    }
    if let clash = question.choices.first(where: { loop.keys.contains($0.code) }) {
      error(
        "option code \(clash.code) of '\(question.id)' is also the code of a member of loop '\(from.loop)'",
        hint:
          "the members are coded \(loop.keys.first ?? 1)–\(loop.keys.last ?? 1); give the other options codes outside that"
      )
      return nil
    }
    switch question.kind {
    case .singleChoice(let own): return .singleChoice(members + own)
    case .multipleChoice(let own, let limits): return .multipleChoice(members + own, limits)
    default: return nil
    }
  }
}
