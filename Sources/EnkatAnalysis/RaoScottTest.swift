import Foundation

/// The design-based test of independence of a weighted crosstab: Pearson's chi-square of the
/// weighted table with Rao and Scott's second-order correction, referred to an F distribution
/// (R `survey`'s `svychisq(statistic = "F")`, docs/analysis.md "Weights"). The cell shares'
/// linearised covariance gives the design effects' matrix Δ; F = X² / tr Δ with
/// d₀ = (tr Δ)² / tr Δ² and d₀ · ν degrees of freedom, ν the design's cases less one.
struct RaoScottTest {
  var statistic = Double.nan
  var numeratorDegrees = 0.0
  var denominatorDegrees = 0.0
  var p = Double.nan

  /// `shares` are the cells' shares of the table, rows varying fastest (row r, column c at
  /// r + rows · c); `covariance` their covariance; `clusters` the ν + 1 of the design.
  init(shares: [Double], covariance: [[Double]], rows: Int, columns: Int, clusters: Int) {
    guard rows > 1, columns > 1 else { return }
    let cells = rows * columns
    var rowShares = [Double](repeating: 0, count: rows)
    var columnShares = [Double](repeating: 0, count: columns)
    for r in 0..<rows {
      for c in 0..<columns {
        rowShares[r] += shares[r + rows * c]
        columnShares[c] += shares[r + rows * c]
      }
    }
    var pearson = 0.0  // per case: the statistic of a table scaled to one case
    for r in 0..<rows {
      for c in 0..<columns {
        let expected = rowShares[r] * columnShares[c]
        if expected > 0 { pearson += (shares[r + rows * c] - expected) * (shares[r + rows * c] - expected) / expected }
      }
    }
    // The interaction contrasts: indicator cells (a, b), a, b ≥ 1, less their projection on the
    // additive rows + columns space (on a balanced grid: less row and column means, plus the grand mean).
    var contrasts: [[Double]] = []
    for b in 1..<columns {
      for a in 1..<rows {
        var v = [Double](repeating: 0, count: cells)
        for r in 0..<rows {
          for c in 0..<columns {
            v[r + rows * c] =
              (r == a && c == b ? 1 : 0) - (r == a ? 1 / Double(columns) : 0) - (c == b ? 1 / Double(rows) : 0)
              + 1 / Double(cells)
          }
        }
        contrasts.append(v)
      }
    }
    let inverse = shares.map { $0 == 0 ? 0 : 1 / $0 }
    let k = contrasts.count
    var denominator = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    var numerator = denominator
    let scaled = contrasts.map { v in v.indices.map { v[$0] * inverse[$0] } }  // D⁻¹ C, by column
    for i in 0..<k {
      let vScaled = covariance.map { row in zip(row, scaled[i]).reduce(0) { $0 + $1.0 * $1.1 } }  // V D⁻¹ cᵢ
      for j in 0..<k {
        denominator[j][i] = zip(contrasts[j], scaled[i]).reduce(0) { $0 + $1.0 * $1.1 }
        numerator[j][i] = zip(scaled[j], vScaled).reduce(0) { $0 + $1.0 * $1.1 }
      }
    }
    guard let delta = Self.solve(denominator, numerator) else { return }
    var trace = 0.0
    var traceOfSquare = 0.0
    for i in 0..<k {
      trace += delta[i][i]
      for j in 0..<k { traceOfSquare += delta[i][j] * delta[j][i] }
    }
    guard trace > 0, traceOfSquare > 0 else { return }
    statistic = pearson / trace
    numeratorDegrees = trace * trace / traceOfSquare
    denominatorDegrees = numeratorDegrees * Double(clusters - 1)
    p = Statistics.fUpperTail(statistic, numeratorDegrees, denominatorDegrees)
  }

  /// A⁻¹ B by Gaussian elimination with partial pivoting; nil when A is singular.
  static func solve(_ a: [[Double]], _ b: [[Double]]) -> [[Double]]? {
    var a = a
    var b = b
    let n = a.count
    for column in 0..<n {
      guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
        abs(a[pivot][column]) > 1e-300
      else { return nil }
      a.swapAt(column, pivot)
      b.swapAt(column, pivot)
      for row in 0..<n where row != column {
        let factor = a[row][column] / a[column][column]
        if factor == 0 { continue }
        for c in 0..<n { a[row][c] -= factor * a[column][c] }
        for c in 0..<b[row].count { b[row][c] -= factor * b[column][c] }
      }
    }
    return (0..<n).map { row in b[row].map { $0 / a[row][row] } }
  }
}
