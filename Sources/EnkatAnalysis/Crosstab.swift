import EnkatDataset
import EnkatModel

/// A crosstab of two variables over the cases that answered both (don't know, refused, not asked
/// and no answer left out of both): per cell the count, and the percentage of its column (the
/// usual way to compare groups), of its row, or of the table; the column and row bases; and
/// Pearson's chi-square test of independence (no continuity correction) with its degrees of
/// freedom and p-value, over the rows and columns that have cases. Weighted (`weighting`), the
/// cells are weighted sums and the test is Rao and Scott's design-based F (`RaoScottTest`).
public struct Crosstab: Analysis {
  /// What the cells show.
  public enum Cells: String, CaseIterable, Sendable {
    case column, row, total, count
  }

  public var row: String
  public var column: String
  public var cells: Cells
  /// How the cases are weighted; nil for an unweighted table.
  public var weighting: WeightSpec?

  public init(_ row: String, by column: String, cells: Cells = .column, weighting: WeightSpec? = nil) {
    self.row = row
    self.column = column
    self.cells = cells
    self.weighting = weighting
  }

  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    [try single(row, codebook).name, try single(column, codebook).name]
      + (try weightingColumns(weighting, in: codebook))
  }

  private func single(_ name: String, _ codebook: Codebook) throws(AnalysisError) -> Variable {
    guard case .single(let v) = try TabulatedVariable(name, in: codebook) else {
      throw .unsuitable(name, reason: "a multiple choice question is crossed by MultipleResponseTable with --by")
    }
    return v
  }

  public func run(_ data: AnalysisData, words: Words) throws(AnalysisError) -> ResultTable {
    let rv = try single(row, data.codebook)
    let cv = try single(column, data.codebook)
    guard let rowCells = data.cells(rv.name)?.map(CellValue.init),
      let columnCells = data.cells(cv.name)?.map(CellValue.init)
    else { throw .unsuitable(row, reason: "it was not read") }
    let design = try weighting.map { (spec: WeightSpec) throws(AnalysisError) in try SurveyDesign(spec, data) }
    let cases = design?.cases ?? Array(0..<data.count)
    let weights = design?.weights ?? [Double](repeating: 1, count: cases.count)
    let domain = cases.indices.map { k in
      rowCells[cases[k]].isValid && columnCells[cases[k]].isValid && (design?.subpopulation[k] ?? true)
    }
    let pairs = cases.indices.filter { domain[$0] }.map { (rowCells[cases[$0]], columnCells[cases[$0]]) }
    let rowCategories = categories(of: rv, in: pairs.map(\.0))
    let columnCategories = categories(of: cv, in: pairs.map(\.1))
    var counts = [[Double]](
      repeating: [Double](repeating: 0, count: columnCategories.count), count: rowCategories.count)
    let rowIndex = Dictionary(uniqueKeysWithValues: rowCategories.enumerated().map { ($1, $0) })
    let columnIndex = Dictionary(uniqueKeysWithValues: columnCategories.enumerated().map { ($1, $0) })
    for k in cases.indices where domain[k] {
      counts[rowIndex[rowCells[cases[k]]]!][columnIndex[columnCells[cases[k]]]!] += weights[k]
    }
    let rowTotals = counts.map { $0.reduce(0, +) }
    let columnTotals = columnCategories.indices.map { c in counts.reduce(0) { $0 + $1[c] } }
    let total = rowTotals.reduce(0, +)
    func cell(_ n: Double, rowTotal: Double, columnTotal: Double) -> Double? {
      switch cells {
      case .count: return n
      case .column: return columnTotal > 0 ? 100 * n / columnTotal : nil
      case .row: return rowTotal > 0 ? 100 * n / rowTotal : nil
      case .total: return total > 0 ? 100 * n / total : nil
      }
    }
    var rows: [ResultTable.Row] = []
    for (r, category) in rowCategories.enumerated() {
      let values =
        counts[r].enumerated().map { cell($1, rowTotal: rowTotals[r], columnTotal: columnTotals[$0]) }
        + [cell(rowTotals[r], rowTotal: rowTotals[r], columnTotal: total)]
      rows.append(.init(label: label(of: category, rv, words), code: category.code, values: values))
    }
    if cells == .row || cells == .total {
      rows.append(
        .init(
          label: words[.total], kind: .total,
          values: columnTotals.map { cell($0, rowTotal: total, columnTotal: $0) } + [
            cell(total, rowTotal: total, columnTotal: total)
          ]))
    }
    rows.append(.init(label: words[.count], kind: .base, values: columnTotals + [total]))
    let format: ResultTable.Format = cells == .count ? .count : .percent
    let columns =
      columnCategories.map { ResultTable.Column(label(of: $0, cv, words), format, code: $0.code) }
      + [.init(words[.total], format)]
    var statistics: [(String, Double)] = []
    var notes: [String] = []
    var base = formattedCount(Int(total), words)
    if let design {
      let used = (
        rows: rowCategories.indices.filter { rowTotals[$0] > 0 },
        columns: columnCategories.indices.filter { columnTotals[$0] > 0 }
      )
      let cellOf = cases.indices.map { k -> Int? in
        guard domain[k], let r = used.rows.firstIndex(of: rowIndex[rowCells[cases[k]]]!),
          let c = used.columns.firstIndex(of: columnIndex[columnCells[cases[k]]]!)
        else { return nil }
        return r + used.rows.count * c
      }
      let indicators = (0..<(used.rows.count * used.columns.count)).map { cell in
        cellOf.map { $0.map { $0 == cell ? 1.0 : 0.0 } }
      }
      if let estimate = design.means(indicators, domain: domain) {
        let clusters = design.calibrated ? design.cases.count : design.subpopulation.filter { $0 }.count
        let test = RaoScottTest(
          shares: estimate.means, covariance: estimate.covariance, rows: used.rows.count,
          columns: used.columns.count, clusters: clusters)
        if test.statistic.isFinite {
          statistics = [
            (words[.raoScottF], test.statistic), ("df1", test.numeratorDegrees), ("df2", test.denominatorDegrees),
            ("p", test.p),
          ]
        }
      }
      base = ResultTable.formatted(total, .count)
      notes = weightingNotes(design, cases: pairs.count, words)
    } else {
      let test = ChiSquareTest(counts)
      if test.belowFive > 0 {
        notes.append("\(test.belowFive) / \(test.cells) \(words[.expectedBelowFive])")
      }
      if test.degrees > 0 {
        statistics = [(words[.chiSquare], test.statistic), ("df", Double(test.degrees)), ("p", test.p)]
      }
    }
    return ResultTable(
      title: "\(rv.name) × \(cv.name): \(rv.label.text(in: words.language)) — \(cv.label.text(in: words.language))",
      base: "\(words[.bothAnswered]): \(base)",
      columns: columns, rows: rows, statistics: statistics, notes: notes)
  }
}

/// Pearson's chi-square test of independence of a table of counts, over its rows and columns
/// with cases.
struct ChiSquareTest {
  var statistic = 0.0
  var degrees = 0
  var p = 1.0
  /// Cells whose expected count is below 5, of all cells tested.
  var belowFive = 0
  var cells = 0

  init(_ counts: [[Double]]) {
    let rows = counts.filter { $0.reduce(0, +) > 0 }
    guard let width = rows.first?.count else { return }
    let used = (0..<width).filter { c in rows.contains { $0[c] > 0 } }
    let table = rows.map { row in used.map { row[$0] } }
    let rowTotals = table.map { $0.reduce(0, +) }
    let columnTotals = used.indices.map { c in table.reduce(0) { $0 + $1[c] } }
    let total = rowTotals.reduce(0, +)
    guard table.count > 1, used.count > 1, total > 0 else { return }
    for (r, row) in table.enumerated() {
      for (c, observed) in row.enumerated() {
        let expected = rowTotals[r] * columnTotals[c] / total
        statistic += (observed - expected) * (observed - expected) / expected
        if expected < 5 { belowFive += 1 }
        cells += 1
      }
    }
    degrees = (table.count - 1) * (used.count - 1)
    p = Statistics.chiSquareUpperTail(statistic, degrees: Double(degrees))
  }
}
