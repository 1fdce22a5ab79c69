/// Rows of a dataset held flat for a writer that takes a cell at a time (the .sav export): per
/// cell a kind and a number, and the texts' bytes one after another, each followed by a zero byte
/// for C. A batch is made on a reading thread and written on another with nothing allocated or
/// freed per cell.
///
/// The columns are the caller's: for an export, the leads (station, case, outcome), then the
/// codebook's variables.
public struct DatasetRowBatch: Sendable {
  /// What a cell holds.
  public enum Kind: UInt8, Sendable {
    case empty
    case number
    /// A text: the cell's number is its length in bytes, and its bytes are the next in `texts`.
    case text
  }

  /// Cells per row.
  public let columns: Int
  /// The cells' kinds, row after row.
  public private(set) var kinds: [Kind] = []
  /// The cells' numbers (a text's length, 0 for an empty cell), row after row.
  public private(set) var numbers: [Double] = []
  /// The texts' bytes in cell order, each followed by a zero byte.
  public private(set) var texts: [UInt8] = []

  public init(columns: Int) {
    self.columns = columns
  }

  /// Rows in the batch (a row being appended not counted).
  public var count: Int { kinds.count / columns }

  public mutating func appendEmpty() {
    kinds.append(.empty)
    numbers.append(0)
  }

  public mutating func append(number: Double) {
    kinds.append(.number)
    numbers.append(number)
  }

  public mutating func append(text bytes: UnsafeRawBufferPointer) {
    kinds.append(.text)
    numbers.append(Double(bytes.count))
    texts.append(contentsOf: bytes)
    texts.append(0)
  }

  public mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(text: UnsafeRawBufferPointer($0)) }
  }

  /// Appends a row of empty cells and lets `fill` set them through pointers, without an
  /// array's checks per cell: the way to make many rows fast.
  public mutating func appendRow(_ fill: (_ cells: RowCells, _ texts: inout [UInt8]) throws -> Void) rethrows {
    let start = kinds.count
    kinds.append(contentsOf: repeatElement(.empty, count: columns))
    numbers.append(contentsOf: repeatElement(0, count: columns))
    try kinds.withUnsafeMutableBufferPointer { kinds in
      try numbers.withUnsafeMutableBufferPointer { numbers in
        try fill(
          RowCells(kinds: kinds.baseAddress! + start, numbers: numbers.baseAddress! + start, columns: columns), &texts)
      }
    }
  }

  /// The cells of a row being appended (`appendRow`), each empty until set.
  public struct RowCells {
    fileprivate let kinds: UnsafeMutablePointer<Kind>
    fileprivate let numbers: UnsafeMutablePointer<Double>
    fileprivate let columns: Int

    public func set(number: Double, at column: Int) {
      precondition(column < columns)
      kinds[column] = .number
      numbers[column] = number
    }

    /// Sets a text: its bytes go to `texts`, the batch's texts being passed to `appendRow`'s body.
    public func set(text bytes: UnsafeRawBufferPointer, at column: Int, texts: inout [UInt8]) {
      precondition(column < columns)
      kinds[column] = .text
      numbers[column] = Double(bytes.count)
      texts.append(contentsOf: bytes)
      texts.append(0)
    }
  }

  /// A dataset cell: don't know and refused as their codes.
  public mutating func append(_ cell: DatasetCell) {
    switch cell {
    case .empty: appendEmpty()
    case .number(let n): append(number: n)
    case .text(let s): append(text: s)
    case .missing(let code, _): append(number: Double(code))
    }
  }
}
