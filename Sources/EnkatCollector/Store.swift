import Foundation
import GRDB
import Glibc

/// The collected store: one SQLite file holding every case read from the field's response files
/// with its full history, what was read of each file, and everything that could not be merged
/// (docs/collector.md).
///
/// The files are the truth: the store can always be rebuilt from them (`enkat collect --rebuild`).
/// One collect is one transaction, so a collect killed half way leaves the store as it was; a
/// second collect on the same store is refused while one runs (an exclusive lock on `STORE.lock`).
public final class Store {
  public let path: String
  let database: DatabaseQueue
  private let lockDescriptor: Int32

  /// Opens (creating if needed) the store at `path` and takes its lock.
  public init(path: String) throws(StoreError) {
    self.path = path
    let lockPath = path + ".lock"
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { throw .cannotOpen(path, String(cString: strerror(errno))) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw .busy(path)
    }
    lockDescriptor = fd
    // The store holds respondents' answers: owner-only, like the response files.
    if access(path, F_OK) != 0 {
      let created = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if created >= 0 { close(created) }
    }
    do {
      var configuration = Configuration()
      configuration.prepareDatabase { db in
        // A rollback journal: a collect appends pages the journal need not copy, where WAL would
        // write every page twice; FULL syncs the journal and the file at each commit.
        try db.execute(sql: "PRAGMA journal_mode = DELETE")
        try db.execute(sql: "PRAGMA synchronous = FULL")
        try db.execute(sql: "PRAGMA cache_size = -65536")
        // 8 KiB pages for a new store (an existing one keeps its own): a history of about 1 KiB
        // leaves less of a page unused than in 4 KiB ones, and a collect makes half as many
        // writes (docs/benchmarks.md).
        try db.execute(sql: "PRAGMA page_size = 8192")
      }
      database = try DatabaseQueue(path: path, configuration: configuration)
      try Self.migrator.migrate(database)
    } catch {
      close(fd)
      throw .cannotOpen(path, "\(error)")
    }
  }

  deinit { close(lockDescriptor) }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            head_crc INTEGER NOT NULL,
            read_crc INTEGER NOT NULL,
            read_offset INTEGER NOT NULL,
            reader_state TEXT NOT NULL,
            collected_at TEXT NOT NULL);
          CREATE TABLE streams (
            id INTEGER PRIMARY KEY,
            questionnaire TEXT NOT NULL,
            station TEXT NOT NULL,
            checksums BLOB NOT NULL,
            UNIQUE (questionnaire, station));
          CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            questionnaire TEXT NOT NULL,
            station TEXT NOT NULL,
            case_id TEXT NOT NULL,
            qd TEXT NOT NULL,
            digest TEXT,
            version TEXT,
            interviewer TEXT,
            language TEXT,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            records INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            revisions INTEGER NOT NULL,
            clears INTEGER NOT NULL,
            answer_ms INTEGER NOT NULL,
            conflict INTEGER NOT NULL DEFAULT 0,
            UNIQUE (questionnaire, station, case_id));
          CREATE INDEX cases_by_version ON cases (questionnaire, qd, conflict, version);
          CREATE TABLE histories (
            id INTEGER PRIMARY KEY REFERENCES cases (id),
            history BLOB NOT NULL);
          CREATE TABLE conflicts (
            questionnaire TEXT NOT NULL,
            station TEXT NOT NULL,
            seq INTEGER NOT NULL,
            case_id TEXT NOT NULL,
            file TEXT NOT NULL,
            line INTEGER NOT NULL,
            raw TEXT NOT NULL,
            UNIQUE (questionnaire, station, seq, raw));
          CREATE TABLE definitions (
            digest TEXT PRIMARY KEY,
            qd TEXT NOT NULL,
            questionnaire TEXT NOT NULL,
            version TEXT NOT NULL,
            source TEXT NOT NULL,
            definition BLOB NOT NULL,
            added_at TEXT NOT NULL);
          CREATE TABLE wide_tables (
            questionnaire TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            digest TEXT NOT NULL);
          CREATE TABLE quarantine (
            file TEXT NOT NULL,
            line INTEGER NOT NULL,
            byte_offset INTEGER NOT NULL,
            kind TEXT NOT NULL,
            problem TEXT NOT NULL,
            bytes BLOB);
          """)
    }
    migrator.registerMigration("v3") { db in
      // Each collect keeps the count of cases per version (`VersionTally`) instead of counting
      // every case again through an index that every new case had to enter.
      try db.execute(
        sql: """
          CREATE TABLE version_counts (
            questionnaire TEXT NOT NULL,
            qd TEXT NOT NULL,
            version TEXT,
            cases INTEGER NOT NULL,
            PRIMARY KEY (questionnaire, qd));
          INSERT INTO version_counts (questionnaire, qd, version, cases)
            SELECT questionnaire, qd, MAX(version), count(*) FROM cases WHERE conflict = 0 GROUP BY questionnaire, qd;
          DROP INDEX cases_by_version;
          """)
    }
    migrator.registerMigration("v4") { db in
      // A history keeps each record's file and line as differences to the record before's
      // (`CaseHistoryCodec`), and a stream's checksums a bit each for which numbers it has
      // (`StreamRecords`): what was written before is written again in those forms.
      // A history that cannot be read is left as it is: its records' layout is unchanged, so it
      // stays unreadable and is reported (StoreError.damaged, pointing to `collect --rebuild`).
      // A checksum list's layout changed, so one that cannot be read is emptied, which is
      // reported the same way, instead of being read as something it is not.
      try rewrite(db, table: "streams", column: "checksums") {
        StreamRecords.checksumsWrittenAgain($0) ?? Data()
      }
      try rewrite(db, table: "histories", column: "history") { bytes in
        CaseHistoryCodec.decode(bytes, placesAsDifferences: false).map { Data(CaseHistoryCodec.encode($0)) }
      }
    }
    return migrator
  }

  /// Writes each row's `column` of `table` again as `transform` makes it (unchanged when nil),
  /// 10,000 rows at a time in `id` order, so memory does not grow with the store.
  private static func rewrite(
    _ db: Database, table: String, column: String, _ transform: ([UInt8]) -> Data?
  ) throws {
    let update = try db.makeStatement(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?")
    var after: Int64 = 0
    while true {
      let rows = try Row.fetchAll(
        db, sql: "SELECT id, \(column) FROM \(table) WHERE id > ? ORDER BY id LIMIT 10000", arguments: [after])
      guard let last = rows.last else { return }
      after = last["id"]
      for row in rows {
        guard let value = transform([UInt8]((row[column] as Data?) ?? Data())) else { continue }
        let id: Int64 = row["id"]
        try update.execute(arguments: [value, id])
      }
    }
  }
}

/// Why the store could not be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case cannotOpen(String, String)
  case busy(String)
  case failed(String, String)
  /// Something in the store (named by the second value) is not what enkat writes.
  case damaged(String, String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let why):
      return "cannot open the store \(path): \(why). Check the path and its permissions."
    case .busy(let path):
      return
        "the store \(path) is being written by another enkat collect; wait for it to finish (one collect at a time)."
    case .failed(let path, let why):
      return "the collect into \(path) failed and was rolled back, so the store is as it was: \(why)"
    case .damaged(let path, let what):
      return
        "the store \(path) is damaged: \(what) cannot be read. The response files are the truth: make the store again with enkat collect --rebuild --into \(path)"
    }
  }
}

extension Store {
  /// The quarantine, one line per entry: file:line (byte offset): kind: the problem.
  public func quarantineListing() throws -> [String] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT file, line, byte_offset, kind, problem FROM quarantine ORDER BY file, byte_offset"
      )
      .map { row in
        let file: String = row["file"]
        let line: Int = row["line"]
        let offset: Int = row["byte_offset"]
        let kind: String = row["kind"]
        let problem: String = row["problem"]
        return "\(file):\(line) (byte \(offset)): \(kind): \(problem)"
      }
    }
  }
}
