import EnkatExpressions

extension QuestionnaireDecoder {
  static let questionTypes = [
    "singleChoice", "multipleChoice", "scale", "number", "text", "date", "display", "computed", "grid",
  ]

  mutating func decodeQuestion(_ node: JSONNode, path: String) -> QuestionDraft? {
    guard var r = ObjectReader(node, path: path, languages: languages, sink: sink) else { return nil }
    let id = r.string("id", required: true)
    let idNode = r.value("id")
    if let id, let idNode { checkID(id, idNode, path: path + ".id", what: "question id", question: id) }
    r.question = id
    let typeNode = r.value("type", required: true)
    let typeName = r.string("type")
    if typeName == "computed" {
      return decodeComputed(&r, id: id, idNode: idNode, path: path)
    }
    let text = r.localized("text", required: true)
    let instruction = r.localized("instruction")
    let askIf = r.stringNode("askIf").map { PendingExpression(text: $0.0, node: $0.1, path: path + ".askIf") }
    var kind: QuestionKind?
    let optionsFrom = decodeOptionsFrom(&r, path: path, question: id, type: typeName)
    switch typeName {
    case "singleChoice":
      kind = decodeChoices(&r, path: path, question: id, multiple: false, required: optionsFrom == nil)
        .map { .singleChoice($0) }
    case "multipleChoice":
      if let choices = decodeChoices(&r, path: path, question: id, multiple: true, required: optionsFrom == nil) {
        // With optionsFrom the number of options is known once the loop is bound (at most 1000 members).
        let limits = decodeLimits(&r, path: path, question: id, count: choices.count + (optionsFrom == nil ? 0 : 1000))
        kind = .multipleChoice(choices, limits)
        if limits.minSelected >= 2, let node = r.value("minSelected") {
          for dead in choices where dead.exclusive {
            sink.add(
              Diagnostic(
                "W151", .warning,
                "option \(dead.code) of '\(id ?? "?")' is exclusive, but at least \(limits.minSelected) options must be chosen, so it can never be chosen",
                at: node.position, path: path + ".minSelected", questionID: id,
                hint: "lower minSelected to 1, or make the option not exclusive"))
          }
        }
      }
    case "scale": kind = decodeScale(&r, path: path, question: id).map { .scale($0) }
    case "number": kind = decodeRange(&r, path: path, question: id).map { .number($0) }
    case "text":
      let maxLength = r.integer("maxLength")
      if let maxLength, maxLength < 1, let n = r.value("maxLength") {
        sink.error("E033", "maxLength must be at least 1", at: n, path: path + ".maxLength", question: id)
      }
      kind = .text(maxLength: maxLength)
    case "display": kind = .display
    case "date": kind = .date(decodeDateRange(&r, path: path, question: id))
    case let other?:
      let suggestion = EditDistance.suggestions(for: other, among: Self.questionTypes).first
      sink.error(
        "E034", "unknown question type \"\(other)\"", at: typeNode!, path: path + ".type", question: id,
        hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "types: " + Self.questionTypes.joined(separator: ", "))
    case nil: break
    }
    var optionOrder = OptionOrder.asWritten
    if let name = r.string("optionOrder") {
      if let order = OptionOrder(rawValue: name), kind?.choices.isEmpty == false {
        optionOrder = order
      } else if let node = r.value("optionOrder") {
        sink.error(
          "E035", "optionOrder is \"asWritten\", \"shuffle\" or \"rotate\", on a choice question", at: node,
          path: path + ".optionOrder", question: id)
      }
    }
    var required = true
    var allowed = defaultMissing
    var checks: [PendingCheck] = []
    if kind != .display {
      required = r.bool("required") ?? true
      allowed = decodeMissingList(&r, key: "allowMissing", path: path + ".allowMissing", question: id) ?? defaultMissing
      checks = decodeChecks(&r, path: path, question: id)
    }
    r.finish(context: typeName.map { "\($0) question '\(id ?? "?")'" })
    guard let id, let idNode, let text, let kind else {
      optionConditions = []  // a question dropped for its errors keeps its option conditions to itself
      sink.droppedQuestionPaths.insert(path)
      if let id { sink.droppedQuestionIDs.insert(id) }
      return nil
    }
    let question = Question(
      id: id, kind: kind, text: text, instruction: instruction,
      required: kind == .display ? false : required, allowedMissing: kind == .display ? [] : allowed,
      askIf: nil, checks: [], optionOrder: optionOrder)
    var draft = QuestionDraft(
      question: question, askIf: askIf, checks: checks, idNode: idNode, path: path, optionConditions: optionConditions)
    draft.optionsFrom = optionsFrom
    optionConditions = []
    return draft
  }

  /// `"optionsFrom": {"loop": "person", "label": {"sv": "{name}", "en": "{name}"}}` of a choice
  /// question: an option per iteration of the loop, coded by its key and labelled in it.
  private func decodeOptionsFrom(_ r: inout ObjectReader, path: String, question: String?, type: String?)
    -> OptionsFromDraft?
  {
    guard let node = r.value("optionsFrom") else { return nil }
    guard type == "singleChoice" || type == "multipleChoice" else {
      sink.error(
        "E036", "optionsFrom belongs to a singleChoice or multipleChoice question", at: node,
        path: path + ".optionsFrom", question: question)
      return nil
    }
    guard var o = ObjectReader(node, path: path + ".optionsFrom", question: question, languages: languages, sink: sink)
    else { return nil }
    let loop = o.string("loop", required: true)
    let label = o.localized("label", required: true)
    o.finish(context: "optionsFrom")
    guard let loop, let label, let loopNode = o.value("loop") else { return nil }
    return OptionsFromDraft(loop: loop, label: label, node: loopNode, path: path + ".optionsFrom")
  }

  /// The text question that follows an "other, specify" option of `question`: `ID_other`, asked
  /// when the option is chosen, with the question's missing codes. At most one per question.
  mutating func specifyFollowUp(of question: Question) -> QuestionDraft? {
    defer { specifyOptions = [] }
    guard let option = specifyOptions.first else { return nil }
    for extra in specifyOptions.dropFirst() {
      sink.error(
        "E037", "only one option of '\(question.id)' can ask to specify", at: extra.node, path: extra.path,
        question: question.id, hint: "its answer is stored as '\(question.id)_other'; remove \"specify\" here")
    }
    let multiple = if case .multipleChoice = question.kind { true } else { false }
    var followUp = Question(
      id: question.id + "_other", kind: .text(maxLength: 200), text: option.text, instruction: nil, required: true,
      allowedMissing: question.allowedMissing, askIf: nil, checks: [])
    followUp.specifies = OptionReference(questionID: question.id, code: option.code)
    let condition = multiple ? "\(question.id) contains \(option.code)" : "\(question.id) = \(option.code)"
    return QuestionDraft(
      question: followUp, askIf: PendingExpression(text: condition, node: option.node, path: option.path),
      checks: [], idNode: option.node, path: option.path)
  }

  /// `{"id": "dissatisfied", "type": "computed", "expression": "satisfaction <= 2"}`.
  private mutating func decodeComputed(_ r: inout ObjectReader, id: String?, idNode: JSONNode?, path: String)
    -> QuestionDraft?
  {
    let expression = r.value("expression", required: true) != nil ? r.stringNode("expression") : nil
    r.finish(context: "computed variable '\(id ?? "?")'")
    guard let id, let idNode, let (text, node) = expression else { return nil }
    let placeholder = Condition(source: text, expression: .boolean(false, SourceRange(0, 0)))
    let question = Question(
      id: id, kind: .computed(placeholder, .error), text: LocalizedText([:]), instruction: nil, required: false,
      allowedMissing: [], askIf: nil, checks: [])
    return QuestionDraft(
      question: question, askIf: nil, checks: [], idNode: idNode, path: path,
      computed: PendingExpression(text: text, node: node, path: path + ".expression"))
  }

  mutating func decodeChoices(
    _ r: inout ObjectReader, path: String, question: String?, multiple: Bool, required: Bool = true
  ) -> [Choice]? {
    guard let items = r.array("options", required: required) else { return required ? nil : [] }
    if items.isEmpty, required, let n = r.value("options") {
      sink.error(
        "E017", "a choice question needs at least one option", at: n, path: path + ".options",
        question: question)
      return nil
    }
    var choices: [Choice] = []
    var seen: [Int: Int] = [:]
    for (i, item) in items.enumerated() {
      let itemPath = "\(path).options[\(i)]"
      guard var o = ObjectReader(item, path: itemPath, question: question, languages: languages, sink: sink) else {
        continue
      }
      let code = o.integer("code", required: true)
      let label = o.localized("label", required: true)
      let showIf = o.stringNode("showIf").map { PendingExpression(text: $0.0, node: $0.1, path: itemPath + ".showIf") }
      let exclusive = o.bool("exclusive") ?? false
      let fixed = o.bool("fixed") ?? false
      let specify = o.localized("specify")
      if exclusive, !multiple, let node = o.value("exclusive") {
        sink.error(
          "E038", "only options of a multiple choice can be exclusive", at: node, path: itemPath + ".exclusive",
          question: question)
      }
      o.finish(context: "an option")
      guard let code, let label else { continue }
      if let showIf { optionConditions.append((choices.count, showIf)) }
      let codeNode = o.value("code")!
      if let first = seen[code] {
        sink.error(
          "E012", "option code \(code) is used twice in '\(question ?? "?")' (first by options[\(first)])",
          at: codeNode, path: itemPath + ".code", question: question, hint: "give every option its own code")
        continue
      }
      if let kind = missingKind(ofCode: code) {
        sink.error(
          "E016", "option code \(code) is the \(kind.rawValue) code of this questionnaire", at: codeNode,
          path: itemPath + ".code", question: question,
          hint: "use another code; don't know and refused are recorded with /dk and /ref")
      }
      seen[code] = i
      if let specify, let node = o.value("specify") {
        specifyOptions.append(SpecifyOption(code: code, text: specify, node: node, path: itemPath + ".specify"))
      }
      choices.append(Choice(code: code, label: label, exclusive: exclusive, fixed: fixed))
    }
    return choices
  }

  private mutating func decodeLimits(_ r: inout ObjectReader, path: String, question: String?, count: Int)
    -> MultipleChoiceLimits
  {
    let minimum = r.integer("minSelected") ?? 1
    let maximum = r.integer("maxSelected")
    if minimum < 0 || minimum > count, let n = r.value("minSelected") {
      sink.error(
        "E039", "minSelected must be between 0 and the number of options (\(count))", at: n,
        path: path + ".minSelected", question: question)
    }
    if let maximum, maximum < max(1, minimum) || maximum > count, let n = r.value("maxSelected") {
      sink.error(
        "E040", "maxSelected must be between minSelected and the number of options (\(count))", at: n,
        path: path + ".maxSelected", question: question)
    }
    return MultipleChoiceLimits(minSelected: minimum, maxSelected: maximum)
  }

  mutating func decodeScale(_ r: inout ObjectReader, path: String, question: String?) -> Scale? {
    guard r.value("scale", required: true) != nil, var s = r.object("scale") else { return nil }
    let low = s.integer("min", required: true)
    let high = s.integer("max", required: true)
    let lowLabel = s.localized("minLabel", required: true)
    let highLabel = s.localized("maxLabel", required: true)
    s.finish(context: "the scale of '\(question ?? "?")'")
    guard let low, let high, let lowLabel, let highLabel else { return nil }
    let (steps, overflow) = high.subtractingReportingOverflow(low)
    if low >= high || overflow || steps > 100 {
      sink.error(
        "E041", "the scale must run from a lower to a higher whole number (at most 100 steps), not \(low) to \(high)",
        at: s.node, path: path + ".scale", question: question)
      return nil
    }
    if let clash = missingCodes.sorted(by: { $0.code < $1.code }).first(where: { (low...high).contains($0.code) }) {
      sink.error(
        "E016", "the scale \(low)–\(high) includes \(clash.code), the \(clash.kind.rawValue) code", at: s.node,
        path: path + ".scale", question: question, hint: "move the missing codes outside every scale")
    }
    return Scale(min: low, max: high, minLabel: lowLabel, maxLabel: highLabel)
  }

  private mutating func decodeRange(_ r: inout ObjectReader, path: String, question: String?) -> NumberRange? {
    let decimals = r.integer("decimals") ?? 0
    if !(0...6).contains(decimals), let n = r.value("decimals") {
      sink.error("E042", "decimals must be between 0 and 6", at: n, path: path + ".decimals", question: question)
    }
    var low: Double?
    var high: Double?
    if var range = r.object("range") {
      low = range.number("min")
      high = range.number("max")
      range.finish(context: "the range of '\(question ?? "?")'")
      if let low, let high, low > high {
        sink.error(
          "E043", "the range's min (\(Value.format(low))) is above its max (\(Value.format(high)))",
          at: range.node, path: path + ".range", question: question)
      }
    }
    return NumberRange(min: low, max: high, decimals: decimals)
  }

  /// `"range": {"min": "1900-01-01", "max": "2030-12-31"}` of a date question.
  private mutating func decodeDateRange(_ r: inout ObjectReader, path: String, question: String?) -> DateRange {
    guard var range = r.object("range") else { return DateRange(min: nil, max: nil) }
    func date(_ key: String) -> Int? {
      guard let text = range.string(key), let node = range.value(key) else { return nil }
      guard let day = CalendarDay.parse(text) else {
        sink.error(
          "E044", "\(key) must be a date written YYYY-MM-DD, not \"\(text)\"", at: node,
          path: path + ".range." + key, question: question)
        return nil
      }
      return day
    }
    let low = date("min")
    let high = date("max")
    range.finish(context: "the range of '\(question ?? "?")'")
    if let low, let high, low > high {
      sink.error(
        "E045", "the range's min (\(CalendarDay.format(low))) is after its max (\(CalendarDay.format(high)))",
        at: range.node, path: path + ".range", question: question)
    }
    return DateRange(min: low, max: high)
  }

  private mutating func decodeChecks(_ r: inout ObjectReader, path: String, question: String?) -> [PendingCheck] {
    guard let items = r.array("checks") else { return [] }
    var checks: [PendingCheck] = []
    for (i, item) in items.enumerated() {
      let itemPath = "\(path).checks[\(i)]"
      guard var c = ObjectReader(item, path: itemPath, question: question, languages: languages, sink: sink) else {
        continue
      }
      if c.value("rule", required: true) == nil { _ = c.localized("message", required: true); c.finish(); continue }
      let rule = c.stringNode("rule")
      let message = c.localized("message", required: true)
      var kind = Check.Kind.hard
      if let name = c.string("kind") {
        if let k = Check.Kind(rawValue: name) {
          kind = k
        } else if let node = c.value("kind") {
          sink.error(
            "E046", "a check's kind is \"hard\" or \"soft\", not \"\(name)\"", at: node, path: itemPath + ".kind",
            question: question)
        }
      }
      c.finish(context: "a check")
      if let rule, let message {
        checks.append(
          PendingCheck(
            rule: PendingExpression(text: rule.0, node: rule.1, path: itemPath + ".rule"), message: message, kind: kind)
        )
      }
    }
    return checks
  }
}
