import EnkatDataset
import EnkatModel

/// The cases an analysis reads: one column of cells per variable it needs (one cell per case, in
/// the same case order in every column), and the codebook that says what the cells mean. Built
/// by the caller from a store or, in tests, from literal cells; the analyses do no I/O.
public struct AnalysisData: Sendable {
  public let codebook: Codebook
  /// Cells by variable name.
  public let columns: [String: [DatasetCell]]
  /// The number of cases.
  public let count: Int
  /// Per case, whether it is in the subpopulation a weighted analysis estimates for (`--where`);
  /// nil for all. Weighted analyses keep every case, because a subpopulation's variance is
  /// computed over the whole design; unweighted ones are given `filtered` data instead.
  public let subpopulation: [Bool]?

  /// `columns` must all have the same number of cells (and `subpopulation` one per case).
  public init(codebook: Codebook, columns: [String: [DatasetCell]], subpopulation: [Bool]? = nil) {
    self.codebook = codebook
    self.columns = columns
    self.subpopulation = subpopulation
    count = columns.values.first?.count ?? 0
    precondition(columns.values.allSatisfy { $0.count == count }, "every column has a cell per case")
  }

  /// The cases for which `keep` is true, in the same order.
  public func filtered(_ keep: [Bool]) -> AnalysisData {
    AnalysisData(
      codebook: codebook,
      columns: columns.mapValues { cells in cells.indices.filter { keep[$0] }.map { cells[$0] } })
  }

  /// The cells of a variable; nil when the data were read without it.
  public func cells(_ name: String) -> [DatasetCell]? { columns[name] }
}

/// What a variable's cell means for an analysis: a valid value, or one of the kinds of missing
/// that tables show on their own rows.
enum CellValue: Hashable {
  case code(Double)
  case text(String)
  case dontKnow
  case refused
  /// Not asked, no answer or off route (the dataset's empty cell).
  case empty

  init(_ cell: DatasetCell) {
    switch cell {
    case .empty: self = .empty
    case .number(let n): self = .code(n)
    case .text(let t): self = .text(t)
    case .missing(_, let kind): self = kind == .dontKnow ? .dontKnow : .refused
    }
  }

  /// The code, when the cell holds one.
  var code: Double? {
    if case .code(let n) = self { return n }
    return nil
  }

  var isValid: Bool {
    switch self {
    case .code, .text: return true
    case .dontKnow, .refused, .empty: return false
    }
  }
}
