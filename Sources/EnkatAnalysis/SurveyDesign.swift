import EnkatDataset
import Foundation

/// The cases as a survey design, by the conventions of R's `survey` package (docs/analysis.md,
/// "Weights"): one stage, drawn with replacement (`svydesign(ids = ~1, weights = ~w)`), its
/// weights calibrated as `WeightSpec` says (`postStratify`, `rake`). Estimates are ratio means
/// over a domain — the `--where` subpopulation and the cases with a value — whose variance is
/// linearised over every case of the design (a case outside the domain contributes zero, as
/// `subset` does), with calibration's residual adjustment (`svyrecvar`).
struct SurveyDesign {
  /// A mean (or share) over a domain, its standard error, and the domain's number of cases.
  struct Estimate {
    var value: Double
    var error: Double
    var cases: Int
    /// The 95 % interval of a share on the logit scale with a t quantile of (cases − 1) degrees of
    /// freedom (`svyciprop(method = "logit")`); the share itself at 0 or 1.
    var logitInterval: ClosedRange<Double> {
      let p = value
      guard p > 0, p < 1, cases > 1 else { return p...p }
      let half = Statistics.tQuantile(0.975, degrees: Double(cases - 1)) * error / (p * (1 - p))
      let logit = log(p / (1 - p))
      func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
      return expit(logit - half)...expit(logit + half)
    }
    /// The 95 % interval of a mean with a t quantile of (cases − 1) degrees of freedom.
    var interval: ClosedRange<Double>? {
      guard cases > 1 else { return nil }
      let half = Statistics.tQuantile(0.975, degrees: Double(cases - 1)) * error
      return (value - half)...(value + half)
    }
  }

  /// One post-stratification step: each case's cell, and its weight before and after.
  private struct Step {
    var cell: [Int]
    var before: [Double]
    var after: [Double]
  }

  let spec: WeightSpec
  /// The data's case numbers that are in the design.
  let cases: [Int]
  /// Each design case's final weight.
  let weights: [Double]
  /// Whether each design case is in the subpopulation (`--where`).
  private(set) var subpopulation: [Bool]
  /// The cases left out of the design for want of a positive weight, or of a valid code in a
  /// margin's variable; and whether raking converged. For the table's notes (`weightingNotes`).
  let withoutWeight: Int
  let withoutCode: Int
  let converged: Bool
  private let steps: [Step]
  private let raked: Bool

  /// Whether the weights were calibrated to population totals.
  var calibrated: Bool { spec.calibration != nil }

  init(_ spec: WeightSpec, _ data: AnalysisData) throws(AnalysisError) {
    self.spec = spec
    let base: [DatasetCell]? = try spec.weight.map { (name: String) throws(AnalysisError) in
      guard let cells = data.cells(name) else { throw .unsuitable(name, reason: "it was not read") }
      return cells
    }
    var marginCells: [[DatasetCell]] = []
    for name in spec.margins.flatMap(\.variables) {
      guard let cells = data.cells(name) else { throw .unsuitable(name, reason: "it was not read") }
      marginCells.append(cells)
    }
    var cases: [Int] = []
    var weights: [Double] = []
    var withoutWeight = 0
    var withoutClass = 0
    for k in 0..<data.count {
      var w = 1.0
      if let base {
        guard case .number(let value) = base[k], value > 0, value.isFinite else {
          withoutWeight += 1
          continue
        }
        w = value
      }
      guard marginCells.allSatisfy({ if case .number = $0[k] { true } else { false } }) else {
        withoutClass += 1
        continue
      }
      cases.append(k)
      weights.append(w)
    }
    guard cases.count > 1 else {
      throw .weighting("\(spec.name): fewer than two cases have a weight, so nothing can be estimated")
    }
    var steps: [Step] = []
    var converged = true
    let margins = try spec.margins.map { (margin: WeightSpec.Margin) throws(AnalysisError) in
      try Self.cells(of: margin, cases, data)
    }
    switch spec.calibration {
    case nil: break
    case .poststratify(let margin):
      steps = [try Self.poststratify(&weights, margin, margins[0])]
    case .rake(let list):
      let joint = Self.jointCells(margins)
      var before = Self.table(joint, weights)
      converged = false
      for _ in 0..<10 {
        steps = []
        for (margin, cell) in zip(list, margins) { steps.append(try Self.poststratify(&weights, margin, cell)) }
        let after = Self.table(joint, weights)
        let change = zip(before, after).map { abs($0 - $1) }.max() ?? 0
        before = after
        if change < 1 {
          converged = true
          break
        }
      }

    }
    self.cases = cases
    self.weights = weights
    self.steps = steps
    raked = if case .rake = spec.calibration { true } else { false }
    subpopulation = cases.map { data.subpopulation?[$0] ?? true }
    self.withoutWeight = withoutWeight
    self.withoutCode = withoutClass
    self.converged = converged
  }

  /// The same design for another subpopulation (per data case; nil for all).
  func within(_ keep: [Bool]?) -> SurveyDesign {
    var design = self
    design.subpopulation = cases.map { keep?[$0] ?? true }
    return design
  }

  /// Each design case's cell of a margin (an index into its cells), or an error naming a code
  /// the margin has no total for.
  private static func cells(of margin: WeightSpec.Margin, _ cases: [Int], _ data: AnalysisData) throws(AnalysisError)
    -> [Int]
  {
    let columns = margin.variables.map { data.cells($0)! }
    var index: [[Int]: Int] = [:]
    for (k, cell) in margin.cells.enumerated() { index[cell.codes] = k }
    var out: [Int] = []
    out.reserveCapacity(cases.count)
    for k in cases {
      let codes = columns.map { column -> Int in
        if case .number(let n) = column[k] { return Int(n) }
        return Int.min
      }
      guard let cell = index[codes] else {
        let named = zip(margin.variables, codes).map { "\($0) = \($1)" }.joined(separator: ", ")
        throw .weighting(
          "a case has \(named), which the margin at line \(margin.position.line) gives no population total for")
      }
      out.append(cell)
    }
    return out
  }

  /// Scales each cell's weights to its population total; a cell with a total and no cases, or
  /// cases and a total of 0, cannot be (R's `postStratify(partial = FALSE)` stops there too).
  private static func poststratify(_ weights: inout [Double], _ margin: WeightSpec.Margin, _ cell: [Int])
    throws(AnalysisError) -> Step
  {
    var sums = [Double](repeating: 0, count: margin.cells.count)
    for (c, w) in zip(cell, weights) { sums[c] += w }
    for (c, total) in margin.cells.enumerated() where (sums[c] > 0) != (total.total > 0) {
      let named = zip(margin.variables, total.codes).map { "\($0) = \($1)" }.joined(separator: ", ")
      throw .weighting(
        sums[c] > 0
          ? "the cell \(named) (line \(total.position.line)) has cases but a population total of 0"
          : "no case falls in the cell \(named) (line \(total.position.line)), which has a population total: merge it with a neighbouring cell"
      )
    }
    let before = weights
    for k in weights.indices { weights[k] *= margin.cells[cell[k]].total / sums[cell[k]] }
    return Step(cell: cell, before: before, after: weights)
  }

  /// Each case's cell of the table of all the margins' variables together.
  private static func jointCells(_ margins: [[Int]]) -> [Int] {
    var index: [[Int]: Int] = [:]
    return margins.first!.indices.map { k in
      let key = margins.map { $0[k] }
      if let cell = index[key] { return cell }
      index[key] = index.count
      return index.count - 1
    }
  }

  private static func table(_ joint: [Int], _ weights: [Double]) -> [Double] {
    var sums = [Double](repeating: 0, count: (joint.max() ?? -1) + 1)
    for (c, w) in zip(joint, weights) { sums[c] += w }
    return sums
  }

  /// The weighted mean of `values` (one per design case; nil outside the domain) over the
  /// subpopulation's cases that have one.
  func mean(_ values: [Double?]) -> Estimate? {
    means([values], domain: values.map { $0 != nil }).map { result in
      Estimate(value: result.means[0], error: result.covariance[0][0].squareRoot(), cases: result.cases)
    }
  }

  /// The weighted means of several columns over the domain (and the subpopulation), with their
  /// linearised covariance matrix.
  func means(_ columns: [[Double?]], domain: [Bool]) -> (means: [Double], covariance: [[Double]], cases: Int)? {
    let inside = cases.indices.map { domain[$0] && subpopulation[$0] }
    let total = zip(inside, weights).reduce(0.0) { $0 + ($1.0 ? $1.1 : 0) }
    let count = inside.filter { $0 }.count
    guard total > 0 else { return nil }
    var influences: [[Double]] = []
    var means: [Double] = []
    for column in columns {
      var sum = 0.0
      for k in cases.indices where inside[k] { sum += weights[k] * (column[k] ?? 0) }
      let mean = sum / total
      var x = [Double](repeating: 0, count: cases.count)
      for k in cases.indices where inside[k] { x[k] = weights[k] * ((column[k] ?? 0) - mean) / total }
      adjust(&x)
      means.append(mean)
      influences.append(x)
    }
    return (means, covariance(influences), count)
  }

  /// Calibration's adjustment of influence values: residuals from each post-stratum's mean
  /// (`svyrecvar` with `postStrata`).
  private func adjust(_ x: inout [Double]) {
    if raked {
      for _ in 0..<10 {
        for step in steps {
          let cells = (step.cell.max() ?? -1) + 1
          var sums = [Double](repeating: 0, count: cells)
          var counts = [Double](repeating: 0, count: cells)
          for k in x.indices {
            sums[step.cell[k]] += x[k] / step.after[k]
            counts[step.cell[k]] += 1
          }
          for k in x.indices { x[k] -= step.after[k] * sums[step.cell[k]] / counts[step.cell[k]] }
        }
      }
    } else {
      for step in steps {
        let cells = (step.cell.max() ?? -1) + 1
        var sums = [Double](repeating: 0, count: cells)
        var before = [Double](repeating: 0, count: cells)
        for k in x.indices {
          sums[step.cell[k]] += x[k] * step.before[k] / step.after[k]
          before[step.cell[k]] += step.before[k]
        }
        for k in x.indices { x[k] -= sums[step.cell[k]] / before[step.cell[k]] * step.after[k] }
      }
    }
  }

  /// n / (n − 1) times the cross-products of the centred influence values (one stage, with
  /// replacement).
  private func covariance(_ influences: [[Double]]) -> [[Double]] {
    let n = Double(cases.count)
    let centred = influences.map { x in
      let mean = x.reduce(0, +) / n
      return x.map { $0 - mean }
    }
    return centred.map { a in
      centred.map { b in n / (n - 1) * zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    }
  }

  /// Kish's effective sample size of the domain's weights: (Σw)² / Σw².
  func effectiveSize(_ domain: [Bool]) -> Double {
    var sum = 0.0
    var squares = 0.0
    for k in cases.indices where domain[k] && subpopulation[k] {
      sum += weights[k]
      squares += weights[k] * weights[k]
    }
    return squares > 0 ? sum * sum / squares : 0
  }
}
