import Foundation

/// The distributions and intervals the analysis modules use, computed here rather than taken
/// from a library so that every number can be followed (docs/analysis.md, "Conventions").
public enum Statistics {
  /// The 0.975 quantile of the standard normal distribution: a 95 % interval's z.
  public static let z95 = 1.959963984540054

  /// The Wilson score interval for `successes` of `trials` at 95 %: the interval R's
  /// `prop.test(correct = FALSE)` and statsmodels' `proportion_confint(method = "wilson")` give.
  /// Nil when there are no trials.
  public static func wilsonInterval(successes: Double, trials: Double, z: Double = z95) -> ClosedRange<Double>? {
    guard trials > 0 else { return nil }
    let p = successes / trials
    let z2 = z * z
    let denominator = 1 + z2 / trials
    let center = (p + z2 / (2 * trials)) / denominator
    let half = z / denominator * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()
    return max(0, center - half)...min(1, center + half)
  }

  /// P(X ≥ x) for X chi-square distributed with `degrees` degrees of freedom: the p-value of a
  /// chi-square statistic.
  public static func chiSquareUpperTail(_ x: Double, degrees: Double) -> Double {
    guard x > 0 else { return 1 }
    return regularizedUpperGamma(degrees / 2, x / 2)
  }

  /// Q(a, x) = Γ(a, x) / Γ(a), by its series below a + 1 and its continued fraction above
  /// (to about 15 digits).
  static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
    if x < a + 1 { return 1 - lowerGammaSeries(a, x) }
    return upperGammaFraction(a, x)
  }

  private static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var n = a
    for _ in 0..<10_000 {
      n += 1
      term *= x / n
      sum += term
      if abs(term) < abs(sum) * 1e-16 { break }
    }
    return sum * exp(-x + a * log(x) - lgamma(a))
  }

  /// Lentz's method for the continued fraction of Γ(a, x).
  private static func upperGammaFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return exp(-x + a * log(x) - lgamma(a)) * h
  }

  /// The median of `values` (the mean of the middle two when their number is even).
  public static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The sample standard deviation (divided by n − 1); nil below two values.
  public static func standardDeviation(_ values: [Double]) -> Double? {
    guard values.count > 1 else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count - 1)).squareRoot()
  }
}

extension Statistics {
  /// The q-quantile of Student's t distribution with `degrees` degrees of freedom (R's `qt`), by
  /// bisection on its distribution function to about 1e-13.
  public static func tQuantile(_ q: Double, degrees: Double) -> Double {
    guard q != 0.5 else { return 0 }
    if q < 0.5 { return -tQuantile(1 - q, degrees: degrees) }
    var low = 0.0
    var high = 1.0
    while tDistribution(high, degrees: degrees) < q { high *= 2 }
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if tDistribution(mid, degrees: degrees) < q { low = mid } else { high = mid }
      if high - low < 1e-14 * max(1, high) { break }
    }
    return (low + high) / 2
  }

  /// P(F ≥ f) for F distributed with (`d1`, `d2`) degrees of freedom (which need not be whole):
  /// the p-value of an F statistic.
  static func fUpperTail(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
    guard f > 0 else { return 1 }
    return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
  }

  /// P(T ≤ t) for Student's t with `degrees` degrees of freedom.
  static func tDistribution(_ t: Double, degrees v: Double) -> Double {
    let tail = 0.5 * regularizedBeta(v / (v + t * t), v / 2, 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// I_x(a, b), the regularized incomplete beta function, by its continued fraction (Lentz).
  static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    guard x > 0 else { return 0 }
    guard x < 1 else { return 1 }
    let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let logPowers: Double = a * log(x) + b * log(1 - x)
    let front = exp(logGammas + logPowers)
    if x > (a + 1) / (a + b + 2) { return 1 - regularizedBeta(1 - x, b, a) }
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1..<10_000 {
      let m = Double(m)
      var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return front * h / a
  }
}
