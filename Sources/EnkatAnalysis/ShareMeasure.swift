import EnkatDataset

/// A finding's share: of the base (the valid answers, or everyone; of a multiple choice, those who
/// answered it, or everyone), how many have one of the codes (chose one of the options). Counted,
/// with a Wilson interval; or, with a design, a design-based estimate with its logit interval.
struct ShareMeasure {
  /// The (weighted) number in the base and of those with the codes.
  var trials = 0.0
  var successes = 0.0
  /// The design-based estimate, when weighted.
  var estimate: SurveyDesign.Estimate?

  var share: Double { estimate?.value ?? (trials > 0 ? successes / trials : 0) }

  /// The 95 % interval: the estimate's logit interval, or Wilson's of the counts.
  var interval: ClosedRange<Double>? {
    if let estimate { return estimate.logitInterval }
    return Statistics.wilsonInterval(successes: successes, trials: trials)
  }

  init(
    _ tabulated: TabulatedVariable, _ values: [Int], _ data: AnalysisData, base: ReportSpec.Base,
    design: SurveyDesign?
  ) throws(AnalysisError) {
    let inBase: (Int) -> Bool
    let has: (Int) -> Bool
    switch tabulated {
    case .single(let v):
      guard let column = data.cells(v.name) else { throw .unsuitable(v.name, reason: "it was not read") }
      let cells = column.map(CellValue.init)
      let wanted = Set(values.map { CellValue.code(Double($0)) })
      inBase = { base == .all || cells[$0].isValid }
      has = { wanted.contains(cells[$0]) }
    case .multiple(let id, _, let options):
      let columns = options.map { data.cells($0.name) ?? [] }
      let chosen = options.indices.filter { options[$0].optionCode.map(values.contains) ?? false }
      guard !chosen.isEmpty else {
        throw .unsuitable(id, reason: "it has no option \(values.map(String.init).joined(separator: ", "))")
      }
      let answered = answeredCases(columns, count: data.count)
      inBase = { base == .all || answered[$0] }
      has = { k in answered[k] && chosen.contains { columns[$0][k] == .number(1) } }
    }
    guard let design else {
      for k in 0..<data.count where inBase(k) {
        trials += 1
        if has(k) { successes += 1 }
      }
      return
    }
    var indicator: [Double?] = []
    indicator.reserveCapacity(design.cases.count)
    for (i, k) in design.cases.enumerated() {
      guard design.subpopulation[i], inBase(k) else {
        indicator.append(nil)
        continue
      }
      trials += design.weights[i]
      if has(k) { successes += design.weights[i] }
      indicator.append(has(k) ? 1 : 0)
    }
    estimate = design.mean(indicator)
  }

  /// The change since `before`: Newcombe's interval of the counts, or the design-based one.
  func change(since before: ShareMeasure) -> Change? {
    if let now = estimate, let then = before.estimate { return Change(now, then) }
    return Change(successes, trials, before.successes, before.trials)
  }
}
