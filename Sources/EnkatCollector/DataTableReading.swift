import EnkatDataset
import EnkatExpressions
import Foundation
import GRDB
import GRDBSQLite

/// What exports read from a data table (`WideTables`): its rows in station and case order, read
/// on two threads. The stations are cut into ranges; each thread reads its ranges through a
/// connection of its own and turns each into a value (CSV lines, cells), and the values are
/// handed over in order, at most a few ranges ahead of the one being written.
///
/// Both connections see the same store: the store's lock keeps collects out while it is open,
/// and the second read begins while the first holds its shared lock, so no commit can fall
/// between them.
enum DataTableReading {
  /// Calls `consume` with the value `read` makes of each range of the table's rows, in order.
  /// `read` gets a statement over the range's rows (`SELECT *`, in station and case order).
  static func forEachRange<T: Sendable>(
    _ store: Store, table name: String, questionnaireID: String,
    read: @escaping @Sendable (_ rows: OpaquePointer) throws -> T, consume: (T) throws -> Void
  ) throws {
    try Ranges(store, table: name, questionnaireID: questionnaireID, read: read).consume(consume)
  }

  /// The ranges of a table's rows being read on two threads, from when it is made: what the caller
  /// does before `consume` (a .sav's text widths, measured) goes on while the first ranges are read.
  final class Ranges<T: Sendable> {
    private let count: Int
    private let results: RangeResults<T>

    init(
      _ store: Store, table name: String, questionnaireID: String,
      read: @escaping @Sendable (_ rows: OpaquePointer) throws -> T
    ) throws {
      let stations = try store.database.read { db in
        try String.fetchAll(
          db, sql: "SELECT DISTINCT station FROM streams WHERE questionnaire = ? ORDER BY station",
          arguments: [questionnaireID])
      }
      // Range k holds the stations from bounds[k - 1] (inclusive) to bounds[k]; the first and
      // last are open, so a station the streams do not list is still read.
      let ranges = max(1, min(64, stations.count))
      let bounds = (1..<ranges).map { stations[$0 * stations.count / ranges] }
      let connections = try (0..<2).map { _ in try ReadConnection(path: store.path) }
      let results = RangeResults<T>(count: ranges, ahead: 4)
      count = ranges
      self.results = results
      let quoted = WideTables.quoted(name)
      for (w, connection) in connections.enumerated() {
        let thread = Thread {
          var k = w
          while k < ranges, results.waitForRoom(k) {
            let low = k > 0 ? bounds[k - 1] : nil
            let high = k < bounds.count ? bounds[k] : nil
            // Each bound only where there is one: a condition that may be void would read every row.
            let conditions = [low.map { _ in "station >= ?1" }, high.map { _ in "station < ?2" }].compactMap { $0 }
            let sql =
              "SELECT * FROM \(quoted)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))"
              + " ORDER BY station, case_id"
            results.put(k, Result { try connection.withStatement(sql, low, high, read) })
            k += connections.count
          }
        }
        thread.stackSize = 1 << 20
        thread.start()
      }
    }

    /// The reading threads stop at their next range (those not consumed are not read).
    deinit { results.stop() }

    /// Calls `consume` with each range's value, in order.
    func consume(_ consume: (T) throws -> Void) throws {
      defer { results.stop() }
      for k in 0..<count {
        try consume(try results.take(k).get())
      }
    }
  }
}

/// A read-only connection to the store for one reading thread, its read begun when it is made.
private final class ReadConnection: @unchecked Sendable {
  private var db: OpaquePointer?

  init(path: String) throws {
    guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close(db)
      throw StoreError.failed(path, message)
    }
    // The shared lock taken by this first read is held until the connection closes.
    try withStatement("BEGIN", nil, nil) { s in _ = sqlite3_step(s) }
    try withStatement("SELECT count(*) FROM sqlite_master", nil, nil) { s in _ = sqlite3_step(s) }
  }

  deinit { sqlite3_close(db) }

  /// Runs `body` with `sql` prepared and bound to `first` and `second` (NULL when nil).
  func withStatement<T>(
    _ sql: String, _ first: String?, _ second: String?, _ body: (OpaquePointer) throws -> T
  ) throws -> T {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
      throw DatabaseError(message: String(cString: sqlite3_errmsg(db)))
    }
    defer { sqlite3_finalize(statement) }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (index, value) in [first, second].enumerated() {
      guard let value, index < sqlite3_bind_parameter_count(statement) else { continue }
      sqlite3_bind_text(statement, Int32(index + 1), value, -1, transient)
    }
    return try body(statement)
  }
}

/// The values of the ranges, put by the reading threads and taken in order; a thread waits
/// before reading a range more than `ahead` past the one being taken.
private final class RangeResults<T>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Result<T, any Error>?]
  private var taken = 0
  private var stopped = false
  private let ahead: Int

  init(count: Int, ahead: Int) {
    slots = Array(repeating: nil, count: count)
    self.ahead = ahead
  }

  /// Waits until range `k` may be read; false when reading has stopped.
  func waitForRoom(_ k: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while k >= taken + ahead && !stopped { condition.wait() }
    return !stopped
  }

  func put(_ k: Int, _ value: Result<T, any Error>) {
    condition.lock()
    slots[k] = value
    condition.broadcast()
    condition.unlock()
  }

  func take(_ k: Int) -> Result<T, any Error> {
    condition.lock()
    defer { condition.unlock() }
    while slots[k] == nil { condition.wait() }
    let value = slots[k]!
    slots[k] = nil
    taken = k + 1
    condition.broadcast()
    return value
  }

  /// Lets waiting threads end (after the last range, or when the consumer failed).
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}

extension WideTables {
  /// The name, questionnaire and columns of the data table made for the questionnaire version
  /// `digest`, when its columns are `id`, the leads and exactly `variables` (a table changed by
  /// hand is not read: the export is then made from the histories, which are the store's truth).
  private static func table(
    _ store: Store, digest: String, variables: [String]
  ) throws -> (name: String, questionnaireID: String, columns: [(name: String, isText: Bool)])? {
    try store.database.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT name, questionnaire FROM wide_tables WHERE digest = ?", arguments: [digest])
      else { return nil }
      let name: String = row["name"]
      let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(name)))").map {
        (name: $0["name"] as String, isText: ($0["type"] as String).uppercased() == "TEXT")
      }
      guard columns.map(\.name) == ["id", "station", "case_id", "outcome"] + variables else { return nil }
      return (name, row["questionnaire"], columns)
    }
  }

  /// Calls `body` with the rows of the data table made for the questionnaire version `digest`, in
  /// station and case order, as CSV lines (station, case, outcome, then the variables; codes and
  /// whole numbers as digits, decimals as `Value.format` writes them, NULL as nothing), a range
  /// of stations at a time with its number of rows. Returns false, calling nothing, when the
  /// store has no table for that version.
  public static func forEachCSVChunk(
    _ store: Store, digest: String, variables: [String], _ body: (_ lines: [UInt8], _ rows: Int) throws -> Void
  ) throws -> Bool {
    guard let table = try table(store, digest: digest, variables: variables) else { return false }
    try DataTableReading.forEachRange(
      store, table: table.name, questionnaireID: table.questionnaireID,
      read: { s in
        let columns = sqlite3_column_count(s)
        var lines: [UInt8] = []
        var rows = 0
        while true {
          let status = sqlite3_step(s)
          if status == SQLITE_DONE { break }
          guard status == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
          for c in 1..<columns {
            if c > 1 { lines.append(UInt8(ascii: ",")) }
            let value = sqlite3_column_value(s, c)  // read once; the value functions take no lock
            switch sqlite3_value_type(value) {
            case SQLITE_NULL: break
            case SQLITE_INTEGER: CSVBytes.appendInteger(Int(sqlite3_value_int64(value)), to: &lines)
            case SQLITE_FLOAT:
              let n = sqlite3_value_double(value)
              if n == n.rounded() && abs(n) < 1e15 {
                CSVBytes.appendInteger(Int(n), to: &lines)
              } else {
                CSVBytes.appendField(Value.format(n), to: &lines)
              }
            default:
              let count = Int(sqlite3_column_bytes(s, c))
              let bytes = UnsafeRawBufferPointer(start: sqlite3_column_text(s, c), count: count)
              CSVBytes.appendField(String(decoding: bytes, as: UTF8.self), to: &lines)
            }
          }
          lines.append(contentsOf: [0x0D, 0x0A])
          rows += 1
        }
        return (lines, rows)
      },
      consume: { chunk in try body(chunk.0, chunk.1) })
    return true
  }

  /// The rows a statement over a data table gives (`SELECT *`), its columns after `id` (the
  /// leads, then the variables): what the reading threads of a .sav export make of each range.
  private static func rowBatch(_ s: OpaquePointer) throws -> DatasetRowBatch {
    let columns = sqlite3_column_count(s)
    var batch = DatasetRowBatch(columns: Int(columns) - 1)
    while true {
      let status = sqlite3_step(s)
      if status == SQLITE_DONE { break }
      guard status == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
      batch.appendRow { cells, texts in
        for c in 1..<columns {
          // The column's value read once (the value functions take no lock).
          let value = sqlite3_column_value(s, c)
          switch sqlite3_value_type(value) {
          case SQLITE_NULL: break
          case SQLITE_INTEGER: cells.set(number: Double(sqlite3_value_int64(value)), at: Int(c) - 1)
          case SQLITE_FLOAT: cells.set(number: sqlite3_value_double(value), at: Int(c) - 1)
          default:
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_text(s, c), count: Int(sqlite3_column_bytes(s, c)))
            cells.set(text: bytes, at: Int(c) - 1, texts: &texts)
          }
        }
      }
    }
    return batch
  }

  /// The rows of the data table made for version `digest` (in station and case order, each the
  /// leads, then the variables), a batch at a time, with the row count and the most UTF-8 bytes of
  /// each column (0 for a number) that a .sav needs first; nil when the store has no table for
  /// that version.
  public static func rowBatches(
    _ store: Store, digest: String, variables: [String]
  ) throws -> (count: Int, widths: [Int], forEach: ((DatasetRowBatch) throws -> Void) throws -> Void)? {
    guard let table = try table(store, digest: digest, variables: variables) else { return nil }
    // Only texts have a width (a number is 8 bytes in a .sav). The columns of `SELECT *` (`id`,
    // the leads, the variables), and whether each holds texts.
    let columns = table.columns
    // The rows begin to be read now, while the widths are measured.
    let ranges = try DataTableReading.Ranges(
      store, table: table.name, questionnaireID: table.questionnaireID, read: rowBatch)
    // Measured in one pass that reads only the text columns: a row's numbers are never made.
    let textColumns = columns.indices.filter { columns[$0].isText }
    let measures = ["count(*)"] + textColumns.map { "max(length(CAST(\(quoted(columns[$0].name)) AS BLOB)))" }
    let measured = try store.database.read { db in
      try Row.fetchOne(db, sql: "SELECT \(measures.joined(separator: ", ")) FROM \(quoted(table.name))")
    }
    let count: Int = measured?[0] ?? 0
    var widths = [Int](repeating: 0, count: columns.count)
    for (k, c) in textColumns.enumerated() { widths[c] = (measured?[k + 1] as Int?) ?? 0 }
    // The columns after `id`: the leads, then the variables.
    return (count, Array(widths.dropFirst()), { body in try ranges.consume(body) })
  }
}
