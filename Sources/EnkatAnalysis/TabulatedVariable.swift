import EnkatDataset
import EnkatExpressions
import EnkatModel

/// What a name on the command line tabulates: one variable (a question's answer or a computed
/// value), or a multiple choice question as its option columns.
enum TabulatedVariable {
  case single(Variable)
  case multiple(questionID: String, label: LocalizedText, options: [Variable])

  init(_ name: String, in codebook: Codebook) throws(AnalysisError) {
    if let variable = codebook.variable(named: name) {
      self = .single(variable)
      return
    }
    let options = codebook.variables.filter {
      if case .option = $0.content { return $0.questionID == name }
      return false
    }
    if let first = options.first {
      self = .multiple(questionID: name, label: Self.questionLabel(first), options: options)
      return
    }
    let names = Set(codebook.variables.map(\.name) + codebook.variables.map(\.questionID))
    throw .unknownVariable(name, suggestions: EditDistance.suggestions(for: name, among: names.sorted()))
  }

  /// The names of the columns it reads.
  var columnNames: [String] {
    switch self {
    case .single(let v): return [v.name]
    case .multiple(_, _, let options): return options.map(\.name)
    }
  }

  var name: String {
    switch self {
    case .single(let v): return v.name
    case .multiple(let id, _, _): return id
    }
  }

  /// An option column's label is the question's text, " — ", and the option's: the question's
  /// alone is what comes before.
  private static func questionLabel(_ option: Variable) -> LocalizedText {
    guard let chosen = option.valueLabels.first(where: { $0.code == 1 }) else { return option.label }
    return LocalizedText(
      option.label.translations.mapValues { text in
        for (_, suffix) in chosen.label.translations where text.hasSuffix(" — " + suffix) {
          return String(text.dropLast(suffix.count + 3))
        }
        return text
      })
  }

  /// The option's own label (its column's value 1).
  static func optionLabel(_ option: Variable, language: String) -> String {
    option.valueLabels.first { $0.code == 1 }?.label.text(in: language) ?? option.name
  }
}

extension Variable {
  /// The option an option column stands for.
  var optionCode: Int? {
    if case .option(let code) = content { return code }
    return nil
  }

  /// The label of `code` in `language`, or the code itself.
  func label(of code: Double, language: String) -> String {
    if code == code.rounded(), let label = valueLabels.first(where: { Double($0.code) == code }) {
      return label.label.text(in: language)
    }
    return ResultTable.full(code)
  }
}
