import EnkatDataset
import EnkatModel

/// A multiple choice question's options: per option how many chose it, as a percentage of the
/// respondents (those who answered the question: its base, stated in the table; don't know,
/// refused and not asked left out) and of all responses (choices) given. With `by`, the
/// percentage of respondents in each group of that variable. Weighted (`weighting`), the
/// percentages are design-based estimates with their errors and intervals (`WeightedMultipleResponse`).
public struct MultipleResponseTable: Analysis {
  public var question: String
  public var by: String?
  /// Whether each option's share of the respondents is also said in words (`Headline`).
  public var headlines: Bool
  /// How the cases are weighted; nil for an unweighted table.
  public var weighting: WeightSpec?

  public init(_ question: String, by: String? = nil, headlines: Bool = false, weighting: WeightSpec? = nil) {
    self.question = question
    self.by = by
    self.headlines = headlines
    self.weighting = weighting
  }

  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    guard case .multiple(_, _, let options) = try TabulatedVariable(question, in: codebook) else {
      throw .unsuitable(question, reason: "it is not a multiple choice question")
    }
    var names = options.map(\.name)
    if let by {
      guard case .single(let v) = try TabulatedVariable(by, in: codebook) else {
        throw .unsuitable(by, reason: "groups come from a variable with one value per case")
      }
      names.append(v.name)
    }
    return names + (try weightingColumns(weighting, in: codebook))
  }

  public func run(_ data: AnalysisData, words: Words) throws(AnalysisError) -> ResultTable {
    guard case .multiple(_, let questionLabel, let options) = try TabulatedVariable(question, in: data.codebook) else {
      throw .unsuitable(question, reason: "it is not a multiple choice question")
    }
    let columns = options.map { data.cells($0.name) ?? [] }
    // A respondent answered the question: every option column holds 0 or 1.
    let answered = answeredCases(columns, count: data.count)
    var groupOf: [CellValue?] = Array(repeating: nil, count: data.count)
    var groups: [CellValue] = []
    var groupVariable: Variable?
    if let by {
      guard case .single(let v) = try TabulatedVariable(by, in: data.codebook), let cells = data.cells(v.name) else {
        throw .unsuitable(by, reason: "groups come from a variable with one value per case")
      }
      groupVariable = v
      let values = cells.map(CellValue.init)
      groupOf = values.map { $0.isValid ? $0 : nil }
      groups = categories(of: v, in: zip(values, answered).filter { $1 }.map(\.0))
    }
    if let weighting {
      return try weightedTable(
        WeightedMultipleResponse(columns, design: try SurveyDesign(weighting, data)), options, groupOf, groups,
        groupVariable, questionLabel, words)
    }
    func respondents(in group: CellValue?) -> [Int] {
      (0..<data.count).filter { answered[$0] && (group == nil || groupOf[$0] == group) }
    }
    func chosen(_ option: Int, among cases: [Int]) -> Double {
      Double(
        cases.filter { if case .number(let n) = columns[option][$0] { return n == 1 } else { return false } }.count)
    }
    let everyone = respondents(in: nil)
    let base = Double(everyone.count)
    let responses = options.indices.reduce(0.0) { $0 + chosen($1, among: everyone) }
    var rows: [ResultTable.Row] = []
    var notes: [String] = []
    var tableColumns: [ResultTable.Column]
    if let groupVariable {
      let members = groups.map { respondents(in: $0) }
      tableColumns =
        groups.map { ResultTable.Column(label(of: $0, groupVariable, words), .percent, code: $0.code) }
        + [.init(words[.total], .percent)]
      for (k, option) in options.enumerated() {
        let values = (members + [everyone]).map { cases -> Double? in
          cases.isEmpty ? nil : 100 * chosen(k, among: cases) / Double(cases.count)
        }
        rows.append(
          .init(
            label: TabulatedVariable.optionLabel(option, language: words.language),
            code: option.optionCode.map(Double.init), values: values))
      }
      rows.append(
        .init(label: words[.respondents], kind: .base, values: (members + [everyone]).map { Double($0.count) }))
    } else {
      tableColumns = [
        .init(words[.count], .count), .init(words[.percentOfRespondents], .percent),
        .init(words[.percentOfResponses], .percent),
      ]
      for (k, option) in options.enumerated() {
        let n = chosen(k, among: everyone)
        rows.append(
          .init(
            label: TabulatedVariable.optionLabel(option, language: words.language),
            code: option.optionCode.map(Double.init),
            values: [n, base > 0 ? 100 * n / base : nil, responses > 0 ? 100 * n / responses : nil]))
        if headlines, let note = Headline.note(rows.last!.label, successes: n, trials: base, words: words) {
          notes.append(note)
        }
      }
      rows.append(.init(label: words[.respondents], kind: .total, values: [base, base > 0 ? 100 : nil, nil]))
      rows.append(.init(label: words[.responses], kind: .total, values: [responses, nil, responses > 0 ? 100 : nil]))
    }
    return ResultTable(
      title: "\(question): \(questionLabel.text(in: words.language))"
        + (groupVariable.map { " — \($0.label.text(in: words.language))" } ?? ""),
      base: "\(words[.answeredQuestion]): \(formattedCount(everyone.count, words))",
      columns: tableColumns, rows: rows, notes: notes)
  }

  private func weightedTable(
    _ table: WeightedMultipleResponse, _ options: [Variable], _ groupOf: [CellValue?], _ groups: [CellValue],
    _ groupVariable: Variable?, _ questionLabel: LocalizedText, _ words: Words
  ) throws(AnalysisError) -> ResultTable {
    let design = table.design
    var rows: [ResultTable.Row]
    var columns: [ResultTable.Column]
    var notes: [String] = []
    let base: Double
    if let groupVariable {
      let masks = groups.map { group in design.cases.map { groupOf[$0] == group } }
      let (shares, bases) = table.groupShares(masks)
      rows = zip(options, shares).map { option, values in
        .init(
          label: TabulatedVariable.optionLabel(option, language: words.language),
          code: option.optionCode.map(Double.init), values: values)
      }
      rows.append(.init(label: words[.respondents], kind: .base, values: bases))
      columns =
        groups.map { ResultTable.Column(label(of: $0, groupVariable, words), .percent, code: $0.code) }
        + [.init(words[.total], .percent)]
      base = bases.last ?? 0
    } else {
      (rows, columns) = table.rows(options, words)
      base = rows.first { $0.label == words[.respondents] }?.values[0] ?? 0
      if headlines {
        for row in rows where row.kind == .value {
          guard let share = row.values[1], let low = row.values[3], let high = row.values[4] else { continue }
          notes.append(Headline.note(row.label, share: share / 100, interval: low / 100...high / 100, words: words))
        }
      }
    }
    return ResultTable(
      title: "\(question): \(questionLabel.text(in: words.language))"
        + (groupVariable.map { " — \($0.label.text(in: words.language))" } ?? ""),
      base: "\(words[.answeredQuestion]): \(ResultTable.formatted(base, .count))",
      columns: columns, rows: rows, notes: notes + weightingNotes(design, cases: table.cases, words))
  }

}
