import EnkatDataset
import EnkatExpressions
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
public enum WideTables {
  /// A questionnaire's data table as a collect fills it: for the latest definition of the
  /// questionnaire, taking the cases of the versions that fit it.
  struct Table: Sendable {
    let name: String
    let rows: WideRows
    /// The `qd`s whose cases the table takes (`VersionSelection`).
    let versions: [String]
    let takes: Set<String>
  }

  /// The table of each questionnaire whose definition the store keeps, by questionnaire id, made
  /// (empty) when it was not made for the latest definition; then every case the store has of
  /// it is marked touched (`temp.touched`), for `refresh` to add. A collect adds the rows of the
  /// cases it adds as it goes, and `refresh` the rest.
  static func prepare(_ db: Database) throws -> [String: Table] {
    let definitions = try Store.definitions(db)
    // The versions a table takes are those with a definition that fits the latest; which
    // versions have cases does not change that, so the cases are not counted here.
    let counts = definitions.map {
      VersionCount(
        questionnaireID: $0.questionnaire.id, shortDigest: $0.shortDigest, version: $0.questionnaire.version, cases: 0)
    }
    var latest: [String: StoredDefinition] = [:]
    for definition in definitions { latest[definition.questionnaire.id] = definition }
    var tables: [String: Table] = [:]
    for (id, definition) in latest.sorted(by: { $0.key < $1.key }) {
      let name = tableName(id)
      let selection = VersionSelection(target: definition.questionnaire, counts: counts, definitions: definitions)
      let made = try String.fetchOne(db, sql: "SELECT digest FROM wide_tables WHERE questionnaire = ?", arguments: [id])
      let wide = WideRows(definition.questionnaire)
      if made != definition.digest {
        try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(name))")
        let columns = wide.codebook.variables.map { v -> String in
          if case .numeric(let decimals) = v.type { return "\(quoted(v.name)) \(decimals == 0 ? "INTEGER" : "REAL")" }
          return "\(quoted(v.name)) TEXT"
        }
        try db.execute(
          sql: """
            CREATE TABLE \(quoted(name)) (id INTEGER NOT NULL, station TEXT NOT NULL, case_id TEXT NOT NULL,
              outcome TEXT NOT NULL, \(columns.joined(separator: ", ")), PRIMARY KEY (station, case_id)) WITHOUT ROWID
            """)
        try db.execute(
          sql: "INSERT OR REPLACE INTO wide_tables (questionnaire, name, digest) VALUES (?, ?, ?)",
          arguments: [id, name, definition.digest])
        try db.execute(
          sql: "INSERT OR IGNORE INTO temp.touched SELECT id FROM cases WHERE questionnaire = ?", arguments: [id])
      }
      tables[id] = Table(name: name, rows: wide, versions: selection.included, takes: Set(selection.included))
    }
    return tables
  }

  /// Brings the tables up to date after a collect wrote the cases in `temp.touched` (and
  /// removed some, when `casesRemoved`): their rows are made again from their histories.
  static func refresh(_ db: Database, _ tables: [String: Table], casesRemoved: Bool) throws {
    for (id, table) in tables.sorted(by: { $0.key < $1.key }) {
      let name = quoted(table.name)
      // By the key the table is kept in (the cases' `id`s have no index of their own here), for
      // each touched case (CROSS JOIN: from the touched ones, not a scan of every case).
      try db.execute(
        sql: """
          DELETE FROM \(name) WHERE (station, case_id) IN
            (SELECT c.station, c.case_id FROM temp.touched t CROSS JOIN cases c ON c.id = t.id WHERE c.questionnaire = ?)
          """, arguments: [id])
      if casesRemoved {
        try db.execute(sql: "DELETE FROM \(name) WHERE id NOT IN (SELECT id FROM cases)")
      }
      let insert = try insertStatement(db, table)
      let texts = TextBindings()
      try table.rows.forEachBatch(
        db, storePath: "", versions: table.versions, onlyTouched: true,
        transform: { info, cells in (info, cells) },
        consume: { rows in
          for (info, cells) in rows { try Self.insert(insert, info, cells, texts: texts) }
        })
    }
  }

  /// The statement that adds a row to `table` (`insert`).
  static func insertStatement(_ db: Database, _ table: Table) throws -> Statement {
    let placeholders = Array(repeating: "?", count: 4 + table.rows.codebook.variables.count).joined(separator: ",")
    return try db.makeStatement(sql: "INSERT INTO \(quoted(table.name)) VALUES (\(placeholders))")
  }

  static func tableName(_ questionnaireID: String) -> String {
    "data_" + String(questionnaireID.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
  }

  static func quoted(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

  /// Adds a case's row (`insertStatement`).
  static func insert(
    _ statement: Statement, _ info: StoredCases.Info, _ cells: [DatasetCell], texts: TextBindings
  ) throws {
    let s = statement.sqliteStatement
    sqlite3_reset(s)
    texts.reset()
    sqlite3_bind_int64(s, 1, info.rowID)
    texts.bind(s, 2, info.station)
    texts.bind(s, 3, info.caseID)
    texts.bind(s, 4, info.outcome)
    for (k, cell) in cells.enumerated() {
      let index = Int32(5 + k)
      switch cell {
      case .empty: sqlite3_bind_null(s, index)
      case .number(let n):
        // A whole number as an integer: what SQLite keeps it as, with no conversion per column.
        if let whole = Int64(exactly: n) {
          sqlite3_bind_int64(s, index, whole)
        } else {
          sqlite3_bind_double(s, index, n)
        }
      case .text(let t): texts.bind(s, index, t)
      case .missing(let code, _): sqlite3_bind_int64(s, index, Int64(code))
      }
    }
    let status = sqlite3_step(s)
    guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
  }
}
