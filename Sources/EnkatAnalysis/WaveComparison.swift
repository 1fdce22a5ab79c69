import EnkatDataset
import EnkatModel

/// One variable in two waves of a survey (this one and the one before, e.g. two stores): per value
/// (or per option of a multiple choice) its share this time and last time, the difference in
/// percentage points with its 95 % interval (Newcombe's hybrid score interval, from the two
/// Wilson intervals) and the p-value of the two-proportion test (Pearson's chi-square on the 2 × 2
/// table). A change is said — "en ökning", "a decrease" — only when the interval excludes zero.
/// Shares are of the valid answers, or of those who answered a multiple choice, in each wave.
/// Weighted (`weighting`, applied to each wave), the shares are design-based estimates and the
/// difference's interval is ± z · √(SE₁² + SE₂²), its p from the normal distribution (two
/// independent samples).
public struct WaveComparison: Sendable {
  public var variable: String
  /// How each wave's cases are weighted; nil for unweighted shares.
  public var weighting: WeightSpec?

  public init(_ variable: String, weighting: WeightSpec? = nil) {
    self.variable = variable
    self.weighting = weighting
  }

  /// The dataset columns it reads in each wave.
  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    try TabulatedVariable(variable, in: codebook).columnNames + (try weightingColumns(weighting, in: codebook))
  }

  public func run(current: AnalysisData, previous: AnalysisData, words: Words) throws(AnalysisError)
    -> ResultTable
  {
    let tabulated = try TabulatedVariable(variable, in: current.codebook)
    let now = try shares(tabulated, current, words)
    let before = try shares(try TabulatedVariable(variable, in: previous.codebook), previous, words)
    var rows: [ResultTable.Row] = []
    var notes: [String] = []
    var labels = now.map(\.label)
    labels += before.map(\.label).filter { !labels.contains($0) }
    for label in labels {
      let a = now.first { $0.label == label } ?? Share(label: label, trials: now.first?.trials ?? 0)
      let b = before.first { $0.label == label } ?? Share(label: label, trials: before.first?.trials ?? 0)
      guard a.trials > 0, b.trials > 0 else { continue }
      let change: Change
      if weighting != nil {
        // A value no case of a wave has is a share of 0 there, known without error.
        let none = SurveyDesign.Estimate(value: 0, error: 0, cases: 0)
        change = Change(a.estimate ?? none, b.estimate ?? none)
      } else {
        guard let unweighted = Change(a.successes, a.trials, b.successes, b.trials) else { continue }
        change = unweighted
      }
      rows.append(
        .init(
          label: label, code: a.code ?? b.code,
          values: [
            100 * a.share, 100 * b.share, 100 * change.difference,
            100 * change.interval.lowerBound, 100 * change.interval.upperBound, change.p,
          ]))
      notes.append("\(label): \(change.words(words))")
    }
    let base = { (shares: [Share]) in
      self.weighting == nil
        ? formattedCount(Int(shares.first?.trials ?? 0), words)
        : ResultTable.formatted(shares.first?.trials ?? 0, .count)
    }
    if let weighting { notes.append("\(words[.weightedBy]) \(weighting.name)") }
    return ResultTable(
      title: "\(variable): \(words[.thisWave]) — \(words[.previousWave])",
      base: "\(words[.base]): \(base(now)) — \(base(before))",
      columns: [
        .init(words[.now] + " %", .percent), .init(words[.before] + " %", .percent),
        .init(words[.difference], .number), .init(words[.low], .number), .init(words[.high], .number),
        .init("p", .probability),
      ],
      rows: rows, notes: notes)
  }

  /// A value's (or option's) count and base in one wave (weighted sums when weighted), and its
  /// design-based estimate when weighted.
  private struct Share {
    var label: String
    var code: Double?
    var successes = 0.0
    var trials: Double
    var estimate: SurveyDesign.Estimate?
    var share: Double { estimate?.value ?? (trials > 0 ? successes / trials : 0) }
  }

  /// Each value's (or option's) count and its base in one wave.
  private func shares(_ tabulated: TabulatedVariable, _ data: AnalysisData, _ words: Words)
    throws(AnalysisError)
    -> [Share]
  {
    let design = try weighting.map { (spec: WeightSpec) throws(AnalysisError) in try SurveyDesign(spec, data) }
    // The cases (of the design, when weighted), their weights and whether each is in the base.
    let cases = design?.cases ?? Array(0..<data.count)
    let weights = design?.weights ?? [Double](repeating: 1, count: cases.count)
    func share(_ label: String, _ code: Double?, inBase: [Bool], chosen: (Int) -> Bool) -> Share {
      var result = Share(label: label, code: code, trials: 0)
      for k in cases.indices where inBase[k] {
        result.trials += weights[k]
        if chosen(cases[k]) { result.successes += weights[k] }
      }
      result.estimate = design?.mean(cases.indices.map { inBase[$0] ? (chosen(cases[$0]) ? 1 : 0) : nil })
      return result
    }
    switch tabulated {
    case .single(let v):
      guard let column = data.cells(v.name) else { throw .unsuitable(variable, reason: "it was not read") }
      let cells = column.map(CellValue.init)
      let inBase = cases.indices.map { cells[cases[$0]].isValid && (design?.subpopulation[$0] ?? true) }
      return categories(of: v, in: cases.map { cells[$0] }).map { category in
        share(label(of: category, v, words), category.code, inBase: inBase) { cells[$0] == category }
      }
    case .multiple(_, _, let options):
      let columns = options.map { data.cells($0.name) ?? [] }
      let answered = answeredCases(columns, count: data.count)
      let inBase = cases.indices.map { answered[cases[$0]] && (design?.subpopulation[$0] ?? true) }
      return options.enumerated().map { k, option in
        share(
          TabulatedVariable.optionLabel(option, language: words.language), option.optionCode.map(Double.init),
          inBase: inBase
        ) { columns[k][$0] == .number(1) }
      }
    }
  }

}

/// The change between two independent shares.
struct Change {
  var difference: Double
  var interval: ClosedRange<Double>
  var p: Double

  /// The change between two design-based estimates of independent samples: the difference
  /// ± z · √(SE₁² + SE₂²), and the two-sided normal p of difference / SE.
  init(_ now: SurveyDesign.Estimate, _ before: SurveyDesign.Estimate) {
    difference = now.value - before.value
    let error = (now.error * now.error + before.error * before.error).squareRoot()
    interval = (difference - Statistics.z95 * error)...(difference + Statistics.z95 * error)
    p = error > 0 ? Statistics.chiSquareUpperTail(difference * difference / (error * error), degrees: 1) : 1
  }

  init?(_ x1: Double, _ n1: Double, _ x2: Double, _ n2: Double) {
    guard let w1 = Statistics.wilsonInterval(successes: x1, trials: n1),
      let w2 = Statistics.wilsonInterval(successes: x2, trials: n2)
    else { return nil }
    let p1 = x1 / n1
    let p2 = x2 / n2
    difference = p1 - p2
    // Newcombe (1998), method 10.
    let low =
      difference
      - ((p1 - w1.lowerBound) * (p1 - w1.lowerBound) + (w2.upperBound - p2) * (w2.upperBound - p2)).squareRoot()
    let high =
      difference
      + ((w1.upperBound - p1) * (w1.upperBound - p1) + (p2 - w2.lowerBound) * (p2 - w2.lowerBound)).squareRoot()
    interval = low...high
    let pooled = (x1 + x2) / (n1 + n2)
    let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    p = variance > 0 ? Statistics.chiSquareUpperTail(difference * difference / variance, degrees: 1) : 1
  }

  /// "en ökning (+8.1 procentenheter, 95 % KI 4.2–12.0)", or no clear change.
  func words(_ words: Words) -> String {
    func points(_ v: Double, sign: Bool = false) -> String {
      let text = String(format: "%.1f", abs(100 * v))
      if text == "0.0" { return text }
      return (v < 0 ? "−" : sign ? "+" : "") + text
    }
    let detail =
      "(\(points(difference, sign: true)) \(words[.points]), \(words[.interval]) \(points(interval.lowerBound)) "
      + "\(words[.to]) \(points(interval.upperBound)))"
    if interval.lowerBound > 0 { return "\(words[.increase]) \(detail)" }
    if interval.upperBound < 0 { return "\(words[.decrease]) \(detail)" }
    return "\(words[.noClearChange]) \(detail)"
  }
}
