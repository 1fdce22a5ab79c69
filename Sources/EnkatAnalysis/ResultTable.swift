import Foundation

/// What every analysis returns: a table of labelled rows and numeric columns, the base it was
/// computed on, the test statistics, and notes. It renders itself to terminal text, CSV, JSON
/// and Markdown (`ResultTable+Rendering.swift`); the numbers are kept at full precision and only
/// the renderings round them.
public struct ResultTable: Equatable, Sendable {
  /// How a column's numbers are written.
  public enum Format: String, Equatable, Sendable {
    /// A count of cases (a whole number, or one decimal when weighted).
    case count
    /// A percentage, one decimal.
    case percent
    /// A number with the given decimals (means, statistics).
    case number
    /// A p-value: three decimals, `<0.001` below.
    case probability
  }

  public struct Column: Equatable, Sendable {
    public var name: String
    public var format: Format
    /// The code the column stands for (a crosstab's column variable), shown instead of the name
    /// when the table is too wide for the terminal.
    public var code: Double?
    public init(_ name: String, _ format: Format, code: Double? = nil) {
      self.name = name
      self.format = format
      self.code = code
    }
  }

  /// The role of a row.
  public enum RowKind: String, Equatable, Sendable {
    /// A value of the variable (a code, or a text or number).
    case value
    /// Don't know, refused, or not asked / no answer: shown, outside the valid base.
    case missing
    /// A total.
    case total
    /// The number of cases each column's percentages are of (written as counts).
    case base
  }

  public struct Row: Equatable, Sendable {
    public var label: String
    /// The code the row stands for, when it is one.
    public var code: Double?
    public var kind: RowKind
    /// One value per column; nil where a column does not apply to the row.
    public var values: [Double?]
    public init(label: String, code: Double? = nil, kind: RowKind = .value, values: [Double?]) {
      self.label = label
      self.code = code
      self.kind = kind
      self.values = values
    }
  }

  public var title: String
  /// What the percentages are of (e.g. "those who answered: 2,473").
  public var base: String
  public var columns: [Column]
  public var rows: [Row]
  /// Test statistics in order (name, value): chi-square, its degrees of freedom, p.
  public var statistics: [(name: String, value: Double)]
  public var notes: [String]

  public init(
    title: String, base: String, columns: [Column], rows: [Row], statistics: [(name: String, value: Double)] = [],
    notes: [String] = []
  ) {
    self.title = title
    self.base = base
    self.columns = columns
    self.rows = rows
    self.statistics = statistics
    self.notes = notes
  }

  public static func == (a: ResultTable, b: ResultTable) -> Bool {
    a.title == b.title && a.base == b.base && a.columns == b.columns && a.rows == b.rows && a.notes == b.notes
      && a.statistics.map(\.name) == b.statistics.map(\.name) && a.statistics.map(\.value) == b.statistics.map(\.value)
  }

  /// The value of the row labelled `label` in column `column`.
  public func value(row label: String, column: String) -> Double? {
    guard let c = columns.firstIndex(where: { $0.name == column }), let r = rows.first(where: { $0.label == label })
    else { return nil }
    return r.values[c]
  }

  /// A statistic by name.
  public func statistic(_ name: String) -> Double? { statistics.first { $0.name == name }?.value }
}
