import EnkatModel

/// Targets of completed interviews per stratum (docs/cati.md, "Quotas"):
///
///     { "by": ["omrade", "region"],
///       "targets": [ { "omrade": 1, "region": 1, "target": 120 }, … ] }
///
/// A cell's cases are not offered once it has its target of completes; a cell without a target
/// has no limit. Read with every problem named by line and column, and checked against the
/// sample's stratum columns.
public struct Quotas: Equatable, Sendable {
  /// One cell: a value per stratum variable, and its target.
  public struct Cell: Equatable, Sendable {
    public var values: [String]
    public var target: Int
  }

  /// The stratum variables, in the order of a cell's values.
  public var variables: [String]
  public var cells: [Cell]
  /// For stratum variables that the interview asks again (a screening question), the question
  /// whose answer is the respondent's stratum: when it puts the case in a full cell, the interview
  /// ends as over quota.
  public var screening: [String: String] = [:]

  public typealias Problems = SpecProblems

  /// Reads a quota file; `strata` are the sample's stratum columns, which `by` must name.
  public static func parse(_ bytes: [UInt8], file: String, strata: [String]) -> Result<Quotas, Problems> {
    SpecReader.read(bytes, file: file) { root, reader in
      let top = reader.members(root, "the quotas", allowed: ["by", "targets", "screening", "comment"])
      var screening: [String: String] = [:]
      if let node = top["screening"] {
        for (name, question) in reader.members(node, "'screening'", allowed: Set(strata)) {
          if case .string(let id) = question.kind {
            screening[name] = id
          } else {
            reader.problem(question, "'screening' maps a stratum column to a question id, as a string")
          }
        }
      }
      var variables: [String] = []
      switch top["by"]?.kind {
      case .string(let name)?: variables = [name]
      case .array(let items)?: variables = items.compactMap { reader.string($0, "a stratum column in 'by'") }
      default: reader.problem(top["by"] ?? root, "the quotas need 'by': the stratum column(s) they are set by")
      }
      for name in variables where !strata.contains(name) {
        reader.problem(
          top["by"] ?? root,
          "'\(name)' is not a stratum column of the sample (its strata: \(strata.isEmpty ? "none" : strata.joined(separator: ", ")))"
        )
      }
      var cells: [Cell] = []
      var seen: [[String]: Int] = [:]
      guard case .array(let items)? = top["targets"]?.kind else {
        reader.problem(
          top["targets"] ?? root, "the quotas need 'targets': a list of { stratum values…, \"target\": n }")
        return Quotas(variables: variables, cells: cells, screening: screening)
      }
      for item in items {
        let m = reader.members(item, "a target", allowed: Set(variables + ["target", "comment"]))
        var values: [String] = []
        for name in variables {
          switch m[name]?.kind {
          case .number(let text)?: values.append(text)
          case .string(let text)?: values.append(text)
          default: reader.problem(m[name] ?? item, "a target needs '\(name)': the stratum's value")
          }
        }
        guard case .number(let text)? = m["target"]?.kind, let target = Int(text), target >= 0 else {
          reader.problem(m["target"] ?? item, "a target needs 'target': a whole number of completes, 0 or more")
          continue
        }
        guard values.count == variables.count else { continue }
        if let line = seen[values] {
          reader.problem(item, "this cell has a target already at line \(line)")
          continue
        }
        seen[values] = item.position.line
        cells.append(Cell(values: values, target: target))
      }
      return Quotas(variables: variables, cells: cells, screening: screening)
    }
  }

  /// The cell of a respondent's stratum values, when the quotas set one for it.
  public func cell(of values: [String: String]) -> Int? {
    let key = variables.map { values[$0] ?? "" }
    return cells.firstIndex { $0.values == key }
  }

  /// Per cell, whether it is full given the completes so far (`completes[cell]`).
  public func full(_ completes: [Int: Int]) -> Set<Int> {
    Set(cells.indices.filter { completes[$0, default: 0] >= cells[$0].target })
  }
}
