import EnkatModel

/// How the cases are weighted (docs/analysis.md, "Weights"): a design weight variable, and
/// optionally weights calibrated to population totals, by post-stratification to the cells of one
/// classification or by raking to several margins, as R's `survey` package's `postStratify` and
/// `rake` do. Given to `enkat tab --weight` as a variable's name or a JSON file.
public struct WeightSpec: Equatable, Sendable {
  /// Population totals by the codes of one or more variables.
  public struct Margin: Equatable, Sendable {
    /// One cell: a code per variable, and the number of the population in it.
    public struct Cell: Equatable, Sendable {
      public var codes: [Int]
      public var total: Double
      public var position: SourcePosition
    }

    public var variables: [String]
    public var cells: [Cell]
    public var position: SourcePosition
  }

  /// How the design weights are calibrated to the population.
  public enum Calibration: Equatable, Sendable {
    /// Every cell's weights scaled to its population total (`postStratify`).
    case poststratify(Margin)
    /// Iterative post-stratification to each margin in turn until the weighted table of all
    /// their variables changes by less than one case, at most ten rounds (`rake`).
    case rake([Margin])
  }

  /// The variable holding each case's design weight; nil for equal weights of 1.
  public var weight: String?
  public var calibration: Calibration?
  /// What the tables call the weighting: the variable or the file.
  public var name: String

  public init(weight: String?, calibration: Calibration? = nil, name: String) {
    self.weight = weight
    self.calibration = calibration
    self.name = name
  }

  /// Weights from one variable.
  public static func variable(_ name: String) -> WeightSpec { WeightSpec(weight: name, name: name) }

  /// The margins calibrated to, in order.
  public var margins: [Margin] {
    switch calibration {
    case nil: return []
    case .poststratify(let margin): return [margin]
    case .rake(let margins): return margins
    }
  }

  /// Every variable the weighting reads.
  public var variables: [String] {
    var names = weight.map { [$0] } ?? []
    for margin in margins { names += margin.variables.filter { !names.contains($0) } }
    return names
  }

  /// Reads a weighting spec:
  ///
  ///     { "weight": "baseWeight",
  ///       "rake": [ { "by": ["area"], "totals": [ { "area": 1, "total": 9120 }, … ] },
  ///                 { "by": ["region"], "totals": [ … ] } ] }
  ///
  /// (`"poststratify": { "by": […], "totals": […] }` for one classification). Every problem is
  /// reported with its place.
  public static func parse(_ bytes: [UInt8], file: String) -> Result<WeightSpec, SpecProblems> {
    SpecReader.read(bytes, file: file) { root, reader in
      let top = reader.members(root, "a weighting", allowed: ["weight", "poststratify", "rake", "comment"])
      let weight = top["weight"].flatMap { reader.string($0, "'weight' (a number variable)") }
      var calibration: Calibration?
      switch (top["poststratify"], top["rake"]) {
      case (let node?, nil):
        calibration = .poststratify(margin(node, &reader))
      case (nil, let node?):
        if case .array(let items) = node.kind, !items.isEmpty {
          calibration = .rake(items.map { margin($0, &reader) })
        } else {
          reader.problem(node, "'rake' must be a list of margins, each { \"by\": [...], \"totals\": [...] }")
        }
      case (let node?, _?):
        reader.problem(node, "give 'poststratify' or 'rake', not both")
      case (nil, nil):
        if weight == nil {
          reader.problem(root, "a weighting needs 'weight' (a variable), 'poststratify' or 'rake'")
        }
      }
      return WeightSpec(weight: weight, calibration: calibration, name: file)
    }
  }

  private static func margin(_ node: JSONNode, _ reader: inout SpecReader) -> Margin {
    let m = reader.members(node, "a margin", allowed: ["by", "totals", "comment"])
    var variables: [String] = []
    switch m["by"]?.kind {
    case .string(let name)?: variables = [name]
    case .array(let names)?: variables = names.compactMap { reader.string($0, "a variable in 'by'") }
    default:
      reader.problem(m["by"] ?? node, "a margin needs 'by': the variable (or list of variables) it classifies by")
    }
    var cells: [Margin.Cell] = []
    guard let totals = m["totals"], case .array(let items) = totals.kind, !items.isEmpty else {
      reader.problem(m["totals"] ?? node, "a margin needs 'totals': a list of { \"variable\": code, …, \"total\": n }")
      return Margin(variables: variables, cells: [], position: node.position)
    }
    var seen: [[Int]: SourcePosition] = [:]
    for item in items {
      let c = reader.members(item, "a total", allowed: Set(variables + ["total", "comment"]))
      var codes: [Int] = []
      for name in variables {
        if case .number(let n)? = c[name]?.kind, let code = Int(n) {
          codes.append(code)
        } else {
          reader.problem(c[name] ?? item, "a total needs '\(name)': a whole number (a code)")
        }
      }
      guard case .number(let text)? = c["total"]?.kind, let total = Double(text), total >= 0, total.isFinite else {
        reader.problem(
          c["total"] ?? item, "a total needs 'total': the number of the population in this cell (0 or more)")
        continue
      }
      guard codes.count == variables.count else { continue }
      if let first = seen[codes] {
        reader.problem(item, "this cell was given already at line \(first.line), column \(first.column)")
        continue
      }
      seen[codes] = item.position
      cells.append(Margin.Cell(codes: codes, total: total, position: item.position))
    }
    return Margin(variables: variables, cells: cells, position: node.position)
  }
}
