import Foundation
import GRDB

/// The sample a team of telephone interviewers shares: an SQLite file made by
/// `enkat sample import` (docs/cati.md). The respondents in the register's order, their sample
/// variables (strata and other register values) and, in a table of their own, their contact data, which is
/// never exported with the answers.
public struct SampleStore {
  /// Why a sample could not be made or opened.
  public enum Failure: Error, CustomStringConvertible {
    case exists(String)
    case notFound(String)
    case unreadable(String, String)

    public var description: String {
      switch self {
      case .exists(let path):
        return "\(path) exists already. A sample is imported once (its calls are kept in it); import into a new file."
      case .notFound(let path):
        return "there is no sample at \(path). Make one with: enkat sample import FILE.csv --into \(path)"
      case .unreadable(let path, let why): return "\(path) cannot be read as a sample: \(why)"
      }
    }
  }

  public let path: String
  let database: DatabaseQueue

  /// The schema of a sample file, version 1.
  static let schema = """
    CREATE TABLE sample_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sample_columns (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL);
    CREATE TABLE respondents (id TEXT PRIMARY KEY, line INTEGER NOT NULL, position INTEGER NOT NULL UNIQUE);
    CREATE TABLE sample_values (id TEXT NOT NULL REFERENCES respondents(id), name TEXT NOT NULL, value TEXT NOT NULL,
      PRIMARY KEY (id, name));
    CREATE TABLE contacts (id TEXT NOT NULL REFERENCES respondents(id), name TEXT NOT NULL, value TEXT NOT NULL,
      PRIMARY KEY (id, name));
    """

  /// Writes `table` as a new sample at `path`, all or nothing: it is written to a file beside it
  /// and renamed into place when complete and on disk.
  public static func create(_ table: SampleTable, source: String, at path: String, now: String) throws {
    let manager = FileManager.default
    guard !manager.fileExists(atPath: path) else { throw Failure.exists(path) }
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    let temporary = path + ".importing-\(getpid())"
    try? manager.removeItem(atPath: temporary)
    do {
      var configuration = Configuration()
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      let queue = try DatabaseQueue(path: temporary, configuration: configuration)
      // Write-ahead logging from the start (it stays with the file), so that interviewers opening
      // it at the same moment never need the exclusive lock that changing the mode takes.
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try queue.write { db in
        try db.execute(sql: schema)
        try db.execute(sql: callSchema)
        for (key, value) in [("format", "enkat sample 1"), ("source", source), ("imported_at", now)] {
          try db.execute(sql: "INSERT INTO sample_info VALUES (?, ?)", arguments: [key, value])
        }
        for (k, column) in table.columns.enumerated() {
          try db.execute(
            sql: "INSERT INTO sample_columns VALUES (?, ?, ?)", arguments: [k, column.name, column.role.rawValue])
        }
        let respondent = try db.makeStatement(sql: "INSERT INTO respondents VALUES (?, ?, ?)")
        let value = try db.makeStatement(sql: "INSERT INTO sample_values VALUES (?, ?, ?)")
        let contact = try db.makeStatement(sql: "INSERT INTO contacts VALUES (?, ?, ?)")
        let id = table.idColumn
        for (position, row) in table.rows.enumerated() {
          try respondent.execute(arguments: [row.values[id], row.line, position])
          for (k, column) in table.columns.enumerated() where k != id {
            try (column.role == .contact ? contact : value).execute(
              arguments: [row.values[id], column.name, row.values[k]])
          }
        }
      }
      try queue.close()
      guard rename(temporary, path) == 0 else { throw Failure.unreadable(path, String(cString: strerror(errno))) }
      let directory = open(
        (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
        O_RDONLY)
      if directory >= 0 {
        fsync(directory)
        close(directory)
      }
    } catch {
      try? manager.removeItem(atPath: temporary)
      throw error
    }
  }

  /// Opens an existing sample.
  public init(opening path: String, configuration: Configuration = Configuration()) throws {
    guard FileManager.default.fileExists(atPath: path) else { throw Failure.notFound(path) }
    self.path = path
    do {
      database = try DatabaseQueue(path: path, configuration: configuration)
      let format = try database.read { db in
        try String.fetchOne(db, sql: "SELECT value FROM sample_info WHERE key = 'format'")
      }
      guard format == "enkat sample 1" else { throw Failure.unreadable(path, "it is not an enkat sample") }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure.unreadable(path, "\(error)")
    }
  }

  /// The columns in the file's order, with their roles.
  public func columns() throws -> [SampleTable.Column] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT name, role FROM sample_columns ORDER BY position").map {
        SampleTable.Column(name: $0["name"], role: SampleTable.Role(rawValue: $0["role"]) ?? .variable)
      }
    }
  }

  /// The number of respondents.
  public func count() throws -> Int {
    try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM respondents") ?? 0 }
  }

  /// A respondent's sample variables (strata and other values) by name; nil when the id is not in the sample.
  public func values(of id: String) throws -> [String: String]? {
    try database.read { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM respondents WHERE id = ?", arguments: [id]) != nil else {
        return nil
      }
      return Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(
          db, sql: "SELECT name, value FROM sample_values WHERE id = ?", arguments: [id]
        ).map { ($0["name"] as String, $0["value"] as String) })
    }
  }

  /// Every respondent in the register's order: its id, its line in the imported file, and all its
  /// columns' values (contact data included).
  public func respondents() throws -> [(id: String, line: Int, values: [String: String])] {
    try database.read { db in
      var values: [String: [String: String]] = [:]
      for table in ["sample_values", "contacts"] {
        for row in try Row.fetchAll(db, sql: "SELECT id, name, value FROM \(table)") {
          values[row["id"], default: [:]][row["name"]] = row["value"]
        }
      }
      return try Row.fetchAll(db, sql: "SELECT id, line FROM respondents ORDER BY position").map { row in
        (row["id"], row["line"], values[row["id"]] ?? [:])
      }
    }
  }

  /// A respondent's sample variables and contact data by column: what preload variables read.
  public func everything(of id: String) throws -> [String: String] {
    (try values(of: id) ?? [:]).merging(try contact(of: id)) { a, _ in a }
  }

  /// A respondent's contact data by field.
  public func contact(of id: String) throws -> [String: String] {
    try database.read { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(
          db, sql: "SELECT name, value FROM contacts WHERE id = ?", arguments: [id]
        ).map { ($0["name"] as String, $0["value"] as String) })
    }
  }
}
