import EnkatDataset
import EnkatModel

/// A multiple choice question with design weights (docs/analysis.md, "Weights"): per option its
/// weighted count, its share of the respondents (those who answered the question, in the
/// subpopulation) with the linearised standard error and 95 % logit interval, and its share of
/// the responses; with groups, the share of each group's respondents.
struct WeightedMultipleResponse {
  let design: SurveyDesign
  /// Per option, per design case: 1 when chosen, 0 when not, nil when the case is no respondent.
  let chosen: [[Double?]]
  let respondent: [Bool]

  init(_ columns: [[DatasetCell]], design: SurveyDesign) {
    self.design = design
    let answered = answeredCases(columns, count: columns.first?.count ?? 0)
    respondent = design.cases.indices.map { answered[design.cases[$0]] && design.subpopulation[$0] }
    chosen = columns.map { column in
      design.cases.indices.map { k -> Double? in
        guard answered[design.cases[k]] else { return nil }
        if case .number(let n) = column[design.cases[k]] { return n == 1 ? 1 : 0 }
        return 0
      }
    }
  }

  /// The weighted sum over the respondents in `group` (all when nil) of `value`.
  private func sum(_ group: [Bool]?, _ value: (Int) -> Double) -> Double {
    design.cases.indices.reduce(0.0) { total, k in
      respondent[k] && group?[k] != false ? total + design.weights[k] * value(k) : total
    }
  }

  /// Rows and columns of the ungrouped table: weighted count, % of respondents with its error and
  /// interval, % of responses.
  func rows(_ options: [Variable], _ words: Words) -> (rows: [ResultTable.Row], columns: [ResultTable.Column]) {
    let base = sum(nil) { _ in 1 }
    let counts = chosen.map { column in sum(nil) { column[$0] ?? 0 } }
    let responses = counts.reduce(0, +)
    var rows: [ResultTable.Row] = []
    for (option, (column, n)) in zip(options, zip(chosen, counts)) {
      let estimate = design.mean(design.cases.indices.map { respondent[$0] ? column[$0] : nil })
      let interval = estimate?.logitInterval
      rows.append(
        .init(
          label: TabulatedVariable.optionLabel(option, language: words.language),
          code: option.optionCode.map(Double.init),
          values: [
            n, estimate.map { 100 * $0.value }, estimate.map { 100 * $0.error }, interval.map { 100 * $0.lowerBound },
            interval.map { 100 * $0.upperBound }, responses > 0 ? 100 * n / responses : nil,
          ]))
    }
    rows.append(.init(label: words[.respondents], kind: .total, values: [base, 100, nil, nil, nil, nil]))
    rows.append(.init(label: words[.responses], kind: .total, values: [responses, nil, nil, nil, nil, 100]))
    let columns: [ResultTable.Column] = [
      .init(words[.count], .count), .init(words[.percentOfRespondents], .percent),
      .init(words[.standardError], .percent), .init(words[.low], .percent), .init(words[.high], .percent),
      .init(words[.percentOfResponses], .percent),
    ]
    return (rows, columns)
  }

  /// Per option, the weighted share of each group's respondents (and of all), in per cent; then
  /// the groups' weighted numbers of respondents.
  func groupShares(_ groups: [[Bool]]) -> (shares: [[Double?]], bases: [Double]) {
    let bases = (groups.map(Optional.some) + [nil]).map { group in sum(group) { _ in 1 } }
    let shares = chosen.map { column in
      (groups.map(Optional.some) + [nil]).enumerated().map { g, group -> Double? in
        bases[g] > 0 ? 100 * sum(group) { column[$0] ?? 0 } / bases[g] : nil
      }
    }
    return (shares, bases)
  }

  /// The number of respondents, unweighted.
  var cases: Int { respondent.filter { $0 }.count }
}
