import EnkatExpressions
import EnkatModel

/// The variables of a questionnaire's dataset, in questionnaire order, one per question instance
/// that takes an answer or is computed, and one per option of each multiple choice.
///
/// It is the single place where question instances become columns, labels, codes, missing codes
/// and measurement levels: exports and analyses read it and map nothing a second time.
public struct Codebook: Equatable, Sendable {
  public var questionnaireID: String
  public var version: String
  public var digest: String
  public var languages: [String]
  public var title: LocalizedText
  public var variables: [Variable]

  /// The labels of an option column's two values.
  static let notChosen = text(.notChosen)
  static let yes = text(.yes)
  static let no = text(.no)

  private static func text(_ key: Words.Key) -> LocalizedText {
    let (sv, en) = Words.both(key)
    return LocalizedText(["sv": sv, "en": en])
  }

  public init(_ questionnaire: Questionnaire) {
    questionnaireID = questionnaire.id
    version = questionnaire.version
    digest = questionnaire.digest
    languages = questionnaire.languages
    title = questionnaire.title
    var drafts: [Variable] = []
    for (i, question) in questionnaire.instances.enumerated() where question.isVariable {
      let section = questionnaire.sections[questionnaire.instanceSections[i]]
      drafts += Self.variables(of: question, section: section, questionnaire: questionnaire)
    }
    // Names: the questions' own ids first, then the generated ones (rule 4 of VariableNaming).
    var registry = VariableNaming.Registry()
    var names = [String?](repeating: nil, count: drafts.count)
    func isOwnID(_ v: Variable) -> Bool {
      if case .option = v.content { return false }
      return !v.questionID.contains("[")
    }
    for k in drafts.indices where isOwnID(drafts[k]) { names[k] = registry.name(for: drafts[k].name) }
    for k in drafts.indices where names[k] == nil { names[k] = registry.name(for: drafts[k].name) }
    variables = zip(drafts, names).map { draft, name in
      var v = draft
      v.name = name!
      return v
    }
  }

  /// The variable named `name` (exactly), if any.
  public func variable(named name: String) -> Variable? { variables.first { $0.name == name } }

  private static func variables(of question: Question, section: Section, questionnaire: Questionnaire) -> [Variable] {
    let label =
      question.stem.map { stem in
        LocalizedText(
          Dictionary(
            uniqueKeysWithValues: questionnaire.languages.map { l in
              (l, stem.text(in: l) + " — " + question.text.text(in: l))
            }))
      } ?? question.text
    let missing = questionnaire.missingCodes.filter { question.allowedMissing.contains($0.kind) }
    let condition = [question.iteration == nil ? section.askIf?.source : nil, question.askIf?.source]
      .compactMap { $0 }.joined(separator: " and ")
    var v = Variable(
      name: VariableNaming.baseName(questionID: question.id), questionID: question.id, content: .answer,
      label: label, type: .numeric(decimals: 0), measure: .nominal, valueLabels: [], missingCodes: missing,
      condition: condition.isEmpty ? nil : condition)
    switch question.kind {
    case .singleChoice(let choices):
      v.valueLabels = choices.map { .init(code: $0.code, label: $0.label) }
    case .multipleChoice(let choices, _):
      return choices.map { choice in
        var option = v
        option.name = VariableNaming.baseName(questionID: question.id, optionCode: choice.code)
        option.content = .option(code: choice.code)
        option.label = LocalizedText(
          Dictionary(
            uniqueKeysWithValues: questionnaire.languages.map { l in
              (l, label.text(in: l) + " — " + choice.label.text(in: l))
            }))
        option.valueLabels = [.init(code: 0, label: notChosen), .init(code: 1, label: choice.label)]
        return option
      }
    case .scale(let s):
      v.measure = .ordinal
      v.valueLabels = [.init(code: s.min, label: s.minLabel), .init(code: s.max, label: s.maxLabel)]
    case .number(let range):
      v.type = .numeric(decimals: range.decimals)
      v.measure = .scale
    case .text(let maxLength):
      v.type = .text(maxLength: maxLength)
    case .date:
      v.type = .date
      v.measure = .scale
    case .computed(let expression, let type):
      v.content = .computed
      v.missingCodes = []
      v.label = LocalizedText(
        Dictionary(uniqueKeysWithValues: questionnaire.languages.map { ($0, "= " + expression.source) }))
      switch type {
      case .boolean: v.valueLabels = [.init(code: 0, label: no), .init(code: 1, label: yes)]
      case .number:
        v.type = .numeric(decimals: 6)
        v.measure = .scale
      case .date:
        v.type = .date
        v.measure = .scale
      default: v.type = .text(maxLength: nil)
      }
    case .display:
      return []
    }
    return [v]
  }
}
