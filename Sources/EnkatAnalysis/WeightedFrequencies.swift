import EnkatDataset
import EnkatModel
import Foundation

/// A frequency table with design weights (docs/analysis.md, "Weights"): per value its weighted
/// count, its share of all cases and of the valid answers, the latter's linearised standard error
/// and 95 % logit interval (`svymean`, `svyciprop(method = "logit")` on the valid answers as a
/// domain of the design), and Kish's effective sample size of the valid answers.
struct WeightedFrequencies {
  let variable: Variable
  let design: SurveyDesign
  /// Each design case's cell.
  let cells: [CellValue]
  /// Whether each design case is in the subpopulation and gave a valid answer.
  let valid: [Bool]

  init(_ variable: Variable, _ column: [DatasetCell], design: SurveyDesign) {
    self.variable = variable
    self.design = design
    cells = design.cases.map { CellValue(column[$0]) }
    valid = zip(cells, design.subpopulation).map { $0.isValid && $1 }
  }

  /// The share of `category` among the valid answers, with its error and interval.
  func share(_ category: CellValue) -> SurveyDesign.Estimate? {
    design.mean(cells.indices.map { valid[$0] ? (cells[$0] == category ? 1 : 0) : nil })
  }

  func table(_ words: Words, headlines: Bool) -> ResultTable {
    var sums: [CellValue: Double] = [:]
    var all = 0.0
    var validTotal = 0.0
    var cases = 0
    for k in cells.indices where design.subpopulation[k] {
      sums[cells[k], default: 0] += design.weights[k]
      all += design.weights[k]
      if valid[k] { validTotal += design.weights[k] }
      cases += 1
    }
    var rows: [ResultTable.Row] = []
    var notes: [String] = []
    for category in categories(of: variable, in: zip(cells, design.subpopulation).filter(\.1).map(\.0)) {
      let n = sums[category] ?? 0
      let estimate = share(category)
      let interval = estimate?.logitInterval
      rows.append(
        .init(
          label: label(of: category, variable, words), code: category.code,
          values: [
            n, all > 0 ? 100 * n / all : nil, estimate.map { 100 * $0.value }, estimate.map { 100 * $0.error },
            interval.map { 100 * $0.lowerBound }, interval.map { 100 * $0.upperBound },
          ]))
      if headlines, let estimate, let interval {
        notes.append(Headline.note(rows.last!.label, share: estimate.value, interval: interval, words: words))
      }
    }
    rows += missingRows(sums, of: variable, total: all, columns: 6, words: words)
    rows.append(
      .init(
        label: words[.total], kind: .total,
        values: [all, all > 0 ? 100 : nil, validTotal > 0 ? 100 : nil, nil, nil, nil]))
    return ResultTable(
      title: "\(variable.name): \(variable.label.text(in: words.language))",
      base:
        "\(words[.allCases]): \(ResultTable.formatted(all, .count)); \(words[.validAnswers]): \(ResultTable.formatted(validTotal, .count))",
      columns: [
        .init(words[.count], .count), .init(words[.percent], .percent), .init(words[.validPercent], .percent),
        .init(words[.standardError], .percent), .init(words[.low], .percent), .init(words[.high], .percent),
      ],
      rows: rows, statistics: [(words[.effectiveSampleSize], design.effectiveSize(valid))],
      notes: notes + weightingNotes(design, cases: cases, words))
  }
}

/// The notes a weighted table ends with: how it is weighted, its unweighted number of cases, and
/// what the design left out.
func weightingNotes(_ design: SurveyDesign, cases: Int, _ words: Words) -> [String] {
  let how: String
  switch design.spec.calibration {
  case nil: how = design.spec.name
  case .poststratify(let margin):
    how = "\(design.spec.name) (\(words[.poststratifiedBy]) \(margin.variables.joined(separator: " × ")))"
  case .rake(let margins):
    how =
      "\(design.spec.name) (\(words[.rakedTo]) \(margins.map { $0.variables.joined(separator: " × ") }.joined(separator: ", ")))"
  }
  var notes = ["\(words[.weightedBy]) \(how); \(words[.unweightedCases]): \(formattedCount(cases, words))"]
  if design.withoutWeight > 0, let name = design.spec.weight {
    notes.append(words(.leftOutWithoutWeight, formattedCount(design.withoutWeight, words), name))
  }
  if design.withoutCode > 0 {
    let names = design.spec.margins.flatMap(\.variables).joined(separator: ", ")
    notes.append(words(.leftOutWithoutCode, formattedCount(design.withoutCode, words), names))
  }
  if !design.converged { notes.append(words[.rakingNotConverged]) }
  return notes
}

/// The columns a weighting reads, checked against the codebook: the weight a number variable,
/// the margins' variables variables of codes.
func weightingColumns(_ spec: WeightSpec?, in codebook: Codebook) throws(AnalysisError) -> [String] {
  guard let spec else { return [] }
  if let weight = spec.weight {
    guard case .single(let w) = try TabulatedVariable(weight, in: codebook), case .numeric = w.type else {
      throw .unsuitable(weight, reason: "a weight must be a number variable")
    }
  }
  for name in spec.margins.flatMap(\.variables) {
    guard case .single = try TabulatedVariable(name, in: codebook) else {
      throw .unsuitable(name, reason: "weights are calibrated to the codes of a single variable")
    }
  }
  return spec.variables
}
