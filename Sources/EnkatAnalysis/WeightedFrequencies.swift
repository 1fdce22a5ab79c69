import EnkatDataset
import EnkatModel
import Foundation

/// A frequency table with design weights, by the conventions of R's `survey` package
/// (docs/analysis.md, "Weights"): the cases with a positive weight form a design of one stage
/// with replacement (`svydesign(ids = ~1, weights = ~w)`); shares of the valid answers are
/// domain estimates (`subset`), their variance by Taylor linearisation over all the design's
/// cases, and their 95 % interval on the logit scale with a t quantile of (valid cases − 1)
/// degrees of freedom (`svyciprop(method = "logit")`). Kish's effective sample size is stated.
struct WeightedFrequencies {
  let variable: Variable
  let cells: [CellValue]
  let weights: [Double]
  let weightName: String
  /// Cases left out for having no positive weight.
  let unweighted: Int
  /// The cases with a valid answer, their summed weight, and the interval's t quantile.
  let valid: [Int]
  let validTotal: Double
  let t: Double

  init(_ variable: Variable, _ column: [DatasetCell], _ weightCells: [DatasetCell], weightName: String) {
    self.variable = variable
    self.weightName = weightName
    var cells: [CellValue] = []
    var weights: [Double] = []
    for (cell, w) in zip(column, weightCells) {
      guard case .number(let weight) = w, weight > 0, weight.isFinite else { continue }
      cells.append(CellValue(cell))
      weights.append(weight)
    }
    self.cells = cells
    self.weights = weights
    unweighted = column.count - cells.count
    valid = cells.indices.filter { cells[$0].isValid }
    validTotal = valid.reduce(0) { $0 + weights[$1] }
    t = valid.count > 1 ? Statistics.tQuantile(0.975, degrees: Double(valid.count - 1)) : .nan
  }

  /// The share of `category` among the valid answers, its standard error and 95 % interval.
  func share(_ category: CellValue) -> (share: Double, error: Double, interval: ClosedRange<Double>)? {
    let n = Double(cells.count)
    let total = validTotal
    guard total > 0, n > 1 else { return nil }
    let p = valid.reduce(0) { $0 + (cells[$1] == category ? weights[$1] : 0) } / total
    let squares = valid.reduce(0.0) { sum, i in
      let z = weights[i] * ((cells[i] == category ? 1 : 0) - p) / total
      return sum + z * z
    }
    let error = (n / (n - 1) * squares).squareRoot()
    guard p > 0, p < 1, valid.count > 1 else { return (p, error, p...p) }
    let logit = log(p / (1 - p))
    let half = t * error / (p * (1 - p))
    func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    return (p, error, expit(logit - half)...expit(logit + half))
  }

  func table(_ words: Words) -> ResultTable {
    let all = weights.reduce(0, +)
    var sums: [CellValue: Double] = [:]
    for (cell, w) in zip(cells, weights) { sums[cell, default: 0] += w }
    var rows: [ResultTable.Row] = []
    for category in categories(of: variable, in: cells) {
      let n = sums[category] ?? 0
      let estimate = share(category)
      rows.append(
        .init(
          label: label(of: category, variable, words), code: category.code,
          values: [
            n, all > 0 ? 100 * n / all : nil, estimate.map { 100 * $0.share }, estimate.map { 100 * $0.error },
            estimate.map { 100 * $0.interval.lowerBound }, estimate.map { 100 * $0.interval.upperBound },
          ]))
    }
    rows += missingRows(sums, of: variable, total: all, columns: 6, words: words)
    rows.append(
      .init(
        label: words[.total], kind: .total,
        values: [all, all > 0 ? 100 : nil, validTotal > 0 ? 100 : nil, nil, nil, nil]))
    let squares = valid.reduce(0) { $0 + weights[$1] * weights[$1] }
    let kish = squares > 0 ? validTotal * validTotal / squares : 0
    var notes = [
      "\(words[.weightedBy]) \(weightName); \(words[.unweightedCases]): \(formattedCount(cells.count, words))"
    ]
    if unweighted > 0 { notes.append("\(unweighted) \(words[.withoutWeight])") }
    return ResultTable(
      title: "\(variable.name): \(variable.label.text(in: words.language))",
      base:
        "\(words[.allCases]): \(ResultTable.formatted(all, .count)); \(words[.validAnswers]): \(ResultTable.formatted(validTotal, .count))",
      columns: [
        .init(words[.count], .count), .init(words[.percent], .percent), .init(words[.validPercent], .percent),
        .init(words[.standardError], .percent), .init(words[.low], .percent), .init(words[.high], .percent),
      ],
      rows: rows, statistics: [(words[.effectiveSampleSize], kish)], notes: notes)
  }
}
