import EnkatDataset
import EnkatModel

/// A crosstab of two variables over the cases that answered both (don't know, refused, not asked
/// and no answer left out of both): per cell the count, and the percentage of its column (the
/// usual way to compare groups), of its row, or of the table; the column and row bases; and
/// Pearson's chi-square test of independence (no continuity correction) with its degrees of
/// freedom and p-value, over the rows and columns that have cases.
public struct Crosstab: Analysis {
  /// What the cells show.
  public enum Cells: String, CaseIterable, Sendable {
    case column, row, total, count
  }

  public var row: String
  public var column: String
  public var cells: Cells

  public init(_ row: String, by column: String, cells: Cells = .column) {
    self.row = row
    self.column = column
    self.cells = cells
  }

  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    [try single(row, codebook).name, try single(column, codebook).name]
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
    let pairs = zip(rowCells, columnCells).filter { $0.isValid && $1.isValid }
    let rowCategories = categories(of: rv, in: pairs.map(\.0))
    let columnCategories = categories(of: cv, in: pairs.map(\.1))
    var counts = [[Double]](
      repeating: [Double](repeating: 0, count: columnCategories.count), count: rowCategories.count)
    let rowIndex = Dictionary(uniqueKeysWithValues: rowCategories.enumerated().map { ($1, $0) })
    let columnIndex = Dictionary(uniqueKeysWithValues: columnCategories.enumerated().map { ($1, $0) })
    for (r, c) in pairs { counts[rowIndex[r]!][columnIndex[c]!] += 1 }
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
    let test = ChiSquareTest(counts)
    var notes: [String] = []
    if test.belowFive > 0 {
      notes.append("\(test.belowFive) / \(test.cells) \(words[.expectedBelowFive])")
    }
    return ResultTable(
      title: "\(rv.name) × \(cv.name): \(rv.label.text(in: words.language)) — \(cv.label.text(in: words.language))",
      base: "\(words[.bothAnswered]): \(formattedCount(Int(total), words))",
      columns: columns, rows: rows,
      statistics: test.degrees > 0
        ? [(words[.chiSquare], test.statistic), ("df", Double(test.degrees)), ("p", test.p)] : [],
      notes: notes)
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
