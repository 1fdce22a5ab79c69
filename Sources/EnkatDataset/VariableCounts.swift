import EnkatExpressions
import EnkatModel

/// What a dataset's cases hold in each variable, for the codebook: how many cases have a value,
/// how many each code and each missing code, how many are empty (not asked, no answer, off
/// route); for numbers without value labels, the smallest, largest and mean.
public struct VariableCounts: Sendable {
  /// The counts of one variable.
  public struct Counts: Equatable, Sendable {
    public var values = 0
    public var empty = 0
    /// Cases per code (variables with value labels, and 0/1 option columns).
    public var codes: [Int: Int] = [:]
    public var missing: [MissingKind: Int] = [:]
    public var minimum: Double?
    public var maximum: Double?
    public var sum = 0.0

    public var mean: Double? { values > 0 && minimum != nil ? sum / Double(values) : nil }
  }

  public private(set) var cases = 0
  public private(set) var variables: [Counts]
  private let counted: [Bool]

  /// Counts for the variables of `codebook`.
  public init(_ codebook: Codebook) {
    variables = Array(repeating: Counts(), count: codebook.variables.count)
    counted = codebook.variables.map { v in
      if case .option = v.content { return true }
      return !v.valueLabels.isEmpty
    }
  }

  /// Adds one case's cells (in codebook order).
  public mutating func add(_ cells: [DatasetCell]) {
    cases += 1
    for (k, cell) in cells.enumerated() where k < variables.count {
      switch cell {
      case .empty:
        variables[k].empty += 1
      case .missing(_, let kind):
        variables[k].missing[kind, default: 0] += 1
      case .text:
        variables[k].values += 1
      case .number(let n):
        variables[k].values += 1
        if counted[k], n == n.rounded(), abs(n) < 1e15 {
          variables[k].codes[Int(n), default: 0] += 1
        } else {
          variables[k].minimum = min(variables[k].minimum ?? n, n)
          variables[k].maximum = max(variables[k].maximum ?? n, n)
          variables[k].sum += n
        }
      }
    }
  }

  /// The counts of variable `k` in words: `1 Ja 812; 2 Nej 401; 98 Vet ej 12; empty 20`.
  public func summary(_ k: Int, of variable: Variable, language: String) -> String {
    let c = variables[k]
    var parts: [String] = []
    if case .option = variable.content {
      parts.append("chosen \(c.codes[1] ?? 0)")
      parts.append("not chosen \(c.codes[0] ?? 0)")
    } else if !variable.valueLabels.isEmpty {
      for label in variable.valueLabels {
        parts.append("\(label.code) \(label.label.text(in: language)) \(c.codes[label.code] ?? 0)")
      }
      let other = c.codes.filter { code, _ in !variable.valueLabels.contains { $0.code == code } }.values.reduce(0, +)
      if other > 0 { parts.append("other codes \(other)") }
    } else {
      parts.append("values \(c.values)")
      if let lo = c.minimum, let hi = c.maximum, let mean = c.mean {
        parts.append(
          "min \(Value.format(lo)), max \(Value.format(hi)), mean \(Value.format((mean * 100).rounded() / 100))")
      }
    }
    for m in variable.missingCodes {
      parts.append("\(m.code) \(m.label.text(in: language)) \(c.missing[m.kind] ?? 0)")
    }
    parts.append("empty \(c.empty)")
    return parts.joined(separator: "; ")
  }
}
