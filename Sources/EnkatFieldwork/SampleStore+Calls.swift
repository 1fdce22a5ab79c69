import Foundation
import GRDB

/// The calls of a sample and who is on which case: what the CATI interviewers of one machine
/// share (docs/cati.md). Every attempt is written in one transaction that is on disk (synchronous
/// FULL) before the next case is offered; a claim is taken in the same transaction that checks it
/// is free, so two interviewers never get the same case.
extension SampleStore {
  static let callSchema = """
    CREATE TABLE IF NOT EXISTS calls (
      seq INTEGER PRIMARY KEY, case_id TEXT NOT NULL, interviewer TEXT NOT NULL, station TEXT NOT NULL,
      at INTEGER NOT NULL, outcome TEXT NOT NULL, appointment INTEGER, note TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS calls_by_case ON calls (case_id);
    CREATE TABLE IF NOT EXISTS interviews (case_id TEXT PRIMARY KEY, station TEXT NOT NULL, since INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS claims (case_id TEXT PRIMARY KEY, token TEXT NOT NULL, interviewer TEXT NOT NULL,
      since INTEGER NOT NULL);
    """

  /// Opens a sample for calling: write-ahead logging so that several interviewers read while one
  /// writes, a wait when another is writing, and the call tables.
  public static func forCalling(_ path: String) throws -> SampleStore {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    let store = try SampleStore(opening: path, configuration: configuration)
    // A sample made by an earlier enkat may lack write-ahead logging or the call tables: added
    // once, by whichever interviewer comes first (the others wait for it).
    let ready = try store.database.read { db in
      try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" && db.tableExists("claims")
    }
    if !ready {
      try store.database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.inTransaction(.immediate) {
          try db.execute(sql: callSchema)
          return .commit
        }
      }
    }
    return store
  }

  /// Every attempt so far, in order; with `caseID`, that case's alone.
  public func attempts(of caseID: String? = nil) throws -> [CallQueue.Attempt] {
    try database.read { db in try db.tableExists("calls") ? Self.attempts(db, of: caseID) : [] }
  }

  private static func attempts(_ db: Database, of caseID: String? = nil) throws -> [CallQueue.Attempt] {
    try Row.fetchAll(
      db,
      sql:
        "SELECT case_id, interviewer, at, outcome, appointment FROM calls WHERE ?1 IS NULL OR case_id = ?1 ORDER BY seq",
      arguments: [caseID]
    ).map { row in
      CallQueue.Attempt(
        caseID: row["case_id"], interviewer: row["interviewer"], at: row["at"],
        outcome: CallOutcome(rawValue: row["outcome"]) ?? .noAnswer, appointment: row["appointment"])
    }
  }

  /// The respondents' ids in the register's order.
  public func caseIDs() throws -> [String] {
    try database.read { db in try String.fetchAll(db, sql: "SELECT id FROM respondents ORDER BY position") }
  }

  /// Each respondent's stratum values (for quotas and status).
  public func strata() throws -> [String: [String: String]] {
    try database.read { db in
      var out: [String: [String: String]] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT v.id, v.name, v.value FROM sample_values v JOIN sample_columns c ON c.name = v.name
          WHERE c.role = 'stratum'
          """)
      {
        out[row["id"], default: [:]][row["name"]] = row["value"]
      }
      return out
    }
  }

  /// Claims the next case for `claimant` by the queue's priority, skipping cases claimed by a
  /// living interviewer, cases whose interview began on another station (it is resumed where its
  /// answers are), and those `blocked` says may not be offered (a full quota); releases the claims
  /// of interviewers that died. Nil when there is nothing to call now.
  public func claimNext(
    for claimant: Claimant, interviewer: String, station: String = "", at now: Int, policy: CallQueue.Policy,
    blocked: @escaping (String) -> Bool = { _ in false }
  ) throws -> CallQueue.Offer? {
    try immediate { db in
      var claimed: Set<String> = []
      for row in try Row.fetchAll(db, sql: "SELECT case_id, token FROM claims") {
        let token: String = row["token"]
        if token == claimant.token || Claimant.isAlive(token, sample: path) {
          claimed.insert(row["case_id"])
        } else {
          try db.execute(sql: "DELETE FROM claims WHERE token = ?", arguments: [token])
        }
      }
      let elsewhere = Set(
        try String.fetchAll(db, sql: "SELECT case_id FROM interviews WHERE station != ?", arguments: [station]))
      let attempts = try Self.attempts(db)
      let ids = try String.fetchAll(db, sql: "SELECT id FROM respondents ORDER BY position")
      let queue = CallQueue(cases: ids, attempts: attempts, policy: policy)
      guard
        let offer = queue.next(
          at: now, blocked: { claimed.contains($0) || elsewhere.contains($0) || blocked($0) })
      else { return nil }
      try db.execute(
        sql: "INSERT INTO claims VALUES (?, ?, ?, ?)", arguments: [offer.caseID, claimant.token, interviewer, now])
      return offer
    }
  }

  /// Runs `body` in an IMMEDIATE transaction: the write lock is taken at its start, so what it
  /// reads cannot change before it writes.
  private func immediate<T>(_ body: (Database) throws -> T) throws -> T {
    try database.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.immediate) {
        result = try body(db)
        return .commit
      }
      return result!
    }
  }

  /// Records an attempt and releases the case's claim, in one transaction on disk before it returns.
  public func record(_ attempt: CallQueue.Attempt, station: String, note: String = "") throws {
    try immediate { db in
      try db.execute(
        sql:
          "INSERT INTO calls (case_id, interviewer, station, at, outcome, appointment, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          attempt.caseID, attempt.interviewer, station, attempt.at, attempt.outcome.rawValue, attempt.appointment, note,
        ])
      try db.execute(sql: "DELETE FROM claims WHERE case_id = ?", arguments: [attempt.caseID])
    }
  }

  /// Notes that the case's interview begins on `station` (before its first record is written),
  /// so that no other station starts it again: it is resumed where its answers are.
  public func interviewBegins(_ caseID: String, station: String, at now: Int) throws {
    try immediate { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO interviews VALUES (?, ?, ?)", arguments: [caseID, station, now])
    }
  }

  /// Releases a claim without an attempt (the interviewer stopped before calling).
  public func release(_ caseID: String) throws {
    try immediate { db in try db.execute(sql: "DELETE FROM claims WHERE case_id = ?", arguments: [caseID]) }
  }
}
