import EnkatExpressions
import Foundation

/// A questionnaire decoded but not yet bound: conditions are still text with their positions.
struct QuestionnaireDraft {
  var id: String
  var version: String
  var title: LocalizedText
  var languages: [String]
  var missingCodes: [MissingCode]
  var sections: [SectionDraft]
  /// Ids of grids, which name no variable but must be unique.
  var groups: [(id: String, node: JSONNode, path: String)] = []
  /// The values a sample preloads, with where each is declared.
  var preload: [(variable: PreloadVariable, node: JSONNode, path: String)] = []
}

struct SectionDraft {
  var id: String
  var title: LocalizedText
  var askIf: PendingExpression?
  var questions: [QuestionDraft]
  var idNode: JSONNode
  var path: String
  var loop: LoopDraft? = nil
}

/// A section's `repeat`, not yet bound.
struct LoopDraft {
  enum Count {
    case times(PendingExpression)
    case forEach(String, JSONNode)
    /// The repeat has an error (reported); the section is still a loop, so its id still resolves.
    case invalid
  }
  var count: Count
  /// `max`, with its node.
  var max: (Int, JSONNode)?
  var node: JSONNode
  var path: String
}

struct QuestionDraft {
  var question: Question
  var askIf: PendingExpression?
  var checks: [PendingCheck]
  var idNode: JSONNode
  var path: String
  /// The expression of a computed variable.
  var computed: PendingExpression? = nil
  /// For an item of a grid: the grid's path, whose texts belong to its first item.
  var groupPath: String? = nil
  /// For items after the first of a grid: the grid's condition is bound once, on the first item.
  var sharesPreviousAskIf = false
  /// The `showIf` of options, by the option's index.
  var optionConditions: [(Int, PendingExpression)] = []
  /// Options made from a loop's members (`"optionsFrom"`).
  var optionsFrom: OptionsFromDraft? = nil
}

/// `"optionsFrom": {"loop": "person", "label": {"sv": "{name}", …}}`: one option per iteration.
struct OptionsFromDraft {
  var loop: String
  var label: LocalizedText
  var node: JSONNode
  var path: String
}

/// An option with `specify`: the follow-up's text and where it is written.
struct SpecifyOption {
  var code: Int
  var text: LocalizedText
  var node: JSONNode
  var path: String
}

/// A check whose rule is not yet bound.
struct PendingCheck {
  var rule: PendingExpression
  var message: LocalizedText
  var kind: Check.Kind
}

/// An expression's text and where it stands in the file.
struct PendingExpression {
  var text: String
  var node: JSONNode
  var path: String
}

/// Decodes the JSON tree of a questionnaire into a draft, reporting every problem.
struct QuestionnaireDecoder {
  let sink: DiagnosticSink
  let source: SourceText
  var languages: [String] = []
  /// The missing codes declared so far, in the order of the file.
  var missingCodes: [MissingCode] = []
  var defaultMissing: [MissingKind] = []
  /// Ids of the grids decoded so far.
  var groups: [(id: String, node: JSONNode, path: String)] = []
  /// Option conditions of the question being decoded.
  var optionConditions: [(Int, PendingExpression)] = []
  /// Options of the question being decoded that ask to specify.
  var specifyOptions: [SpecifyOption] = []

  init(sink: DiagnosticSink, source: SourceText) {
    self.sink = sink
    self.source = source
  }

  static let idPattern = "a letter followed by letters, digits or _"

  mutating func decode(_ root: JSONNode) -> QuestionnaireDraft? {
    guard var reader = ObjectReader(root, path: "", languages: [], sink: sink) else { return nil }
    if let format = reader.integer("formatVersion", required: true), format != Questionnaire.formatVersion {
      sink.error(
        "E020",
        "this file is in questionnaire format \(format); this enkat reads format \(Questionnaire.formatVersion)",
        at: reader.value("formatVersion")!, path: "formatVersion",
        hint: format > Questionnaire.formatVersion
          ? "use a newer enkat" : "set \"formatVersion\": \(Questionnaire.formatVersion)")
    }
    let id = reader.string("id", required: true)
    if let id, let node = reader.value("id"),
      id.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$"#, options: .regularExpression) == nil
    {
      sink.error(
        "E011", "questionnaire id '\(id)' is not valid: use letters, digits, - and _ (it names the response files)",
        at: node, path: "id")
    }
    let version = reader.string("version", required: true)
    languages = decodeLanguages(&reader)
    reader.languages = languages
    let title = reader.localized("title", required: true)
    decodeMissingCodes(&reader)
    defaultMissing = decodeMissingList(&reader, key: "allowMissing", path: "allowMissing", question: nil) ?? []
    let preload = decodePreload(&reader)
    var sections: [SectionDraft] = []
    if let items = reader.array("sections", required: true) {
      if items.isEmpty, let node = reader.value("sections") {
        sink.error(
          "E021", "the questionnaire has no sections", at: node, path: "sections",
          hint: "add at least one section with questions")
      }
      for (i, item) in items.enumerated() {
        if let s = decodeSection(item, path: "sections[\(i)]") { sections.append(s) }
      }
    }
    reader.finish(context: "the questionnaire")
    guard let id, let version, let title else { return nil }
    return QuestionnaireDraft(
      id: id, version: version, title: title, languages: languages,
      missingCodes: missingCodes, sections: sections, groups: groups, preload: preload)
  }

  /// `"preload": [{"id": "region", "type": "number"}, {"id": "namn", "type": "text"}]`.
  private func decodePreload(_ reader: inout ObjectReader) -> [(
    variable: PreloadVariable, node: JSONNode, path: String
  )] {
    guard let items = reader.array("preload") else { return [] }
    var out: [(variable: PreloadVariable, node: JSONNode, path: String)] = []
    for (i, item) in items.enumerated() {
      let path = "preload[\(i)]"
      guard var r = ObjectReader(item, path: path, languages: languages, sink: sink) else { continue }
      defer { r.finish(context: "a preload variable") }
      guard let id = r.string("id", required: true), let idNode = r.value("id") else { continue }
      if id.range(of: #"^[A-Za-z][A-Za-z0-9_]*$"#, options: .regularExpression) == nil {
        sink.error("E011", "preload id '\(id)' is not valid: use \(Self.idPattern)", at: idNode, path: path + ".id")
        continue
      }
      let type = r.string("type", required: true) ?? "number"
      guard let kind = PreloadVariable.Kind(rawValue: type) else {
        sink.error(
          "E050", "a preload variable's type is 'number' or 'text', not '\(type)'", at: r.value("type") ?? item,
          path: path + ".type")
        continue
      }
      out.append((PreloadVariable(id: id, kind: kind), idNode, path + ".id"))
    }
    return out
  }

  /// The missing kind that `code` stands for, if it is a declared missing code.
  func missingKind(ofCode code: Int) -> MissingKind? {
    missingCodes.first { $0.code == code }?.kind
  }

  /// Whether the kind has a declared missing code.
  func isDeclared(_ kind: MissingKind) -> Bool {
    missingCodes.contains { $0.kind == kind }
  }

  private mutating func decodeLanguages(_ reader: inout ObjectReader) -> [String] {
    guard let items = reader.array("languages", required: true) else { return [] }
    var result: [String] = []
    for (i, item) in items.enumerated() {
      guard case .string(let code) = item.kind,
        code.range(of: #"^[a-z]{2,3}(-[A-Z]{2})?$"#, options: .regularExpression) != nil
      else {
        sink.error(
          "E022", "languages[\(i)] must be a language code such as \"sv\" or \"en\"", at: item,
          path: "languages[\(i)]")
        continue
      }
      if result.contains(code) {
        sink.error("E023", "the language \"\(code)\" is declared twice", at: item, path: "languages[\(i)]")
      } else {
        result.append(code)
      }
    }
    if result.isEmpty, let node = reader.value("languages") {
      sink.error(
        "E024", "the questionnaire declares no language", at: node, path: "languages",
        hint: "write \"languages\": [\"sv\", \"en\"]")
    }
    return result
  }

  private mutating func decodeMissingCodes(_ reader: inout ObjectReader) {
    guard let items = reader.array("missingCodes") else { return }
    for (i, item) in items.enumerated() {
      let path = "missingCodes[\(i)]"
      guard var r = ObjectReader(item, path: path, languages: languages, sink: sink) else { continue }
      let kindNode = r.value("kind", required: true)
      let kind = r.string("kind").flatMap { name -> MissingKind? in
        guard let k = MissingKind(rawValue: name) else {
          sink.error(
            "E025", "unknown missing kind \"\(name)\"", at: kindNode!, path: path + ".kind",
            hint: "use one of: " + MissingKind.allCases.map(\.rawValue).joined(separator: ", "))
          return nil
        }
        return k
      }
      let code = r.integer("code", required: true)
      let label = r.localized("label", required: true)
      r.finish()
      guard let kind, let code else { continue }
      if isDeclared(kind) {
        sink.error("E012", "the missing kind \(kind.rawValue) is declared twice", at: kindNode!, path: path + ".kind")
        continue
      }
      if let other = missingKind(ofCode: code) {
        sink.error(
          "E012", "code \(code) is already the \(other.rawValue) code", at: r.value("code")!,
          path: path + ".code", hint: "give each missing kind its own code")
        continue
      }
      // A label with errors was reported; the code is still declared, so uses of it are not.
      missingCodes.append(MissingCode(kind: kind, code: code, label: label ?? LocalizedText([:])))
    }
  }

  /// A list of missing kinds, each of which must be declared in `missingCodes`.
  mutating func decodeMissingList(_ reader: inout ObjectReader, key: String, path: String, question: String?)
    -> [MissingKind]?
  {
    guard let items = reader.array(key) else { return nil }
    var result: [MissingKind] = []
    for (i, item) in items.enumerated() {
      let itemPath = "\(path)[\(i)]"
      guard case .string(let name) = item.kind, let kind = MissingKind(rawValue: name) else {
        sink.error(
          "E026",
          "\(itemPath) must be one of: " + MissingKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "),
          at: item, path: itemPath, question: question)
        continue
      }
      if !isDeclared(kind) {
        sink.error(
          "E027", "\(kind.rawValue) is allowed here but has no entry in \"missingCodes\"", at: item,
          path: itemPath, question: question, hint: "declare its code and label in \"missingCodes\"")
        continue
      }
      if !result.contains(kind) { result.append(kind) }
    }
    return result
  }

  private mutating func decodeSection(_ node: JSONNode, path: String) -> SectionDraft? {
    guard var r = ObjectReader(node, path: path, languages: languages, sink: sink) else { return nil }
    let id = r.string("id", required: true)
    if let id, let idNode = r.value("id") { checkID(id, idNode, path: path + ".id", what: "section id") }
    let title = r.localized("title", required: true)
    let askIf = r.stringNode("askIf").map { PendingExpression(text: $0.0, node: $0.1, path: path + ".askIf") }
    let loop = r.value("repeat").flatMap { decodeLoop($0, path: path + ".repeat", section: id) }
    let questionOrder = decodeBlockOrder(&r, key: "questionOrder", path: path, owner: id)
    var questions: [QuestionDraft] = []
    if let items = r.array("questions", required: true) {
      if items.isEmpty, let n = r.value("questions") {
        sink.error(
          "E028", "section '\(id ?? "?")' has no questions", at: n, path: path + ".questions",
          question: id, hint: "add a question or remove the section")
      }
      for (i, item) in items.enumerated() {
        questions += decodeItem(item, path: "\(path).questions[\(i)]")
      }
    }
    r.finish(context: "section '\(id ?? "?")'")
    guard let id, let title, let idNode = r.value("id") else { return nil }
    if questionOrder != .asWritten {
      if let grid = questions.first(where: { $0.question.block != nil || $0.groupPath != nil }) {
        sink.error(
          "E029", "a section with questionOrder cannot hold a grid", at: grid.idNode, path: grid.path,
          question: grid.question.id, hint: "put the grid in its own section, and shuffle its items with itemOrder")
      }
      // An "other, specify" follow-up stays outside: it moves with the question it follows.
      for i in questions.indices where questions[i].question.specifies == nil {
        questions[i].question.block = RandomizedBlock(id: id, order: questionOrder)
      }
    }
    return SectionDraft(
      id: id, title: title, askIf: askIf, questions: questions, idNode: idNode, path: path, loop: loop)
  }

  /// `{"times": "hhsize", "max": 12}` or `{"forEach": "reasons"}`.
  private func decodeLoop(_ node: JSONNode, path: String, section: String?) -> LoopDraft? {
    guard var r = ObjectReader(node, path: path, question: section, languages: languages, sink: sink) else {
      return nil
    }
    let times = r.stringNode("times")
    let forEach = r.stringNode("forEach")
    let max = r.integer("max").flatMap { m in r.value("max").map { (m, $0) } }
    r.finish(context: "the repeat of section '\(section ?? "?")'")
    if let (m, maxNode) = max, !(1...1000).contains(m) {
      sink.error(
        "E030", "a loop's max must be between 1 and 1000", at: maxNode, path: path + ".max", question: section)
      return LoopDraft(count: .invalid, max: nil, node: node, path: path)
    }
    switch (times, forEach) {
    case (let (text, n)?, nil):
      return LoopDraft(
        count: .times(PendingExpression(text: text, node: n, path: path + ".times")), max: max, node: node, path: path)
    case (nil, let (id, n)?):
      if let (_, maxNode) = max {
        sink.error(
          "E031", "a forEach loop needs no max: it runs at most once per option", at: maxNode, path: path + ".max",
          question: section, hint: "remove \"max\"")
      }
      return LoopDraft(count: .forEach(id, n), max: nil, node: node, path: path)
    default:
      sink.error(
        "E032", "a repeat needs either \"times\" (a number expression) or \"forEach\" (a multiple-choice question)",
        at: node, path: path, question: section,
        hint: "write \"repeat\": {\"times\": \"hhsize\"} or \"repeat\": {\"forEach\": \"reasons\"}")
      return LoopDraft(count: .invalid, max: nil, node: node, path: path)
    }
  }

  func checkID(_ id: String, _ node: JSONNode, path: String, what: String, question: String? = nil) {
    let valid = id.range(of: #"^[A-Za-z][A-Za-z0-9_]*$"#, options: .regularExpression) != nil
    if !valid {
      sink.error(
        "E011", "\(what) '\(id)' is not valid: use \(Self.idPattern)", at: node, path: path,
        question: question, hint: "ids are used in expressions and exports, so they cannot hold spaces, dots or å ä ö")
      return
    }
    if Token.Keyword(rawValue: id.lowercased()) != nil || BuiltinFunction.all[id] != nil {
      sink.error(
        "E011", "\(what) '\(id)' is a reserved word of the expression language", at: node,
        path: path, question: question, hint: "choose another id")
    }
  }
}
