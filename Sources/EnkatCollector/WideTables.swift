import EnkatDataset
import EnkatLog
import EnkatModel
import Foundation
import GRDB
import GRDBSQLite

/// The table an analyst opens in R, Python, sqlite3 or DB Browser: per questionnaire whose
/// definition the store keeps, `data_<id>` (the id with every character other than a letter,
/// digit or `_` as `_`) with one row per case and a column per codebook variable — the cases and
/// values `enkat export` writes for the latest definition (docs/collector.md, "Versions"), don't
/// know and refused as their codes, not asked, no answer and off route as NULL. A collect keeps it
/// up to date for the cases it wrote; a new definition makes it again.
enum WideTables {
  /// Brings every questionnaire's table up to date after a collect wrote the cases in
  /// `temp.touched` (and removed some, when `casesRemoved`).
  static func refresh(_ db: Database, casesRemoved: Bool) throws {
    let definitions = try Store.definitions(db)
    let counts = try Store.versionCounts(db)
    var latest: [String: StoredDefinition] = [:]
    for definition in definitions { latest[definition.questionnaire.id] = definition }
    for (id, definition) in latest.sorted(by: { $0.key < $1.key }) {
      let name = tableName(id)
      let selection = VersionSelection(target: definition.questionnaire, counts: counts, definitions: definitions)
      let made = try String.fetchOne(db, sql: "SELECT digest FROM wide_tables WHERE questionnaire = ?", arguments: [id])
      let wide = WideRows(definition.questionnaire)
      let full = made != definition.digest
      if full {
        try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(name))")
        let columns = wide.codebook.variables.map { v -> String in
          if case .numeric(let decimals) = v.type { return "\(quoted(v.name)) \(decimals == 0 ? "INTEGER" : "REAL")" }
          return "\(quoted(v.name)) TEXT"
        }
        try db.execute(
          sql: """
            CREATE TABLE \(quoted(name)) (id INTEGER PRIMARY KEY, station TEXT NOT NULL, case_id TEXT NOT NULL,
              outcome TEXT NOT NULL, \(columns.joined(separator: ", ")))
            """)
        try db.execute(
          sql: "INSERT OR REPLACE INTO wide_tables (questionnaire, name, digest) VALUES (?, ?, ?)",
          arguments: [id, name, definition.digest])
      } else {
        try db.execute(sql: "DELETE FROM \(quoted(name)) WHERE id IN (SELECT id FROM temp.touched)")
        if casesRemoved {
          try db.execute(sql: "DELETE FROM \(quoted(name)) WHERE id NOT IN (SELECT id FROM cases)")
        }
      }
      let placeholders = Array(repeating: "?", count: 4 + wide.codebook.variables.count).joined(separator: ",")
      let insert = try db.makeStatement(sql: "INSERT INTO \(quoted(name)) VALUES (\(placeholders))")
      try wide.forEachBatch(
        db, storePath: "", versions: selection.included, onlyTouched: !full,
        transform: { info, cells in (info, cells) },
        consume: { rows in
          for (info, cells) in rows { try Self.insert(insert, info, cells) }
        })
    }
  }

  static func tableName(_ questionnaireID: String) -> String {
    "data_" + String(questionnaireID.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
  }

  static func quoted(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private static func insert(_ statement: Statement, _ info: StoredCases.Info, _ cells: [DatasetCell]) throws {
    let s = statement.sqliteStatement
    sqlite3_reset(s)
    sqlite3_bind_int64(s, 1, info.rowID)
    func text(_ index: Int32, _ value: String) {
      var copy = value
      copy.withUTF8 { b in
        _ = sqlite3_bind_text(
          s, index,
          UnsafeRawPointer(b.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
          Int32(b.count), transient)
      }
    }
    text(2, info.station)
    text(3, info.caseID)
    text(4, info.outcome)
    for (k, cell) in cells.enumerated() {
      let index = Int32(5 + k)
      switch cell {
      case .empty: sqlite3_bind_null(s, index)
      case .number(let n): sqlite3_bind_double(s, index, n)
      case .text(let t): text(index, t)
      case .missing(let code, _): sqlite3_bind_double(s, index, Double(code))
      }
    }
    let status = sqlite3_step(s)
    guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
  }
}
