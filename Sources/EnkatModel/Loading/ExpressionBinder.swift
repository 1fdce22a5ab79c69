import EnkatExpressions

/// Checks ids for uniqueness, then parses and type-checks every condition against the questions
/// that come before it, and builds the final `Questionnaire`.
///
/// Scope rule: a question's `askIf` may read answers to questions before it; its checks may also
/// read its own answer; a section's `askIf` may read answers to questions before the section.
package struct ExpressionBinder {
  let sink: DiagnosticSink
  let source: SourceText
  let draft: QuestionnaireDraft
  /// Position in questionnaire order of every question that takes an answer, and its type.
  var order: [String: Int] = [:]
  var variables: [String: VariableInfo] = [:]
  private var displays: Set<String> = []
  /// What is known of the variables, to find conditions that can never hold.
  var analysis = ConditionAnalysis()
  /// For each question of a loop section, the loop's id.
  var loopOf: [String: String] = [:]
  /// For each loop, what its id stands for in expressions inside it, and its iteration keys.
  /// (Registered with unknown keys first, so a loop whose repeat has an error still resolves.)
  /// `members` says what the iterations stand for; nil (with nil keys) while the repeat is unbound
  /// or has an error.
  var loops: [String: (info: VariableInfo, keys: Set<Int>?, members: LoopMembers?)] = [:]
  /// Where each id is written.
  private(set) var locations: [String: QuestionnaireLoader.SourceLocation] = [:]
  /// For each question of a randomized block, the block's id.
  var blockOf: [String: String] = [:]
  /// The loop whose questions are being bound, if any.
  var currentLoop: String?

  init(sink: DiagnosticSink, source: SourceText, draft: QuestionnaireDraft) {
    self.sink = sink
    self.source = source
    self.draft = draft
  }

  mutating func bind(digest: String) -> Questionnaire {
    registerIDs()
    var sections: [Section] = []
    var index = 0
    for s in draft.sections {
      let firstIndex = index
      let loop = s.loop.flatMap { bindLoop($0, section: s, visibleBefore: firstIndex) }
      // A loop section's condition is read in each iteration: it can name the iteration.
      currentLoop = s.loop == nil ? nil : s.id
      defer { currentLoop = nil }
      let sectionCondition = s.askIf.flatMap {
        bind($0, owner: s.id, role: "the condition of section '\(s.id)'", visibleBefore: firstIndex, allowSelf: nil)
      }
      warnIfNeverHolds(
        sectionCondition, s.askIf, owner: s.id, consequence: "the questions of section '\(s.id)' are never asked")
      if let loop { warnAboutExclusiveMembers(loop, condition: sectionCondition, section: s) }
      var questions: [Question] = []
      for q in s.questions {
        var question = q.question
        if let pending = q.computed {
          if let (condition, type) = bindComputed(pending, owner: question.id, visibleBefore: index) {
            question.kind = .computed(condition, type)
            variables[question.id] = VariableInfo(type: type)
            analysis.computed[question.id] = condition.expression
            analysis.computedOrder.append(question.id)
          }
        }
        question.askIf =
          q.sharesPreviousAskIf
          ? questions.last?.askIf
          : q.askIf.flatMap {
            bind(
              $0, owner: question.id, role: "the condition of '\(question.id)'", visibleBefore: index, allowSelf: nil)
          }
        if !q.sharesPreviousAskIf {
          warnIfNeverHolds(question.askIf, q.askIf, owner: question.id, consequence: "'\(question.id)' is never asked")
        }
        for (option, pending) in q.optionConditions where question.choices.indices.contains(option) {
          let condition = bind(
            pending, owner: question.id, role: "the condition of an option of '\(question.id)'", visibleBefore: index,
            allowSelf: nil)
          let code = question.choices[option].code
          warnIfNeverHolds(
            condition, pending, owner: question.id, consequence: "option \(code) of '\(question.id)' is never offered")
          switch question.kind {
          case .singleChoice(var c):
            c[option].showIf = condition
            question.kind = .singleChoice(c)
          case .multipleChoice(var c, let limits):
            c[option].showIf = condition
            question.kind = .multipleChoice(c, limits)
          default: break
          }
        }
        if let from = q.optionsFrom, let kind = optionsFromLoop(from, question: question, sections: sections) {
          question.kind = kind
          variables[question.id] = Self.info(for: kind)
          analysis.kinds[question.id] = kind
        }
        question.checks = q.checks.compactMap { check in
          bind(
            check.rule, owner: question.id, role: "a check of '\(question.id)'", visibleBefore: index,
            allowSelf: question.id
          )
          .map { Check(rule: $0, message: check.message, kind: check.kind) }
        }
        questions.append(question)
        index += 1
      }
      sections.append(Section(id: s.id, title: s.title, askIf: sectionCondition, questions: questions, loop: loop))
    }
    bindFills()
    return Questionnaire(
      id: draft.id, version: draft.version, title: draft.title, languages: draft.languages,
      missingCodes: draft.missingCodes, sections: sections, digest: digest, preload: draft.preload.map(\.variable))
  }

  private mutating func registerIDs() {
    var seen: [String: (path: String, line: Int)] = [:]
    func register(_ id: String, _ node: JSONNode, _ path: String, _ what: String) -> Bool {
      if let first = seen[id] {
        sink.error(
          "E010", "the id '\(id)' is used twice (first by \(first.path) at line \(first.line))", at: node,
          path: path, question: id, hint: "every section and question needs its own id")
        return false
      }
      seen[id] = (path, node.position.line)
      locations[id] = QuestionnaireLoader.SourceLocation(position: node.position, path: path)
      return true
    }
    for group in draft.groups { _ = register(group.id, group.node, group.path + ".id", "grid") }
    for p in draft.preload where register(p.variable.id, p.node, p.path, "preload variable") {
      order[p.variable.id] = -1  // known before the first question
      variables[p.variable.id] = VariableInfo(type: p.variable.kind == .number ? .number : .text)
    }
    var index = 0
    for s in draft.sections {
      _ = register(s.id, s.idNode, s.path + ".id", "section")
      if s.loop != nil { loops[s.id] = (VariableInfo(type: .number), nil, nil) }
      for q in s.questions {
        if s.loop != nil { loopOf[q.question.id] = s.id }
        if let block = q.question.block { blockOf[q.question.id] = block.id }
        if register(q.question.id, q.idNode, q.path + ".id", "question") {
          if q.question.isVariable {
            order[q.question.id] = index
            variables[q.question.id] = Self.info(for: q.question.kind)
            if q.question.takesAnswer { analysis.kinds[q.question.id] = q.question.kind }
          } else {
            displays.insert(q.question.id)
          }
        }
        index += 1
      }
    }
  }

  package static func info(for kind: QuestionKind) -> VariableInfo {
    switch kind {
    case .singleChoice(let c): return VariableInfo(type: .number, codes: Set(c.map(\.code)))
    case .multipleChoice(let c, _): return VariableInfo(type: .codeSet, codes: Set(c.map(\.code)))
    case .scale(let s): return VariableInfo(type: .number, codes: Set(s.min...s.max))
    case .number: return VariableInfo(type: .number)
    case .text: return VariableInfo(type: .text)
    case .date: return VariableInfo(type: .date)
    case .display: return VariableInfo(type: .error)
    case .computed(_, let type): return VariableInfo(type: type)
    }
  }

  private func bind(
    _ pending: PendingExpression, owner: String, role: String, visibleBefore limit: Int, allowSelf: String?
  ) -> Condition? {
    switch Parser.parse(pending.text) {
    case .failure(let failure):
      report(failure.problems, pending, owner: owner, role: role)
      return nil
    case .success(let expression):
      let problems = TypeChecker.check(expression, expecting: .boolean) { name in
        resolve(name, limit: limit, allowSelf: allowSelf, owner: owner)
      }
      report(problems, pending, owner: owner, role: role)
      if problems.contains(where: { $0.severity == .error }) { return nil }
      return Condition(source: pending.text, expression: expression.expandingAggregates(iterationIDs))
    }
  }

  /// Warns (W150) when `condition` can be shown never to hold.
  private func warnIfNeverHolds(
    _ condition: Condition?, _ pending: PendingExpression?, owner: String, consequence: String
  ) {
    guard let condition, let pending, analysis.canHold(condition.expression) == false else { return }
    sink.add(
      Diagnostic(
        "W150", .warning, "this condition can never hold, so \(consequence)",
        at: source.position(ofScalar: 0, inStringAt: pending.node.position), length: pending.text.unicodeScalars.count,
        path: pending.path, questionID: owner,
        hint: "no answers to the questions it reads make it true; check the codes and comparisons"))
  }

  /// Checks every fill: it must name an answer or computed variable that comes before the text's
  /// question (a check's message may also name the question itself).
  private mutating func bindFills() {
    defer { currentLoop = nil }
    var loopSections: [String: String] = [:]
    for (i, section) in draft.sections.enumerated() where section.loop != nil {
      loopSections["sections[\(i)]"] = section.id
    }
    // An optionsFrom label is read in the iteration of its loop.
    var optionsFromLoops: [String: String] = [:]
    for section in draft.sections {
      for q in section.questions { if let from = q.optionsFrom { optionsFromLoops[from.path + ".label"] = from.loop } }
    }
    // Which question each JSON path belongs to (a grid's own path belongs to its first item).
    var indexOfPath: [String: Int] = [:]
    var sectionFirst: [String: (Int, String)] = [:]
    var questions: [Question] = []
    for (s, section) in draft.sections.enumerated() {
      sectionFirst["sections[\(s)]"] = (questions.count, section.id)
      for q in section.questions {
        if indexOfPath[q.path] == nil { indexOfPath[q.path] = questions.count }
        if let group = q.groupPath, indexOfPath[group] == nil { indexOfPath[group] = questions.count }
        questions.append(q.question)
      }
    }
    for (text, node, path) in sink.textsWithFills {
      // The texts of a question left out for its errors are not checked against the others.
      if sink.droppedQuestionPaths.contains(where: { path.hasPrefix($0 + ".") }) { continue }
      let section = path.hasPrefix("sections[") ? path.split(separator: ".").first.map(String.init) : nil
      currentLoop = section.flatMap { loopSections[$0] }
      if let labelPath = path.range(of: ".optionsFrom.label").map({ String(path[..<$0.upperBound]) }) {
        currentLoop = optionsFromLoops[labelPath]
        // A label of a loop that does not exist is reported once, as the unknown loop (E162).
        if currentLoop.flatMap({ loops[$0] }) == nil { continue }
      }
      // The longest prefix of the text's path that names a question, or else its section.
      var prefix = path
      var question: Question?
      var limit = 0
      var owner = ""
      while let dot = prefix.lastIndex(where: { $0 == "." }) {
        prefix = String(prefix[..<dot])
        if let index = indexOfPath[prefix] {
          question = questions[index]
          limit = index
          owner = questions[index].id
          break
        }
        if let (index, id) = sectionFirst[prefix] {
          limit = index
          owner = id
          break
        }
      }
      let allowSelf = path.contains(".checks[") ? question?.id : nil
      var reported = 0
      var hidden = 0
      for case .fill(let name, let start, let end) in FillTemplate.parts(of: text) {
        let problem: (String, String, String?)?
        switch resolve(name, limit: limit, allowSelf: allowSelf, owner: owner) {
        case .variable, .dropped: problem = nil
        case .unknown(let suggestions):
          problem = ("E110", "unknown question '\(name)' in a fill", suggestions.first.map { "did you mean '\($0)'?" })
        case .unavailable(let reason):
          problem = ("E111", "'\(name)' cannot be filled in here: \(reason)", "write {{ for a literal brace")
        case .perIteration(_, let loop):
          problem = (
            "E111", "'\(name)' cannot be filled in here: it is asked once per iteration of loop '\(loop)'",
            "name one iteration, such as {\(name)[1]}, or fill a computed variable"
          )
        }
        if let (code, message, hint) = problem {
          reported += 1
          if reported > Self.diagnosticsPerText {
            hidden += 1
            continue
          }
          sink.add(
            Diagnostic(
              code, .error, message, at: source.position(ofScalar: start, inStringAt: node.position),
              length: end - start, path: path, questionID: owner.isEmpty ? nil : owner, hint: hint))
        }
      }
      if hidden > 0 {
        sink.add(
          Diagnostic(
            "E110", .error, "\(hidden) more fills in this text cannot be filled in (the first are shown above)",
            at: node.position, length: 1, path: path, questionID: owner.isEmpty ? nil : owner,
            hint: "fix the ones shown and check again"))
      }
    }
  }

  /// Binds a computed variable's expression; returns it with its type.
  func bindComputed(_ pending: PendingExpression, owner: String, visibleBefore limit: Int)
    -> (Condition, ExpressionType)?
  {
    switch Parser.parse(pending.text) {
    case .failure(let failure):
      report(failure.problems, pending, owner: owner, role: "the expression of '\(owner)'")
      return nil
    case .success(let expression):
      var checker = TypeChecker { name in resolve(name, limit: limit, allowSelf: nil, owner: owner) }
      let type = checker.infer(expression)
      report(checker.problems, pending, owner: owner, role: "the expression of '\(owner)'")
      if checker.problems.contains(where: { $0.severity == .error }) || type == .error { return nil }
      return (Condition(source: pending.text, expression: expression.expandingAggregates(iterationIDs)), type)
    }
  }

  private func resolve(_ name: String, limit: Int, allowSelf: String?, owner: String) -> NameResolution {
    if let loop = loops[name] {
      if currentLoop == name { return .variable(loop.info) }
      return .unavailable(reason: "it is a loop; its iteration can be read only inside the loop")
    }
    if let (base, key) = Iteration.split(name), let loop = loopOf[base] {
      if currentLoop == loop {
        return .unavailable(reason: "inside its loop, write '\(base)' for this iteration's answer")
      }
      guard loops[loop]?.keys?.contains(key) ?? true else {
        return .unavailable(reason: "loop '\(loop)' has no iteration \(key)")
      }
      guard let position = order[base], let info = variables[base], position < limit else {
        return resolve(base, limit: limit, allowSelf: allowSelf, owner: owner)
      }
      return .variable(info)
    }
    if let loop = loopOf[name], loop != currentLoop, order[name].map({ $0 < limit }) ?? false,
      let info = variables[name]
    {
      // A later loop over the same members reads the earlier loop's answer for the same member;
      // elsewhere only an aggregate over the iterations can read it.
      return readsSameMember(loop) ? .variable(info) : .perIteration(info, loop: loop)
    }
    if displays.contains(name) {
      return .unavailable(reason: "it is display text and has no answer")
    }
    if let block = blockOf[owner], blockOf[name] == block, name != allowSelf, name != owner {
      return .unavailable(
        reason: "'\(owner)' and '\(name)' are asked in a random order (block '\(block)'), so neither can read the other"
      )
    }
    guard let position = order[name], let info = variables[name] else {
      if sink.droppedQuestionIDs.contains(name) { return .dropped }
      // Inside a loop its iteration is a name too (`{mode}`): suggest it for a misspelling.
      let names = currentLoop.map { Array(order.keys) + [$0] } ?? Array(order.keys)
      return .unknown(suggestions: EditDistance.suggestions(for: name, among: names))
    }
    if name == allowSelf || position < limit { return .variable(info) }
    if name == owner {
      return .unavailable(reason: "a question's condition cannot depend on its own answer (a check can)")
    }
    return .unavailable(
      reason: "it is asked later, so its answer is not known here (conditions may only read earlier answers)")
  }

  /// Whether the loop being bound runs over the same members as the earlier `loop` and each of
  /// its iterations exists there, so a bare id of `loop` means the same member's answer.
  private func readsSameMember(_ loop: String) -> Bool {
    guard let current = currentLoop, let keys = loops[current]?.keys, let earlier = loops[loop]?.keys else {
      return false
    }
    return keys.isSubset(of: earlier) && loops[current]?.members == loops[loop]?.members
  }

  /// The instance ids of a loop question that an aggregate outside its loop reads: `age[1]`, ….
  private func iterationIDs(_ name: String) -> [String]? {
    guard let loop = loopOf[name], loop != currentLoop, !readsSameMember(loop), let keys = loops[loop]?.keys else {
      return nil
    }
    return keys.sorted().map { Iteration.instanceID(name, $0) }
  }

  /// At most this many diagnostics for one expression or one text; the rest are summed up in one.
  static let diagnosticsPerText = 10

  private func report(_ problems: [ExpressionProblem], _ pending: PendingExpression, owner: String, role: String) {
    if problems.count > Self.diagnosticsPerText, let last = problems.last {
      let hidden = problems.count - Self.diagnosticsPerText + 1
      report(Array(problems.prefix(Self.diagnosticsPerText - 1)), pending, owner: owner, role: role)
      sink.add(
        Diagnostic(
          last.code, .error, "\(hidden) more problems in \(role) (the first is shown above)",
          at: source.position(ofScalar: last.range.start, inStringAt: pending.node.position), length: 1,
          path: pending.path, questionID: owner, hint: "fix the ones shown and check again"))
      return
    }
    for p in problems {
      let start = source.position(ofScalar: p.range.start, inStringAt: pending.node.position)
      let length = max(1, p.range.end - p.range.start)
      let related = p.related.map { r -> String in
        let at = source.position(ofScalar: r.start, inStringAt: pending.node.position)
        return " at \(at.line):\(at.column)"
      }
      sink.add(
        Diagnostic(
          p.code, p.severity == .error ? .error : .warning, "\(p.message)\(related ?? "") in \(role)",
          at: start, length: length, path: pending.path, questionID: owner, hint: p.hint))
    }
  }
}
