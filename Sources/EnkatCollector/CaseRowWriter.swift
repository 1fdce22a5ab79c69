import EnkatLog
import Foundation
import GRDB
import GRDBSQLite

/// Reads and writes `cases` rows with prepared statements bound directly: GRDB's boxed
/// arguments cost more than the rest of a row's work (../shared/notes, docs/benchmarks.md).
struct CaseRowWriter {
  private let db: Database
  private let select: Statement
  private let upsert: Statement
  private let insert: Statement
  private let saveHistory: Statement
  private let touch: Statement
  /// The texts of the `cases` row being written.
  private let texts = TextBindings()

  init(db: Database) throws {
    self.db = db
    select = try db.makeStatement(
      sql: """
        SELECT h.history, c.qd, c.conflict FROM cases c JOIN histories h USING (id)
        WHERE c.questionnaire = ? AND c.station = ? AND c.case_id = ?
        """)
    upsert = try db.makeStatement(
      sql: """
        INSERT INTO cases (questionnaire, station, case_id, digest, version, interviewer, language, first_at, last_at,
          outcome, records, answers, revisions, clears, answer_ms, conflict, qd)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (questionnaire, station, case_id) DO UPDATE SET qd = excluded.qd, digest = excluded.digest,
          version = excluded.version, interviewer = excluded.interviewer, language = excluded.language,
          first_at = excluded.first_at, last_at = excluded.last_at, outcome = excluded.outcome,
          records = excluded.records, answers = excluded.answers, revisions = excluded.revisions,
          clears = excluded.clears, answer_ms = excluded.answer_ms, conflict = MAX(conflict, excluded.conflict)
        RETURNING id
        """)
    insert = try db.makeStatement(
      sql: """
        INSERT INTO cases (questionnaire, station, case_id, digest, version, interviewer, language, first_at, last_at,
          outcome, records, answers, revisions, clears, answer_ms, conflict, qd)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
        """)
    saveHistory = try db.makeStatement(sql: "INSERT OR REPLACE INTO histories (id, history) VALUES (?, ?)")
    touch = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.touched (id) VALUES (?)")
  }

  /// A case as the store has it: its records, the version it counts under and whether a
  /// conflict set it aside.
  struct Existing {
    var records: [StoredRecord]
    var shortDigest: String
    var conflict: Bool
  }

  /// The case as the store has it, or nil when the store does not have it.
  func existing(_ key: CaseKey) throws -> Existing? {
    let s = select.sqliteStatement
    sqlite3_reset(s)
    bind(s, 1, key.questionnaireID)
    bind(s, 2, key.station)
    bind(s, 3, key.caseID)
    let status = sqlite3_step(s)
    if status == SQLITE_DONE { return nil }
    guard status == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
    let count = Int(sqlite3_column_bytes(s, 0))
    let bytes = count == 0 ? [] : [UInt8](UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 0), count: count))
    guard let records = CaseHistoryCodec.decode(bytes) else {
      throw StoreError.damaged("", "the history of case \(key.caseID) of station \(key.station)")
    }
    let digest = sqlite3_column_text(s, 1).map { String(cString: $0) } ?? ""
    return Existing(records: records, shortDigest: digest, conflict: sqlite3_column_int64(s, 2) != 0)
  }

  /// Writes the case's row, inserting or replacing.
  func write(_ key: CaseKey, _ state: CaseSummary, history: [UInt8], conflict: Bool) throws {
    let s = upsert.sqliteStatement
    sqlite3_reset(s)
    bindColumns(s, key, state, digestIndex: 17)
    sqlite3_bind_int64(s, 16, conflict ? 1 : 0)
    guard sqlite3_step(s) == SQLITE_ROW else {
      throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_errcode(db.sqliteConnection)))
    }
    let id = sqlite3_column_int64(s, 0)
    let status = sqlite3_step(s)
    guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
    try touch(id)
    try saveHistory(id, history)
  }

  /// Adds a case the store does not have (the usual case of a collect): a plain insert, and a
  /// constraint error, not a second row, if the store had it after all. Returns its row id; it
  /// is not marked touched (its data table row is the caller's).
  func insertNew(_ key: CaseKey, _ state: CaseSummary, history: [UInt8]) throws -> Int64 {
    let s = insert.sqliteStatement
    sqlite3_reset(s)
    bindColumns(s, key, state, digestIndex: 16)
    let status = sqlite3_step(s)
    guard status == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_errcode(db.sqliteConnection)))
    }
    let id = sqlite3_last_insert_rowid(db.sqliteConnection)
    try saveHistory(id, history)
    return id
  }

  /// Binds the columns both statements begin with, 1 to 15, and the digest at `digestIndex`.
  private func bindColumns(_ s: SQLiteStatement, _ key: CaseKey, _ state: CaseSummary, digestIndex: Int32) {
    texts.reset()
    func text(_ index: Int32, _ value: String?) {
      if let value { texts.bind(s, index, value) } else { sqlite3_bind_null(s, index) }
    }
    text(1, key.questionnaireID)
    text(2, key.station)
    text(3, key.caseID)
    text(4, state.start?.questionnaireDigest)
    text(5, state.start?.questionnaireVersion)
    text(6, state.interviewer)
    text(7, state.language)
    text(8, state.firstAt)
    text(9, state.lastAt)
    text(10, state.outcome)
    text(digestIndex, state.questionnaireDigest)
    sqlite3_bind_int64(s, 11, Int64(state.records))
    sqlite3_bind_int64(s, 12, Int64(state.answers))
    sqlite3_bind_int64(s, 13, Int64(state.revisions))
    sqlite3_bind_int64(s, 14, Int64(state.clears))
    sqlite3_bind_int64(s, 15, Int64(state.answerMilliseconds))
  }

  /// Marks the case with row `id` for the data tables to make its row again (`temp.touched`).
  func touch(_ id: Int64) throws {
    let t = touch.sqliteStatement
    sqlite3_reset(t)
    sqlite3_bind_int64(t, 1, id)
    let status = sqlite3_step(t)
    guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
  }

  /// The history is bound without a copy (`SQLITE_STATIC`, a null destructor) and stepped while
  /// its bytes are in reach; the statement is reset and the binding cleared before they go out
  /// of reach.
  private func saveHistory(_ id: Int64, _ history: [UInt8]) throws {
    let h = saveHistory.sqliteStatement
    sqlite3_reset(h)
    sqlite3_bind_int64(h, 1, id)
    let status = history.withUnsafeBytes { raw in
      _ = sqlite3_bind_blob(h, 2, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), nil)
      defer {
        sqlite3_reset(h)
        sqlite3_bind_null(h, 2)
      }
      return sqlite3_step(h)
    }
    guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
  }

  /// SQLite's "copy the bytes now" destructor, for values bound from a temporary buffer.
  private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) {
    guard let text else {
      sqlite3_bind_null(statement, index)
      return
    }
    var copy = text
    copy.withUTF8 { bytes in
      _ = sqlite3_bind_text(
        statement, index,
        UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(
          to: CChar.self), Int32(bytes.count), transient)
    }
  }
}
