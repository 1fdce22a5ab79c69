import EnkatDataset
import EnkatModel

/// A numeric variable summarised (a scale: a number question, a computed number): per group of
/// `by` (or for all), the number of valid values, their mean, median, sample standard deviation
/// (divided by n − 1), least and greatest. Don't know, refused, not asked and no answer are left
/// out; a group with no values shows its zero and no statistics. Weighted (`weighting`), the
/// weighted total, mean with standard error and 95 % interval, weighted median and standard
/// deviation (`WeightedMeans`).
public struct MeansTable: Analysis {
  public var variable: String
  public var by: String?
  /// How the cases are weighted; nil for an unweighted table.
  public var weighting: WeightSpec?

  public init(_ variable: String, by: String? = nil, weighting: WeightSpec? = nil) {
    self.variable = variable
    self.by = by
    self.weighting = weighting
  }

  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    var names = [try numeric(variable, codebook).name]
    if let by { names.append(try single(by, codebook).name) }
    return names + (try weightingColumns(weighting, in: codebook))
  }

  private func single(_ name: String, _ codebook: Codebook) throws(AnalysisError) -> Variable {
    guard case .single(let v) = try TabulatedVariable(name, in: codebook) else {
      throw .unsuitable(name, reason: "groups come from a variable with one value per case")
    }
    return v
  }

  private func numeric(_ name: String, _ codebook: Codebook) throws(AnalysisError) -> Variable {
    let v = try single(name, codebook)
    guard case .numeric = v.type else { throw .unsuitable(name, reason: "it is not a number") }
    return v
  }

  public func run(_ data: AnalysisData, words: Words) throws(AnalysisError) -> ResultTable {
    let v = try numeric(variable, data.codebook)
    let values = (data.cells(v.name) ?? []).map { cell -> Double? in
      if case .number(let n) = cell { return n }
      return nil
    }
    var groups: [(label: String, code: Double?, members: [Double])] = []
    var groupVariable: Variable?
    if let by {
      let g = try single(by, data.codebook)
      groupVariable = g
      let cells = (data.cells(g.name) ?? []).map(CellValue.init)
      for category in categories(of: g, in: zip(cells, values).filter { $1 != nil }.map(\.0)) {
        let members = zip(cells, values).compactMap { $0 == category ? $1 : nil }
        groups.append((label(of: category, g, words), category.code, members))
      }
    }
    if let weighting {
      return try weightedTable(v, groupVariable, data, try SurveyDesign(weighting, data), words)
    }
    groups.append((words[.total], nil, values.compactMap { $0 }))
    let rows = groups.enumerated().map { k, group -> ResultTable.Row in
      let xs = group.members
      let mean = xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
      return .init(
        label: group.label, code: group.code, kind: k == groups.count - 1 && by != nil ? .total : .value,
        values: [Double(xs.count), mean, Statistics.median(xs), Statistics.standardDeviation(xs), xs.min(), xs.max()])
    }
    return ResultTable(
      title: "\(v.name): \(v.label.text(in: words.language))"
        + (groupVariable.map { " — \($0.label.text(in: words.language))" } ?? ""),
      base:
        "\(words[.validAnswers].prefix(1).uppercased() + words[.validAnswers].dropFirst()): \(formattedCount(Int(rows.last!.values[0]!), words))",
      columns: [
        .init(words[.count], .count), .init(words[.mean], .number), .init(words[.median], .number),
        .init(words[.standardDeviation], .number), .init(words[.least], .number), .init(words[.greatest], .number),
      ],
      rows: rows)
  }

  private func weightedTable(
    _ v: Variable, _ groupVariable: Variable?, _ data: AnalysisData, _ design: SurveyDesign, _ words: Words
  ) throws(AnalysisError) -> ResultTable {
    let table = WeightedMeans(data.cells(v.name) ?? [], design: design)
    var rows: [ResultTable.Row] = []
    if let g = groupVariable {
      let cells = design.cases.map { CellValue((data.cells(g.name) ?? [])[$0]) }
      let present = cells.indices.filter { table.values[$0] != nil && design.subpopulation[$0] }.map { cells[$0] }
      for category in categories(of: g, in: present) {
        rows.append(
          .init(
            label: label(of: category, g, words), code: category.code,
            values: table.summary(cells.map { $0 == category })))
      }
    }
    rows.append(.init(label: words[.total], kind: groupVariable == nil ? .value : .total, values: table.summary(nil)))
    let cases = Int(rows.last!.values[0] ?? 0)
    return ResultTable(
      title: "\(v.name): \(v.label.text(in: words.language))"
        + (groupVariable.map { " — \($0.label.text(in: words.language))" } ?? ""),
      base:
        "\(words[.validAnswers].prefix(1).uppercased() + words[.validAnswers].dropFirst()): \(ResultTable.formatted(rows.last!.values[1] ?? 0, .count))",
      columns: [
        .init(words[.count], .count), .init(words[.weightedCount], .count), .init(words[.mean], .number),
        .init(words[.standardError], .number), .init(words[.low], .number), .init(words[.high], .number),
        .init(words[.median], .number), .init(words[.standardDeviation], .number), .init(words[.least], .number),
        .init(words[.greatest], .number),
      ],
      rows: rows, notes: weightingNotes(design, cases: cases, words))
  }
}
