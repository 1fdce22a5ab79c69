import EnkatDataset
import Foundation

/// A number's weighted summary over a domain of the design (docs/analysis.md, "Weights"): the
/// number of values, their weighted total, mean with its linearised standard error and 95 %
/// interval (t with values − 1 degrees of freedom), the standard deviation from `svyvar`, the
/// median by `svyquantile`'s rule "math" (the least value whose cumulative weight reaches half),
/// least and greatest.
struct WeightedMeans {
  let design: SurveyDesign
  /// Each design case's value; nil when it has none.
  let values: [Double?]

  init(_ column: [DatasetCell], design: SurveyDesign) {
    self.design = design
    values = design.cases.map { k in
      if case .number(let n) = column[k] { return n }
      return nil
    }
  }

  /// The row's values for the design cases in `group` (all when nil) that have a value.
  func summary(_ group: [Bool]?) -> [Double?] {
    let inside = design.cases.indices.map { values[$0] != nil && design.subpopulation[$0] && group?[$0] != false }
    let members = design.cases.indices.filter { inside[$0] }
    guard let estimate = design.mean(design.cases.indices.map { inside[$0] ? values[$0] : nil }) else {
      return [0, 0, nil, nil, nil, nil, nil, nil, nil, nil]
    }
    let total = members.reduce(0.0) { $0 + design.weights[$1] }
    let n = Double(members.count)
    let squares = members.reduce(0.0) { sum, k in
      let d = values[k]! - estimate.value
      return sum + design.weights[k] * d * d
    }
    let deviation = n > 1 ? (squares / total * n / (n - 1)).squareRoot() : nil
    let interval = estimate.interval
    return [
      n, total, estimate.value, estimate.error, interval?.lowerBound, interval?.upperBound,
      median(members), deviation, members.map { values[$0]! }.min(), members.map { values[$0]! }.max(),
    ]
  }

  private func median(_ members: [Int]) -> Double? {
    let sorted = members.sorted { values[$0]! < values[$1]! || (values[$0]! == values[$1]! && $0 < $1) }
    let half = 0.5 * sorted.reduce(0.0) { $0 + design.weights[$1] }
    var cumulative = 0.0
    for k in sorted {
      cumulative += design.weights[k]
      if cumulative >= half { return values[k] }
    }
    return nil
  }
}
