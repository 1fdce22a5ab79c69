import EnkatLog
import Foundation
import GRDB
import GRDBSQLite

/// The cases of one questionnaire in a store, in station and case id order, read one at a time.
/// Cases with a conflicting record are left out (they are listed by `enkat collect` and kept in
/// `conflicts`).
public enum StoredCases {
  /// A case's identity and outcome, written before its variables.
  public struct Info: Equatable, Sendable {
    public var station: String
    public var caseID: String
    public var outcome: String
    /// The case's earliest record time (`today()` in its computed variables).
    public var firstAt: String
    /// The case's row in `cases` (`cases.id`).
    public var rowID: Int64 = 0
  }

  /// Calls `body` with each case and its history (`CaseHistoryCodec`), in station and case order:
  /// the cases of questionnaire `questionnaireID` recorded with one of the versions `versions`
  /// (their `qd`), or with any version when it is nil.
  public static func forEach(
    _ store: Store, questionnaireID: String, versions: [String]? = nil, _ body: (Info, [UInt8]) throws -> Void
  ) throws {
    try store.database.read { db in try forEach(db, questionnaireID: questionnaireID, versions: versions, body) }
  }

  /// `forEach` inside a transaction; with `onlyTouched`, the cases a collect wrote
  /// (`temp.touched`), in the order of their row ids rather than station and case: read from
  /// the touched ones, so a collect that wrote a few cases does not pass over all of them.
  static func forEach(
    _ db: Database, questionnaireID: String, versions: [String]?, onlyTouched: Bool = false,
    _ body: (Info, [UInt8]) throws -> Void
  ) throws {
    let filter = versions.map { " AND c.qd IN (" + $0.map { _ in "?" }.joined(separator: ",") + ")" } ?? ""
    let columns = "c.station, c.case_id, c.outcome, c.first_at, h.history, c.id"
    let statement = try db.makeStatement(
      sql: onlyTouched
        ? """
        SELECT \(columns) FROM temp.touched t CROSS JOIN cases c ON c.id = t.id JOIN histories h ON h.id = c.id
        WHERE c.questionnaire = ? AND c.conflict = 0\(filter)
        """
        : """
        SELECT \(columns) FROM cases c JOIN histories h USING (id)
        WHERE c.questionnaire = ? AND c.conflict = 0\(filter)
        ORDER BY c.station, c.case_id
        """)
    try statement.setArguments(StatementArguments([questionnaireID] + (versions ?? [])))
    let s = statement.sqliteStatement
    func text(_ column: Int32) -> String {
      guard let p = sqlite3_column_text(s, column) else { return "" }
      return String(cString: p)
    }
    while true {
      let status = sqlite3_step(s)
      if status == SQLITE_DONE { break }
      guard status == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
      let count = Int(sqlite3_column_bytes(s, 4))
      let history = count == 0 ? [] : [UInt8](UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 4), count: count))
      try body(
        Info(
          station: text(0), caseID: text(1), outcome: text(2), firstAt: text(3), rowID: sqlite3_column_int64(s, 5)),
        history)
    }
  }

  /// How many cases `forEach` gives, and the most UTF-8 bytes of their station, case id and outcome.
  public static func sizes(
    _ store: Store, questionnaireID: String, versions: [String]? = nil
  ) throws -> (cases: Int, station: Int, caseID: Int, outcome: Int) {
    try store.database.read { db in
      let filter = versions.map { " AND qd IN (" + $0.map { _ in "?" }.joined(separator: ",") + ")" } ?? ""
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT count(*), max(length(CAST(station AS BLOB))), max(length(CAST(case_id AS BLOB))),
            max(length(CAST(outcome AS BLOB))) FROM cases WHERE questionnaire = ? AND conflict = 0\(filter)
          """, arguments: StatementArguments([questionnaireID] + (versions ?? [])))
      return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0, row?[3] ?? 0)
    }
  }

  /// Each case with its state rebuilt from its history.
  public static func states(
    _ store: Store, questionnaireID: String, versions: [String]? = nil
  ) throws -> [(info: Info, state: CaseState)] {
    var result: [(Info, CaseState)] = []
    try forEach(store, questionnaireID: questionnaireID, versions: versions) { info, history in
      guard let records = CaseHistoryCodec.decode(history) else { throw damaged(store, info) }
      result.append((info, CaseState(records)))
    }
    return result
  }

  static func damaged(_ store: Store, _ info: Info) -> StoreError { damaged(store.path, info) }

  static func damaged(_ path: String, _ info: Info) -> StoreError {
    .damaged(path, "the history of case \(info.caseID) of station \(info.station)")
  }
}
