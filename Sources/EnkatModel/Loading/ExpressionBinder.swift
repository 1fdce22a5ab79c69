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
  private var order: [String: Int] = [:]
  private var variables: [String: VariableInfo] = [:]
  private var displays: Set<String> = []

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
      let sectionCondition = s.askIf.flatMap {
        bind($0, owner: s.id, role: "the condition of section '\(s.id)'", visibleBefore: firstIndex, allowSelf: nil)
      }
      var questions: [Question] = []
      for q in s.questions {
        var question = q.question
        question.askIf = q.askIf.flatMap {
          bind($0, owner: question.id, role: "the condition of '\(question.id)'", visibleBefore: index, allowSelf: nil)
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
      sections.append(Section(id: s.id, title: s.title, askIf: sectionCondition, questions: questions))
    }
    return Questionnaire(
      id: draft.id, version: draft.version, title: draft.title, languages: draft.languages,
      missingCodes: draft.missingCodes, sections: sections, digest: digest)
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
      return true
    }
    var index = 0
    for s in draft.sections {
      _ = register(s.id, s.idNode, s.path + ".id", "section")
      for q in s.questions {
        if register(q.question.id, q.idNode, q.path + ".id", "question") {
          if q.question.takesAnswer {
            order[q.question.id] = index
            variables[q.question.id] = Self.info(for: q.question.kind)
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
    case .display: return VariableInfo(type: .error)
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
      return Condition(source: pending.text, expression: expression)
    }
  }

  private func resolve(_ name: String, limit: Int, allowSelf: String?, owner: String) -> NameResolution {
    if displays.contains(name) {
      return .unavailable(reason: "it is display text and has no answer")
    }
    guard let position = order[name], let info = variables[name] else {
      return .unknown(suggestions: EditDistance.suggestions(for: name, among: order.keys))
    }
    if name == allowSelf || position < limit { return .variable(info) }
    if name == owner {
      return .unavailable(reason: "a question's condition cannot depend on its own answer (a check can)")
    }
    return .unavailable(
      reason: "it is asked later, so its answer is not known here (conditions may only read earlier answers)")
  }

  private func report(_ problems: [ExpressionProblem], _ pending: PendingExpression, owner: String, role: String) {
    for p in problems {
      let start = source.position(ofScalar: p.range.start, inStringAt: pending.node.position)
      let length = max(1, p.range.end - p.range.start)
      sink.add(
        Diagnostic(
          p.code, p.severity == .error ? .error : .warning, "\(p.message) in \(role)",
          at: start, length: length, path: pending.path, questionID: owner, hint: p.hint))
    }
  }
}
